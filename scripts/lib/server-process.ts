/**
 * A Praxis server in its own process, started the way `npm start` starts it, for the HTTP benchmark
 * and the load test: the measuring process never shares an event loop with the measured one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `node --import tsx server/main.ts` with only the given environment (plus PATH) and waits until it listens. */
export async function startPraxis(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return listening(child, /"port":(\d+)[^\n]*Praxis is listening/, timeoutMs);
}

/** An Express hello-world on the same Node, the reference every HTTP ratio is measured against. */
export async function startHelloWorld(): Promise<ServerProcess> {
  const code = `const express = require('express');
const app = express();
app.get('/', (_req, res) => res.send('Hello World!'));
const server = app.listen(0, '127.0.0.1', () => console.log('hello-world listening on port ' + server.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return listening(child, /listening on port (\d+)/, 20_000);
}

function listening(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<ServerProcess> {
  let out = '';
  const keep = (d: Buffer) => {
    // Request logs would grow without bound under load; the start-up lines are all that is read.
    if (out.length < 200_000) out += d.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 12_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const m = pattern.exec(out);
      if (!m) return;
      clearInterval(timer);
      clearTimeout(deadline);
      resolve({ base: `http://127.0.0.1:${m[1]}`, child, output: () => out, stop });
    }, 50);
    const deadline = setTimeout(() => {
      clearInterval(timer);
      void stop();
      reject(new Error(`the server did not start within ${timeoutMs / 1000} s:\n${out.slice(-2000)}`));
    }, timeoutMs);
    void exited.then(() => {
      clearInterval(timer);
      clearTimeout(deadline);
      reject(new Error(`the server exited before listening:\n${out.slice(-2000)}`));
    });
  });
}
