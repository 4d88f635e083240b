import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient } from '../../scripts/lib/browser-client.js';
import { ROOT, type ServerProcess, startPraxis } from '../../scripts/lib/server-process.js';
import { cmi5Package } from '../support/cmi5-packages.js';
import { eventually } from '../support/eventually.js';

interface Listening {
  port: number;
  worker: number;
  pid: number;
}
const listeningLines = (log: string): Listening[] =>
  log
    .split('\n')
    .filter((l) => l.includes('Praxis is listening'))
    .map((l) => JSON.parse(l) as Listening);

/** A new connection per request, so the primary hands each to the next worker in turn. */
const fresh = (url: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(url, { agent: false, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('timeout', function (this: { destroy: (e: Error) => void }) {
        this.destroy(new Error(`no answer from ${url} within 10 s`));
      })
      .on('error', reject);
  });

// Two workers start Node and tsx from cold, one after the other: allow for a busy machine.
describe('workers (WEB_CONCURRENCY)', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-workers-'));
  const env = { DATA_DIR: dir, SQLITE_FILE: join(dir, 'praxis.db'), WEB_CONCURRENCY: '2', RATE_LIMIT: 'false' };
  let praxis: ServerProcess;

  beforeAll(async () => {
    praxis = await startPraxis(env, join(dir, 'server.log'));
    await eventually(
      async () => listeningLines(praxis.output()).length,
      (n) => n === 2,
      'both workers listening',
    );
  }, 120_000);
  afterAll(async () => praxis?.stop());

  it('runs two workers on one port, one of them leading the sweeps', () => {
    const [a, b] = listeningLines(praxis.output());
    expect(a?.port).toBe(b?.port);
    expect(new Set([a?.worker, b?.worker])).toEqual(new Set([1, 2]));
    expect(a?.pid).not.toBe(b?.pid);
    expect(praxis.output().match(/leading worker/g)).toHaveLength(1);
  });

  it('shares a course package published in one worker with every other worker', async () => {
    const admin = { email: 'workers-admin@example.org', password: 'a long admin passphrase' };
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/create-admin.ts',
        '--email',
        admin.email,
        '--password',
        admin.password,
        '--country',
        'KE',
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } },
    );
    const client = new BrowserClient(praxis.base);
    expect((await client.submit('/signin', '/signin', admin)).status).toBe(303);
    const page = await (await client.call('/admin/courses')).text();
    const form = new FormData();
    form.set('_csrf', /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '');
    form.set('publish', 'yes');
    form.set('package', new Blob([readFileSync(cmi5Package({ title: 'Shared by every worker' }))]), 'course.zip');
    const upload = await client.call('/admin/packages', { method: 'POST', body: form });
    expect(upload.status).toBe(303);

    // Anonymous catalogue pages, each on a new connection: both workers answer, and both list the course.
    const pages = await eventually(
      () => Promise.all([0, 1, 2, 3, 4, 5].map(() => fresh(`${praxis.base}/courses`))),
      (all) => all.every((p) => p.body.includes('Shared by every worker')),
      'the course on every worker',
      50,
    );
    expect(pages.every((p) => p.status === 200)).toBe(true);
  });

  it('replaces a worker that dies, and keeps answering meanwhile', async () => {
    const [, second] = listeningLines(praxis.output());
    process.kill(second?.pid ?? 0, 'SIGKILL');
    // Once the primary has seen the death, the other worker answers while the replacement starts.
    await eventually(
      async () => praxis.output(),
      (log) => log.includes('a worker stopped unexpectedly: starting another'),
      'the primary noticing the death',
    );
    expect((await fresh(`${praxis.base}/readyz`)).status).toBe(200);
    await eventually(
      async () => listeningLines(praxis.output()).length,
      (n) => n === 3,
      'a new worker listening',
      900, // a worker starting from cold on a busy machine
    );
    for (let i = 0; i < 4; i++) expect((await fresh(`${praxis.base}/readyz`)).status).toBe(200);
  });

  it('stops every worker on SIGTERM, and the primary with exit code 0', async () => {
    const pids = listeningLines(praxis.output()).map((l) => l.pid);
    await praxis.stop();
    expect(praxis.child.exitCode).toBe(0);
    const running = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(running).toEqual([]);
  });
});
