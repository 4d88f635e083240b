import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

/** The arguments `npm run <script>` gives server/main.ts, read from package.json (tsx runs it on this Node). */
function scriptArgs(script: 'start' | 'dev'): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const words = (scripts[script] ?? '').split(/\s+/);
  const at = words.indexOf('server/main.ts');
  if (words[0] !== 'tsx' || at < 0) throw new Error(`unexpected ${script} script: ${scripts[script]}`);
  return words.slice(at + 1);
}

function startMain(
  env: Record<string, string>,
  args: string[] = [],
  dir = mkdtempSync(join(tmpdir(), 'praxis-main-')),
) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
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
  return { child, listening, exited, dir, output: () => out };
}

async function stopMain(proc: ReturnType<typeof startMain>) {
  proc.child.kill('SIGTERM');
  return proc.exited;
}

// Each test starts Node and tsx from cold; on a busy two-core machine that alone can take 20 s.
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
    const proc = startMain({ NODE_ENV: 'production', PORT: 'x', SESSION_SECRET: 'short' });

    const code = await proc.exited;

    expect(code).toBe(1);
    expect(proc.output()).toContain('PORT');
    expect(proc.output()).toContain('SESSION_SECRET: use at least 32 random characters');
  });

  it('starts as `npm start` does in production mode (view cache on, JSON logs) on a fresh data directory with no configuration, and keeps the generated secret', async () => {
    const args = scriptArgs('start');
    const first = startMain({}, args);
    const port = await first.listening;
    const home = await fetch(`http://127.0.0.1:${port}/`);
    const firstCode = await stopMain(first);
    const secretFile = join(first.dir, 'session-secret');
    const secret = readFileSync(secretFile, 'utf8');
    const again = startMain({}, args, first.dir);
    await again.listening;
    await stopMain(again);

    expect(home.status).toBe(200);
    expect(firstCode).toBe(0);
    const listening =
      first
        .output()
        .split('\n')
        .find((l) => l.includes('Praxis is listening')) ?? '';
    expect(JSON.parse(listening)).toMatchObject({ mode: 'production', viewCache: true, store: 'sqlite' });
    expect(first.output()).toContain('generated one and kept it in this file (mode 0600)');
    expect(first.output()).toContain(secretFile);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(secret.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(secretFile, 'utf8')).toBe(secret);
    expect(again.output()).toContain('using the one kept in this file');
  });

  it('runs in development mode with the view cache off as `npm run dev` starts it', async () => {
    const proc = startMain({}, scriptArgs('dev'));
    await proc.listening;
    await stopMain(proc);

    expect(proc.output()).toMatch(/"mode":"development","viewCache":false/);
  });
});
