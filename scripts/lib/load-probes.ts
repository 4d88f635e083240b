/** What the load test measures while a scenario runs: latencies, statuses, health and the server's memory. */
import { readFileSync } from 'node:fs';
import { percentile } from '../bench/timing.js';

export class Tally {
  readonly times: number[] = [];
  readonly statuses = new Map<string, number>();

  add(ms: number, status: number | string) {
    this.times.push(ms);
    const key = String(status);
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }

  count(status: number | string): number {
    return this.statuses.get(String(status)) ?? 0;
  }

  summary(): { n: number; p50: number; p99: number; max: number } {
    const sorted = [...this.times].sort((a, b) => a - b);
    return {
      n: sorted.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
    };
  }

  /** "200×480 503×20 ECONNRESET×2" */
  statusLine(): string {
    return [...this.statuses]
      .sort((a, b) => b[1] - a[1])
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
  }
}

/** Times one request; a network failure counts under its error code. */
export async function timed(tally: Tally, request: () => Promise<Response>): Promise<Response | null> {
  const t0 = performance.now();
  try {
    const res = await request();
    await res.arrayBuffer();
    tally.add(performance.now() - t0, res.status);
    return res;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    tally.add(performance.now() - t0, cause?.code ?? (err as Error).name);
    return null;
  }
}

/** Asks /healthz and /readyz every `everyMs` until stopped, as a load balancer would. */
export function healthProbe(base: string, everyMs = 100) {
  const health = new Tally();
  const ready = new Tally();
  let running = true;
  const loop = async () => {
    while (running) {
      const next = performance.now() + everyMs;
      await Promise.all([
        timed(health, () => fetch(`${base}/healthz`, { signal: AbortSignal.timeout(15_000) })),
        timed(ready, () => fetch(`${base}/readyz`, { signal: AbortSignal.timeout(15_000) })),
      ]);
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
  };
  const done = loop();
  return {
    health,
    ready,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** `workers` closed loops, each sending the next request as soon as the last one answered. */
export function closedLoop(workers: number, request: (i: number) => Promise<Response>) {
  const tally = new Tally();
  let running = true;
  let sent = 0;
  const started = performance.now();
  const loops = Array.from({ length: workers }, async () => {
    while (running) await timed(tally, () => request(sent++));
  });
  return {
    tally,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return (tally.times.length / (performance.now() - started)) * 1000;
    },
  };
}

/** The highest resident memory of a process and its children (the workers of `npm start`), in MB (Linux /proc; 0 elsewhere). */
export function rssProbe(pid: number | undefined, everyMs = 200) {
  let max = 0;
  const rssOf = (p: number): number => {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1];
    const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return Number(kb ?? 0) / 1024 + children.reduce((n, c) => n + rssOf(Number(c)), 0);
  };
  const read = () => {
    try {
      if (pid !== undefined) max = Math.max(max, rssOf(pid));
    } catch {
      // not Linux, or the process has gone
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      read();
      return Math.round(max);
    },
  };
}
