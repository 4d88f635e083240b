/**
 * LRS ingest and query speed on a fresh SQLite file per size, through a real HTTP server.
 * Targets (issue 4): ingest >= 5,000 statements/s in batches of 50; query p50 <= 10 ms at 1M and
 * at most twice the 10k figure. A bare better-sqlite3 insert of the same statements shows what our
 * HTTP + validation + indexing costs, as a ratio.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BenchOptions, BenchRow } from '../bench.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { buildDeps, LEDGER_HOOKS } from '../../server/container.js';
import { createLogger } from '../../server/log.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { generateStatements } from '../lib/statement-generator.js';
import { sample } from './timing.js';
import { seededRandom } from '../lib/random.js';

const PUBLIC_URL = 'https://praxis.bench';
const BATCH = 50;
const CHUNK = 5_000; // statements generated (untimed) before each timed burst of POSTs
const IN_FLIGHT = 4;
const SAMPLES = 200;
const PAGE = 100;

type Json = Record<string, unknown>;
interface Picks {
  actors: Json[];
  verbs: string[];
  lessons: string[];
  courses: string[];
  registrations: string[];
}

export async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  const sizes = opts.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const rows: BenchRow[] = [];
  const p50s = new Map<string, number>();
  for (const size of sizes) {
    const label = size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`;
    const result = await benchSize(size, opts.log);
    rows.push({
      group: `lrs ${label}`,
      name: 'POST /xapi/statements (batches of 50)',
      value: Math.round(result.ingest),
      unit: 'stmt/s',
      note: result.ingest >= 5000 ? 'target >= 5,000: met' : 'target >= 5,000: MISSED',
    });
    rows.push({
      group: `lrs ${label}`,
      name: 'bare better-sqlite3 insert',
      value: Math.round(result.bare),
      unit: 'stmt/s',
      note: `${(result.bare / result.ingest).toFixed(1)}x the LRS rate`,
    });
    for (const [name, t] of result.queries) {
      const base = p50s.get(name);
      if (base === undefined) p50s.set(name, t.p50);
      const ratio = base === undefined ? '' : `, ${(t.p50 / base).toFixed(2)}x 10k`;
      const verdict =
        size >= 1e6
          ? t.p50 <= 10 && (base === undefined || t.p50 <= 2 * base)
            ? ' (target met)'
            : ' (target MISSED)'
          : '';
      rows.push({
        group: `lrs ${label}`,
        name: `GET ${name} p50`,
        value: round(t.p50),
        unit: 'ms',
        note: `p99 ${round(t.p99)} ms${ratio}${verdict}`,
      });
    }
  }
  return rows;
}

const round = (n: number) => Math.round(n * 100) / 100;

async function benchSize(size: number, log: (m: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-'));
  const file = join(dir, 'praxis.db');
  const store = openSqliteStore(file, LEDGER_HOOKS);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SQLITE_FILE: file,
    DATA_DIR: dir,
    RATE_LIMIT: 'false',
    PUBLIC_URL,
  });
  const deps = await buildDeps(config, createLogger('silent'), store);
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi`;
  const client = await deps.xapi.clients.create({ name: 'bench', scopes: ['all'] });
  const headers = {
    Authorization: `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`,
    'X-Experience-API-Version': '1.0.3',
    'Content-Type': 'application/json',
  };
  const bare = bareDb(join(dir, 'bare.db'));
  try {
    log(`lrs: loading ${size.toLocaleString('en')} statements`);
    const { ingest, bareRate, picks, storedFrom, storedTo } = await load(size, base, headers, bare, log);
    log('lrs: querying');
    const queries = await runQueries(base, headers, picks, storedFrom, storedTo);
    return { ingest, bare: bareRate, queries };
  } finally {
    bare.close();
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function bareDb(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE statements (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO statements (id, body) VALUES (?, ?)');
  const batch = db.transaction((list: Json[]) => {
    for (const s of list) insert.run(s.id, JSON.stringify(s));
  });
  return { insert: batch, close: () => db.close() };
}

async function load(
  size: number,
  base: string,
  headers: Record<string, string>,
  bare: ReturnType<typeof bareDb>,
  log: (m: string) => void,
) {
  const gen = generateStatements({ seed: 42, publicUrl: PUBLIC_URL, count: size });
  const r = seededRandom(7);
  const picks: Picks = { actors: [], verbs: [], lessons: [], courses: [], registrations: [] };
  const keep = <T>(list: T[], v: T) => {
    if (list.length < 500) list.push(v);
    else if (r.chance(0.01)) list[r.int(0, 499)] = v;
  };
  let httpMs = 0;
  let bareMs = 0;
  let sent = 0;
  const storedFrom = new Date();
  const sender = postingWorker(base, headers);
  try {
    while (sent < size) {
      const chunk: Json[] = [];
      for (let i = 0; i < CHUNK && sent + chunk.length < size; i++) {
        const next = gen.next();
        if (next.done) break;
        chunk.push(next.value as Json);
      }
      if (chunk.length === 0) break;
      for (const s of chunk.filter((_, i) => i % 97 === 0)) {
        const ctx = s.context as Json;
        keep(picks.actors, s.actor as Json);
        keep(picks.verbs, (s.verb as Json).id as string);
        keep(picks.lessons, (s.object as Json).id as string);
        keep(picks.courses, ((ctx.contextActivities as Json).grouping as Json[])[0]?.id as string);
        keep(picks.registrations, ctx.registration as string);
      }
      const bodies: string[] = [];
      for (let i = 0; i < chunk.length; i += BATCH) bodies.push(JSON.stringify(chunk.slice(i, i + BATCH)));

      let t0 = performance.now();
      await sender.send(bodies);
      httpMs += performance.now() - t0;

      t0 = performance.now();
      for (let i = 0; i < chunk.length; i += BATCH) bare.insert(chunk.slice(i, i + BATCH));
      bareMs += performance.now() - t0;
      sent += chunk.length;
      if (sent % 100_000 === 0)
        log(`lrs: ${sent.toLocaleString('en')} loaded (${Math.round(sent / (httpMs / 1000))} stmt/s)`);
    }
  } finally {
    await sender.close();
  }
  return { ingest: sent / (httpMs / 1000), bareRate: sent / (bareMs / 1000), picks, storedFrom, storedTo: new Date() };
}

/**
 * The HTTP client runs in its own thread, as a real authoring tool is another program: the server's
 * event loop is what is measured, not the JSON and fetch work of the sender.
 */
