/**
 * Throughput of one URL: wrk (C, one thread) when it is installed, else autocannon in this process,
 * which costs the measured server some CPU on a small machine (the note says which one ran).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import autocannon from 'autocannon';

export interface Throughput {
  rps: number;
  p50: number; // ms
  p99: number; // ms
  requests: number;
  errors: number;
  non2xx: number;
  tool: 'wrk' | 'autocannon';
}

const run = promisify(execFile);
let wrkAvailable: boolean | undefined;

async function hasWrk(): Promise<boolean> {
  if (wrkAvailable === undefined) {
    wrkAvailable = await run('wrk', ['--version']).then(
      () => true,
      (err: { code?: unknown; stdout?: string }) => typeof err.stdout === 'string' && err.stdout.includes('wrk'),
    );
  }
  return wrkAvailable;
}

export async function measure(opts: {
  url: string;
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
}): Promise<Throughput> {
  const headers = opts.headers ?? {};
  if (await hasWrk()) {
    const args = ['-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--latency', '--timeout', '10s'];
    for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
    const { stdout } = await run('wrk', [...args, opts.url], { maxBuffer: 1 << 20 });
    return parseWrk(stdout);
  }
  const r = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    headers,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors,
    non2xx: r.non2xx,
    tool: 'autocannon',
  };
}

const MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

export function parseWrk(out: string): Throughput {
  const latency = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m?.[1] && m[2] ? Number(m[1]) * (MS[m[2]] ?? 1) : Number.NaN;
  };
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p50: latency('50'),
    p99: latency('99'),
    requests: num(/(\d+) requests in/),
    errors: socketErrors ? socketErrors.slice(1).reduce((s, n) => s + Number(n), 0) : 0,
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/),
    tool: 'wrk',
  };
}
