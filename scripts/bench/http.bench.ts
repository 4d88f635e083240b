/**
 * HTTP throughput of a production Praxis against an Express hello-world measured in the same run
 * (docs/operations.md). Both run in their own processes; wrk (or autocannon) drives them.
 * Targets, as ratios to the hello-world: /healthz ≥ 60 %, a static file ≥ 50 %, anonymous
 * /courses ≥ 25 %, a signed-in lesson page ≥ 15 % with p99 ≤ 250 ms.
 *
 * Every URL is first driven for a few seconds unmeasured (WARM_UP_S): a process that has just started
 * still interprets and compiles its code, and the first second's queue would otherwise be most of
 * the p99. Praxis is measured twice: as `npm start` runs it (a worker per core, server/cluster.ts) and as one
 * process (WEB_CONCURRENCY=1), which is what each worker costs. The hello-world is one process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions, BenchRow } from '../bench.js';
import { LESSON_PATH, registeredLearner } from '../lib/browser-client.js';
import { startHelloWorld, startPraxis } from '../lib/server-process.js';
import { availableParallelism } from 'node:os';
import { measure, type Throughput } from '../lib/wrk.js';

const TARGETS: { name: string; path: string; target: number; signedIn?: boolean; p99?: number }[] = [
  { name: '/healthz', path: '/healthz', target: 0.6 },
  { name: 'static CSS (br)', path: '/public/css/site.css', target: 0.5 },
  { name: 'anonymous /courses', path: '/courses', target: 0.25 },
  { name: 'signed-in lesson page', path: LESSON_PATH, target: 0.15, signedIn: true, p99: 250 },
];

const WARM_UP_S = 5;

export async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  const seconds = opts.quick ? 3 : 10;
  const warmUp = opts.quick ? 3 : WARM_UP_S;
  const connections = 50;
  const hello = await startHelloWorld();
  const rows: BenchRow[] = [];
  const run = async (base: string, path: string, headers: Record<string, string> = {}) => {
    const how = { url: base + path, connections, headers: { 'accept-encoding': 'br, gzip', ...headers } };
    await measure({ ...how, seconds: warmUp });
    return measure({ ...how, seconds });
  };
  try {
    opts.log(`hello-world, ${seconds} s × ${connections} connections after ${warmUp} s unmeasured`);
    const before = await run(hello.base, '/');
    const starts: { label: string; env: Record<string, string> }[] = [
      { label: `npm start (${availableParallelism()} workers)`, env: {} },
      { label: 'one process', env: { WEB_CONCURRENCY: '1' } },
    ];
    const measured: [string, (typeof TARGETS)[number], Throughput][] = [];
    for (const start of starts) measured.push(...(await praxisRun(start.label, start.env, run, opts.log)));
    opts.log('hello-world again');
    const after = await run(hello.base, '/');
    // The machine is shared: the reference is the mean of a run before and a run after.
    const reference = (before.rps + after.rps) / 2;
    rows.push({
      group: 'http',
      name: 'express hello-world',
      value: Math.round(reference),
      unit: 'req/s',
      note: `before ${Math.round(before.rps)}, after ${Math.round(after.rps)}; p99 ${fmtMs(before.p99)}; ${before.tool}`,
    });
    for (const [label, t, r] of measured) rows.push(...rowsOf(`${t.name}, ${label}`, t, r, reference));
  } finally {
    await hello.stop();
  }
  return rows;
}

/** One Praxis start, on a fresh data directory with nothing but where to keep the data (and `env`). */
async function praxisRun(
  label: string,
  env: Record<string, string>,
  run: (base: string, path: string, headers?: Record<string, string>) => Promise<Throughput>,
  log: (line: string) => void,
): Promise<[string, (typeof TARGETS)[number], Throughput][]> {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-http-'));
  const praxis = await startPraxis(
    { DATA_DIR: dir, SQLITE_FILE: join(dir, 'praxis.db'), ...env },
    join(dir, 'server.log'),
  );
  try {
    const learner = await registeredLearner(praxis.base, 'bench-http@example.org', 'throughput passphrase 2026');
    // Stylesheet URL as the pages print it (fingerprinted).
    const page = await (await fetch(`${praxis.base}/courses`)).text();
    const css = /href="(\/public\/css\/site\.css[^"]*)"/.exec(page)?.[1] ?? '/public/css/site.css';
    const out: [string, (typeof TARGETS)[number], Throughput][] = [];
    for (const t of TARGETS) {
      log(`${t.name}, ${label}`);
      const path = t.path === '/public/css/site.css' ? css : t.path;
      out.push([label, t, await run(praxis.base, path, t.signedIn ? { cookie: learner.cookieHeader } : {})]);
    }
    return out;
  } finally {
    await praxis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function rowsOf(name: string, t: (typeof TARGETS)[number], r: Throughput, reference: number): BenchRow[] {
  const ratio = r.rps / reference;
  const failed = r.errors + r.non2xx;
  return [
    { group: 'http', name, value: Math.round(r.rps), unit: 'req/s', note: failed ? `${failed} failed` : '' },
    {
      group: 'http',
      name: `${name}: ratio to hello-world`,
      value: Math.round(ratio * 1000) / 10,
      unit: '%',
      note: `target ≥ ${t.target * 100} % ${ratio >= t.target ? 'met' : 'NOT met'}`,
    },
    {
      group: 'http',
      name: `${name}: p50 / p99`,
      value: `${fmtMs(r.p50)} / ${fmtMs(r.p99)}`,
      unit: 'ms',
      note: t.p99 ? `p99 target ≤ ${t.p99} ms ${r.p99 <= t.p99 ? 'met' : 'NOT met'}` : '',
    },
  ];
}

const fmtMs = (ms: number) => (ms < 10 ? ms.toFixed(2) : String(Math.round(ms)));
