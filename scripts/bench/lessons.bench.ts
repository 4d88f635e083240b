/**
 * Lesson pages on a slow phone: compressed bytes of HTML + CSS, and server time, for an English
 * and an Arabic Line Up Live Up lesson, served by a production-mode app over real HTTP.
 */
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { BenchOptions, BenchRow } from '../bench.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { buildDeps, PROJECT_ROOT } from '../../server/container.js';
import { createLogger } from '../../server/log.js';
import { sample } from './timing.js';

const LESSON = '/courses/line-up-live-up/modules/m1-sport-and-prevention/lessons/l1-from-doha-to-the-field';

export async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-lessons-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    SQLITE_FILE: join(dir, 'p.db'),
    DATA_DIR: dir,
    RATE_LIMIT: 'false',
  });
  const deps = await buildDeps(config, createLogger('silent'));
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookies = new Map<string, string>();
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(base + path, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [kv = ''] = c.split(';');
      const [k = '', v = ''] = kv.split('=');
      cookies.set(k, v);
    }
    return res;
  };
  const form = async (page: string, action: string, fields: Record<string, string>) => {
    const html = await (await call(page)).text();
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    return call(action, {
      method: 'POST',
      body: new URLSearchParams({ ...fields, _csrf }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  };
  const password = 'slow phone passphrase 2026';
  const reg = await form('/register', '/register', {
    email: 'bench@example.org',
    password,
    passwordConfirm: password,
    displayName: 'Bench',
    country: 'KG',
    sex: 'female',
    sector: 'education-sport',
    organisation: '',
    language: 'en',
  });
  if (reg.status !== 303) throw new Error(`registration failed: ${reg.status} ${(await reg.text()).slice(0, 300)}`);
  await form('/courses/line-up-live-up', '/courses/line-up-live-up/enrol', {});

  const css = readFileSync(join(PROJECT_ROOT, 'public/css/site.css'));
  const rows: BenchRow[] = [];
  for (const lang of ['en', 'ar']) {
    await call(`/lang/${lang}?next=/`);
    const html = Buffer.from(await (await call(LESSON)).arrayBuffer());
    const gz = gzipSync(html, { level: 6 }).length + gzipSync(css, { level: 6 }).length;
    const t = await sample(opts.quick ? 50 : 300, async () => {
      await (await call(LESSON, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
    });
    rows.push(
      {
        group: 'lesson page',
        name: `${lang}: HTML + CSS, gzip`,
        value: Math.round(gz / 102.4) / 10,
        unit: 'KB',
        note: 'target 30 KB',
      },
      {
        group: 'lesson page',
        name: `${lang}: server time p50`,
        value: t.p50,
        unit: 'ms',
        note: 'incl. writing the experienced statement',
      },
      { group: 'lesson page', name: `${lang}: server time p99`, value: t.p99, unit: 'ms' },
    );
  }
  // The tracker's scripts, as served (compressed); cached for 7 days after the first lesson.
  let scripts = 0;
  for (const src of ['/public/vendor/xapi.umd.js', '/public/js/tracker.js']) {
    scripts += gzipSync(Buffer.from(await (await call(src)).arrayBuffer()), { level: 6 }).length;
  }
  rows.push({
    group: 'lesson page',
    name: 'tracker scripts (@xapi/xapi bundle + tracker.js), gzip',
    value: Math.round(scripts / 102.4) / 10,
    unit: 'KB',
    note: 'first lesson only, then cached',
  });
  server.close();
  await deps.store.close();
  return rows;
}
