/**
 * Course packages: importing a generated 100 MB package of 5,000 files (time, and peak memory of the
 * importing process), a cmi5 launch (session, launched statement, LaunchData, preferences), and
 * package files served over HTTP against an Express hello-world measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import type { BenchOptions, BenchRow } from '../bench.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { buildDeps, PROJECT_ROOT } from '../../server/container.js';
import { createLogger } from '../../server/log.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { sample } from './timing.js';
import { writeZip, type ZipEntry } from '../lib/zip-writer.js';

const xml = (
  files: number,
) => `<?xml version="1.0"?><courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
<course id="https://bench.example.org/course"><title><langstring lang="en">Bench course</langstring></title><description><langstring lang="en">${files} files</langstring></description></course>
<au id="https://bench.example.org/au/1" moveOn="Completed"><title><langstring lang="en">Unit</langstring></title><url>index.html</url></au></courseStructure>`;

function bigPackage(dir: string, files: number, bytes: number): string {
  const each = Math.floor(bytes / files);
  const entries: ZipEntry[] = [
    { name: 'cmi5.xml', data: xml(files) },
    { name: 'index.html', data: '<!doctype html><title>Unit</title><p>Unit</p>' },
  ];
  for (let i = 0; i < files - 2; i++)
    entries.push({ name: `media/part-${Math.floor(i / 500)}/file-${i}.bin`, data: randomBytes(each) });
  return writeZip(join(dir, 'big.zip'), entries);
}

async function rate(url: string, seconds: number): Promise<number> {
  const r = await autocannon({ url, connections: 20, duration: seconds });
  return r.requests.average;
}

export async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-packages-'));
  const rows: BenchRow[] = [];
  const files = opts.quick ? 1_000 : 5_000;
  const bytes = opts.quick ? 20 * 1024 ** 2 : 100 * 1024 ** 2;
  opts.log(`generating a ${bytes / 1024 ** 2} MB package of ${files} files`);
  const zip = bigPackage(dir, files, bytes);

  // The import runs in its own process, as `npm run import-package` does, so its peak memory is its own.
  const env = { ...process.env, SQLITE_FILE: join(dir, 'p.db'), DATA_DIR: dir, LOG_LEVEL: 'silent' };
  await openSqliteStore(env.SQLITE_FILE).close();
  const t0 = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, '--import', 'tsx', 'scripts/import-package.ts', zip, '--publish'],
    { cwd: PROJECT_ROOT, env, encoding: 'utf8' },
  );
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
  const rssKb = Number(run.stderr.trim().split('\n').pop());
  const importMs = Number(/ in (\d+) ms/.exec(run.stderr)?.[1] ?? NaN);
  rows.push(
    {
      group: 'packages',
      name: `import ${bytes / 1024 ** 2} MB, ${files} files: checks, unpacking, record`,
      value: Math.round(importMs / 100) / 10,
      unit: 's',
      note: 'target 10 s for 100 MB',
    },
    {
      group: 'packages',
      name: '  the whole import-package command, start-up included',
      value: Math.round(seconds * 10) / 10,
      unit: 's',
    },
    {
      group: 'packages',
      name: 'import peak memory (RSS of the process)',
      value: Math.round(rssKb / 1024),
      unit: 'MB',
      note: 'target 200 MB; the app at rest takes ~190 MB',
    },
  );
  rmSync(zip);

  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 'p'.repeat(40),
    LOG_LEVEL: 'silent',
    SQLITE_FILE: env.SQLITE_FILE,
    DATA_DIR: dir,
    RATE_LIMIT: 'false',
  });
  const deps = await buildDeps(config, createLogger('silent'));
  const slug = deps.catalogue.list('en').find((c) => c.title.value === 'Bench course')!.slug;
  const user = await deps.accounts.register({
    email: 'bench@example.org',
    password: 'slow line, long passphrase',
    displayName: 'Bench',
    country: 'KE',
    sex: 'female',
    sector: 'police',
    organisation: '',
    language: 'en',
  });
  await deps.learning.enrol(user, slug, 'en');
  const launch = await sample(opts.quick ? 50 : 300, () => deps.cmi5.launch(user, slug, 'm0', 'au-1', 'en'));
  rows.push({
    group: 'packages',
    name: 'cmi5 launch (session, launched, LaunchData, preferences) p50',
    value: Math.round(launch.p50 * 100) / 100,
    unit: 'ms',
    note: 'target 20 ms',
  });

  const server = createApp(deps).listen(0, '127.0.0.1');
  const hello = express()
    .get('/', (_req, res) => {
      res.send('Hello World!');
    })
    .listen(0, '127.0.0.1');
  await Promise.all([new Promise((r) => server.once('listening', r)), new Promise((r) => hello.once('listening', r))]);
  const seconds2 = opts.quick ? 3 : 8;
  const reference = await rate(`http://127.0.0.1:${(hello.address() as AddressInfo).port}/`, seconds2);
  const content = await rate(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}/content/${slug}/1/index.html`,
    seconds2,
  );
  rows.push(
    { group: 'packages', name: 'Express hello-world (reference)', value: Math.round(reference), unit: 'req/s' },
    {
      group: 'packages',
      name: 'package file served',
      value: Math.round(content),
      unit: 'req/s',
      note: `${Math.round((content / reference) * 100)}% of the reference; target 50%`,
    },
  );
  server.close();
  hello.close();
  await deps.store.close();
  return rows;
}
