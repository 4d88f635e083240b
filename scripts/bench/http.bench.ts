/**
 * HTTP throughput of a production Praxis against an Express hello-world measured in the same run
 * (docs/operations.md). Both run in their own processes; wrk (or autocannon) drives them.
 * Targets, as ratios to the hello-world: /healthz ≥ 60 %, a static file ≥ 50 %, anonymous
 * /courses ≥ 25 %, a signed-in lesson page ≥ 15 % with p99 ≤ 250 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions, BenchRow } from '../bench.js';
import { LESSON_PATH, registeredLearner } from '../lib/browser-client.js';
import { startHelloWorld, startPraxis } from '../lib/server-process.js';
import { measure, type Throughput } from '../lib/wrk.js';

const TARGETS: { name: string; path: string; target: number; signedIn?: boolean; p99?: number }[] = [
  { name: '/healthz', path: '/healthz', target: 0.6 },
  { name: 'static CSS (br)', path: '/public/css/site.css', target: 0.5 },
  { name: 'anonymous /courses', path: '/courses', target: 0.25 },
  { name: 'signed-in lesson page', path: LESSON_PATH, target: 0.15, signedIn: true, p99: 250 },
];

export async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  const seconds = opts.quick ? 3 : 10;
  const connections = 50;
  const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-http-'));
  const hello = await startHelloWorld();
  // `npm start`'s own defaults, on a fresh data directory: nothing but where to keep the data.
  const praxis = await startPraxis({ DATA_DIR: dir, SQLITE_FILE: join(dir, 'praxis.db') }, join(dir, 'server.log'));
  const rows: BenchRow[] = [];
  try {
    const learner = await registeredLearner(praxis.base, 'bench-http@example.org', 'throughput passphrase 2026');
    // Stylesheet URL as the pages print it (fingerprinted when that is in place).
    const page = await (await fetch(`${praxis.base}/courses`)).text();
    const css = /href="(\/public\/css\/site\.css[^"]*)"/.exec(page)?.[1] ?? '/public/css/site.css';
    const run = (base: string, path: string, headers: Record<string, string> = {}) =>
      measure({ url: base + path, seconds, connections, headers: { 'accept-encoding': 'br, gzip', ...headers } });

    opts.log(`hello-world, ${seconds} s × ${connections} connections`);
    const before = await run(hello.base, '/');
    const measured: [(typeof TARGETS)[number], Throughput][] = [];
    for (const t of TARGETS) {
      opts.log(t.name);
      const path = t.path === '/public/css/site.css' ? css : t.path;
      measured.push([t, await run(praxis.base, path, t.signedIn ? { cookie: learner.cookieHeader } : {})]);
    }
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
    for (const [t, r] of measured) {
      const ratio = r.rps / reference;
      const failed = r.errors + r.non2xx;
      rows.push(
        {
          group: 'http',
          name: `${t.name}`,
          value: Math.round(r.rps),
          unit: 'req/s',
          note: failed ? `${failed} failed` : '',
        },
        {
          group: 'http',
          name: `${t.name}: ratio to hello-world`,
          value: Math.round(ratio * 1000) / 10,
          unit: '%',
          note: `target ≥ ${t.target * 100} % ${ratio >= t.target ? 'met' : 'NOT met'}`,
        },
        {
          group: 'http',
          name: `${t.name}: p50 / p99`,
          value: `${fmtMs(r.p50)} / ${fmtMs(r.p99)}`,
          unit: 'ms',
          note: t.p99 ? `p99 target ≤ ${t.p99} ms ${r.p99 <= t.p99 ? 'met' : 'NOT met'}` : '',
        },
      );
    }
  } finally {
    await praxis.stop();
    await hello.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

const fmtMs = (ms: number) => (ms < 10 ? ms.toFixed(2) : String(Math.round(ms)));
