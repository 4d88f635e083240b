/**
 * Dashboard server time at 10k, 100k and 1M statements (target: <= 50 ms at 1M and <= 2x the 10k
 * figure), and the CSV export rate. Statements come from the seeded generator, loaded straight into a
 * fresh SQLite store with store.record batches, so the counters are built by the real projection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { BenchOptions, BenchRow } from '../bench.js';
import { learnerProfile } from '../lib/learner-profile.js';
import { generateStatements } from '../lib/statement-generator.js';
import { seededRandom } from '../lib/random.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { SESSION_COLUMNS } from '../../server/stats/stats.routes.js';
import { LEDGER_HOOKS } from '../../server/container.js';
import type { LedgerEntry, StoredStatement } from '../../server/store/store.js';
import { createStatsService } from '../../server/stats/stats-service.js';
import { csvHeader, csvLine } from '../../server/stats/stats-tables.js';
import { sample } from './timing.js';

const PUBLIC_URL = 'http://localhost:3000';
/** A fresh SQLite store holding `count` generated statements, recorded through the real projection. */
export async function loadStore(count: number, log: (m: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-stats-'));
  const store = openSqliteStore(join(dir, 'bench.db'), LEDGER_HOOKS);
  const r = seededRandom(99);
  const users = new Map<string, string>();
  let batch: LedgerEntry[] = [];
  const t0 = performance.now();
  for (const s of generateStatements({
    seed: 42,
    publicUrl: PUBLIC_URL,
    count,
    start: new Date('2024-12-01T00:00:00Z'),
    days: 730,
  })) {
    const actor = s.actor.account.name;
    let id = users.get(actor);
    if (!id) {
      const u = await store.users.create({
        email: `${actor}@bench.example`,
        passwordHash: 'x',
        displayName: 'Bench',
        ...learnerProfile(r),
        organisation: '',
        language: 'en',
      });
      id = u.id;
      users.set(actor, id);
    }
    const statement = {
      ...s,
      actor: { ...s.actor, account: { ...s.actor.account, name: id } },
      stored: s.timestamp,
      version: '1.0.3',
    } as unknown as StoredStatement;
    batch.push({ statement, clientId: null });
    if (batch.length === 500) {
      await store.record({ entries: batch });
      batch = [];
    }
  }
  if (batch.length) await store.record({ entries: batch });
  const loadSeconds = (performance.now() - t0) / 1000;
  log(
    `loaded ${count.toLocaleString('en')} statements (${users.size.toLocaleString('en')} learners) in ${loadSeconds.toFixed(1)} s`,
  );
  return {
    store,
    loadSeconds,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  const sizes = opts.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const rows: BenchRow[] = [];
  const medians = new Map<number, number>();
  for (const size of sizes) {
    const { store, loadSeconds, close } = await loadStore(size, opts.log);
    const stats = createStatsService({ store, clock: () => new Date('2026-06-30T00:00:00Z') });
    const label = `${size / 1000}k statements`;
    await stats.dashboard({ period: 'year', year: 2025 }); // warm the prepared statements
    const year = await sample(50, () => stats.dashboard({ period: 'year', year: 2025 }));
    const filtered = await sample(50, () =>
      stats.dashboard({
        period: 'quarter',
        year: 2025,
        quarter: 3,
        course: 'line-up-live-up',
        country: 'KE',
        sex: 'female',
      }),
    );
    const custom = await sample(20, () => stats.dashboard({ period: 'custom', from: '2025-01', to: '2026-06' }));
    medians.set(size, year.p50);
    rows.push(
      {
        group: 'stats',
        name: `load (store.record, 500/batch), ${label}`,
        value: Math.round(size / loadSeconds),
        unit: 'statements/s',
      },
      {
        group: 'stats',
        name: `dashboard p50, year, ${label}`,
        value: year.p50,
        unit: 'ms',
        note: `p99 ${year.p99.toFixed(1)} ms`,
      },
      {
        group: 'stats',
        name: `dashboard p50, quarter+course+country+sex, ${label}`,
        value: filtered.p50,
        unit: 'ms',
        note: `p99 ${filtered.p99.toFixed(1)} ms`,
      },
      {
        group: 'stats',
        name: `dashboard p50, custom 18 months, ${label}`,
        value: custom.p50,
        unit: 'ms',
        note: 'distinct active learners read from activity rows',
      },
    );
    await close();
  }
  const largest = sizes[sizes.length - 1] ?? 0;
  rows.push({
    group: 'stats',
    name: `dashboard ${largest / 1000}k / 10k`,
    value: medians.get(largest)! / medians.get(10_000)!,
    unit: 'x',
    note: 'target <= 2',
  });

  // CSV export: the streaming path of /stats/<table>.csv, rows formatted and written one by one.
  const columns = SESSION_COLUMNS;
  const n = 200_000;
  const lines = async function* () {
    yield csvHeader(columns);
    for (let i = 0; i < n; i++)
      yield csvLine(columns, {
        date: '2025-05-10',
        country: 'KE',
        town: 'Nairobi, "Kibera"',
        venue: 'Pitch',
        sessions: '1 2',
        girls: i % 30,
        boys: 12,
        other: 1,
        under13: 3,
        from13to15: 12,
        from16to18: 8,
        over18: (i % 30) - 0,
      });
  };
  let bytes = 0;
  const t0 = performance.now();
  await pipeline(
    Readable.from(lines()),
    new Writable({
      write(chunk, _e, cb) {
        bytes += chunk.length;
        cb();
      },
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  rows.push({
    group: 'stats',
    name: 'CSV export (streamed)',
    value: Math.round(n / seconds),
    unit: 'rows/s',
    note: `${(bytes / seconds / 2 ** 20).toFixed(1)} MiB/s`,
  });
  return rows;
}
