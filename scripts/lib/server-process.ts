/**
 * A Praxis server in its own process, started the way `npm start` starts it, for the HTTP benchmark
 * and the load test: the measuring process never shares an event loop with the measured one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `node --import tsx server/main.ts` with only the given environment (plus PATH) and waits until
 * it listens. Its log goes to `logFile`, as in production: a pipe that this busy process drains late
 * would make the server wait on its own request log and skew the figures.
 */
export async function startPraxis(
  env: Record<string, string>,
  logFile: string,
  timeoutMs = 90_000,
): Promise<ServerProcess> {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  return listening(child, /"port":(\d+)[^\n]*Praxis is listening/, timeoutMs, () => readFileSync(logFile, 'utf8'));
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

function listening(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
  fromFile?: () => string,
): Promise<ServerProcess> {
  let piped = '';
  const keep = (d: Buffer) => {
    if (piped.length < 200_000) piped += d.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = fromFile ?? (() => piped);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 12_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const m = pattern.exec(output());
      if (!m) return;
      clearInterval(timer);
      clearTimeout(deadline);
      resolve({ base: `http://127.0.0.1:${m[1]}`, child, output, stop });
    }, 50);
    const deadline = setTimeout(() => {
      clearInterval(timer);
      void stop();
      reject(new Error(`the server did not start within ${timeoutMs / 1000} s:\n${output().slice(-2000)}`));
    }, timeoutMs);
    void exited.then(() => {
      clearInterval(timer);
      clearTimeout(deadline);
      reject(new Error(`the server exited before listening:\n${output().slice(-2000)}`));
    });
  });
}
