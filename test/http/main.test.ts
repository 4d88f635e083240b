import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

function startMain(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-main-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      SQLITE_FILE: join(dir, 'p.db'),
      DATA_DIR: dir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /"port":(\d+).*Praxis is listening/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 50);
    exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited before listening:\n${out}`));
    });
  });
  listening.catch(() => {}); // a test that expects the start to fail never awaits it
  return { child, listening, exited, output: () => out };
}

describe('server process', { timeout: 90_000 }, () => {
  it('starts on SQLite, serves requests, and shuts down cleanly on SIGTERM with exit code 0', async () => {
    const proc = startMain({});
    const port = await proc.listening;

    const health = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.json());
    proc.child.kill('SIGTERM');
    const code = await proc.exited;

    expect(health).toEqual({ status: 'ready', store: 'sqlite' });
    expect(code).toBe(0);
    expect(proc.output()).toContain('shutting down');
    expect(proc.output()).toContain('"msg":"stopped"');
    expect(proc.output()).toContain('SESSION_SECRET is not set');
  });

  it('refuses to start with bad configuration, listing every problem', async () => {
    const proc = startMain({ NODE_ENV: 'production', PORT: 'x' });

    const code = await proc.exited;

    expect(code).toBe(1);
    expect(proc.output()).toContain('PORT');
    expect(proc.output()).toContain('SESSION_SECRET: required in production');
  });
});