function postingWorker(base: string, headers: Record<string, string>) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    parentPort.on('message', async (bodies) => {
      let next = 0;
      const one = async () => {
        while (next < bodies.length) {
          const res = await fetch(workerData.url, { method: 'POST', headers: workerData.headers, body: bodies[next++] });
          const text = await res.text();
          if (res.status !== 200) throw new Error('POST /statements: ' + res.status + ' ' + text);
        }
      };
      try { await Promise.all(Array.from({ length: ${IN_FLIGHT} }, one)); parentPort.postMessage(null); }
      catch (err) { parentPort.postMessage(String(err)); }
    });`;
  const worker = new Worker(code, { eval: true, workerData: { url: `${base}/statements`, headers } });
  return {
    send: (bodies: string[]) =>
      new Promise<void>((resolve, reject) => {
        worker.once('message', (err: string | null) => (err ? reject(new Error(err)) : resolve()));
        worker.postMessage(bodies);
      }),
    close: () => worker.terminate(),
  };
}

async function runQueries(base: string, headers: Record<string, string>, picks: Picks, from: Date, to: Date) {
  const r = seededRandom(11);
  const get = async (params: Record<string, string>) => {
    const res = await fetch(`${base}/statements?${new URLSearchParams({ limit: String(PAGE), ...params })}`, {
      headers,
    });
    if (res.status !== 200) throw new Error(`GET /statements: ${res.status} ${await res.text()}`);
    return (await res.json()) as { statements: unknown[]; more: string };
  };
  const span = to.getTime() - from.getTime();
  const window = () => {
    const start = from.getTime() + r.next() * span * 0.98;
    return { since: new Date(start).toISOString(), until: new Date(start + span / 50).toISOString() };
  };
  const cases: [string, () => Record<string, string>][] = [
    ['agent', () => ({ agent: JSON.stringify(r.pick(picks.actors)) })],
    ['agent+verb', () => ({ agent: JSON.stringify(r.pick(picks.actors)), verb: r.pick(picks.verbs) })],
    ['activity', () => ({ activity: r.pick(picks.lessons) })],
    ['related_activities', () => ({ activity: r.pick(picks.courses), related_activities: 'true' })],
    ['registration', () => ({ registration: r.pick(picks.registrations) })],
    ['since/until', window],
  ];
  const out = new Map<string, Awaited<ReturnType<typeof sample>>>();
  for (const [name, params] of cases) {
    for (let i = 0; i < 10; i++) await get(params()); // warm-up
    out.set(`${name} (limit ${PAGE})`, await sample(SAMPLES, () => get(params())));
  }

  // Follow `more` links down a long selection: each timed request is one next page.
  let more = (await get({ activity: r.pick(picks.courses), related_activities: 'true' })).more;
  const host = base.replace(/\/xapi$/, '');
  out.set(
    `more page (limit ${PAGE})`,
    await sample(SAMPLES, async () => {
      if (!more) more = (await get({ activity: r.pick(picks.courses), related_activities: 'true' })).more;
      const res = await fetch(host + more, { headers });
      if (res.status !== 200) throw new Error(`GET more: ${res.status}`);
      more = ((await res.json()) as { more: string }).more;
    }),
  );
  return out;
}
