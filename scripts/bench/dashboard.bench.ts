/**
 * The statistics dashboard a manager opens (/stats: key figures with their changes, monthly trend,
 * world map, ranking, folded tables) at 10k, 100k and 1M statements (--quick: 10k and 100k), served
 * by a production-mode app over real HTTP. Targets at 1M: server time p50 <= 50 ms, HTML + CSS <= 60 KB gzip.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../../server/container.js';
import type { BenchOptions, BenchRow } from '../bench.js';
import { startBenchApp } from '../lib/bench-app.js';
import { BrowserClient } from '../lib/browser-client.js';
import { loadStore } from './stats.bench.js';
import { sample } from './timing.js';

const PAGES = [
  ['this year', '/stats'],
  ['last 12 months, course + sex', '/stats?period=last-12-months&course=line-up-live-up&sex=female'],
  ['quarter + country', '/stats?period=quarter&year=2025&quarter=3&country=KE'],
] as const;

async function measure(size: number, opts: BenchOptions): Promise<BenchRow[]> {
  const { store, close } = await loadStore(size, opts.log);
  const app = await startBenchApp('dashboard', store);
  const client = new BrowserClient(app.base);
  const password = 'dashboard bench passphrase';
  const reg = await client.submit('/register', '/register', {
    email: 'manager@bench.example',
    password,
    passwordConfirm: password,
    displayName: 'Bench manager',
    country: 'KE',
    sex: 'female',
    sector: 'police',
    organisation: '',
    language: 'en',
  });
  if (reg.status !== 303) throw new Error(`registration failed: ${reg.status}`);
  const manager = await store.users.findByEmail('manager@bench.example');
  await store.users.setRoles(manager!.id, ['learner', 'manager'], new Date());

  const css = ['site.css', 'stats.css'].map((f) => readFileSync(join(PROJECT_ROOT, 'public/css', f)));
  const rows: BenchRow[] = [];
  const label = `${size / 1000}k statements`;
  for (const [name, path] of PAGES) {
    const first = await client.call(path);
    if (first.status !== 200) throw new Error(`${path}: ${first.status}`);
    const page = Buffer.from(await first.arrayBuffer());
    const n = opts.quick ? 20 : 50;
    const cpu0 = process.cpuUsage();
    const t = await sample(n, async () => {
      await (await client.call(path)).arrayBuffer();
    });
    const cpu = process.cpuUsage(cpu0);
    // CPU per request (server and the in-process client together): what the page costs, whatever the machine's load.
    const cpuMs = (cpu.user + cpu.system) / 1000 / n;
    rows.push({
      group: 'dashboard',
      name: `${name}: server time p50, ${label}`,
      value: t.p50,
      unit: 'ms',
      note: `p99 ${t.p99.toFixed(1)} ms, CPU ${cpuMs.toFixed(1)} ms/request; target <= 50 at 1M`,
    });
    if (name === 'this year') {
      const gz = gzipSync(page, { level: 6 }).length + css.reduce((n, c) => n + gzipSync(c, { level: 6 }).length, 0);
      rows.push({
        group: 'dashboard',
        name: `HTML + CSS, gzip, ${label}`,
        value: Math.round(gz / 102.4) / 10,
        unit: 'KB',
        note: `HTML ${Math.round(page.length / 1024)} KB raw; target <= 60`,
      });
    }
  }
  await app.close();
  await close();
  return rows;
}

export async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of opts.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000])
    rows.push(...(await measure(size, opts)));
  return rows;
}
