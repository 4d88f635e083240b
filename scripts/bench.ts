/**
 * npm run bench [-- --only name[,name]] : runs every scripts/bench/*.bench.ts and prints one table.
 * Each module exports `bench(opts)` returning rows; speed is measured here, never in tests.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCli } from './lib/cli.js';
import { cpus, totalmem } from 'node:os';

export interface BenchRow {
  group: string;
  name: string;
  value: number | string;
  unit: string;
  note?: string;
}
export interface BenchOptions {
  quick: boolean;
  log: (msg: string) => void;
}

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const USAGE = `Usage: npm run bench [-- --quick] [--only NAME[,NAME]]

Runs the benchmarks in scripts/bench/ and prints one table. NAME: ${names.join(', ')}.`;
const { values } = parseCli('bench', USAGE, { only: { type: 'string' }, quick: { type: 'boolean', default: false } });
const only = values.only?.split(',').map((s) => s.trim());
const modules = names.filter((n) => !only || only.includes(n)).map((n) => `${n}.bench.ts`);

const rows: BenchRow[] = [];
const log = (msg: string) => process.stderr.write(`  ${msg}\n`);
console.log(
  `Praxis benchmarks: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB${values.quick ? ', quick mode' : ''}`,
);
for (const file of modules) {
  process.stderr.write(`${file}\n`);
  const mod = (await import(pathToFileURL(dir + file).href)) as { bench: (o: BenchOptions) => Promise<BenchRow[]> };
  rows.push(...(await mod.bench({ quick: values.quick, log })));
}

const fmt = (v: number | string) =>
  typeof v === 'number'
    ? Number.isInteger(v)
      ? v.toLocaleString('en')
      : v.toLocaleString('en', { maximumFractionDigits: 2 })
    : v;
const table = [
  ['group', 'measure', 'value', 'unit', 'note'],
  ...rows.map((r) => [r.group, r.name, fmt(r.value), r.unit, r.note ?? '']),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
for (const [i, r] of table.entries()) {
  console.log(
    r
      .map((c, j) => (j === 2 ? String(c).padStart(widths[j] ?? 0) : String(c).padEnd(widths[j] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
process.exit(0);
