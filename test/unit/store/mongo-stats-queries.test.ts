import { describe, expect, it } from 'vitest';
import { aggregate, Query } from 'mingo';
import mongoose from 'mongoose';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { statsModels } from '../../../server/store/mongo/stats-models.js';
import {
  counterIncrement,
  registeredUsersFilter,
  sessionsListFilter,
  sessionsListSort,
  statsActivePipeline,
  statsCountsPipeline,
  yearActivityFilter,
} from '../../../server/store/mongo/stats-queries.js';
import type { StatsCountQuery } from '../../../server/store/store.js';
import { aUser } from '../../store/builders.js';
import { completedCourse, experienced, registered } from '../../support/xapi-builders.js';

const FIELDS = ['grain', 'metric', 'course', 'country', 'sex', 'sector', 'month', 'detail', 'n'] as const;

/** Counter documents as the mongo adapter stores them, produced by the shared projection (run here on SQLite). */
async function counterDocs() {
  const store = openSqliteStore(':memory:');
  const ke = await store.users.create(aUser({ country: 'KE', sex: 'female' }));
  const fr = await store.users.create(aUser({ country: 'FR', sex: 'male', sector: 'judiciary' }));
  for (const [u, month] of [
    [ke, '01'],
    [fr, '02'],
    [ke, '03'],
  ] as const) {
    const ev = { user: u.id, course: month === '03' ? 'c2' : 'c1', at: new Date(`2025-${month}-10T00:00:00Z`) };
    await store.record({ entries: [registered(ev), experienced({ ...ev, module: 'm1' }), completedCourse(ev)] });
  }
  const docs = (await store.stats.dump()).map((line) => {
    const parts = line.split('|');
    return Object.fromEntries(FIELDS.map((f, i) => [f, f === 'grain' || f === 'n' ? Number(parts[i]) : parts[i]]));
  });
  return { store, docs };
}

describe('mongo stats queries', () => {
  it('sums exactly what the SQLite adapter sums, for totals, breakdowns and combined filters', async () => {
    const { store, docs } = await counterDocs();
    const queries: StatsCountQuery[] = [
      { metrics: ['enrolments', 'completions'], filter: {}, from: '2025-01', to: '2025-12' },
      { metrics: ['enrolments'], filter: { course: 'c1' }, by: 'country', from: '2025-01', to: '2025-12' },
      {
        metrics: ['completions'],
        filter: { sex: 'female', country: 'KE' },
        by: 'course',
        from: '2025-01',
        to: '2025-02',
      },
      { metrics: ['active.y'], filter: {}, by: 'sector', from: '2025', to: '2025' },
      {
        metrics: ['enrolments', 'completions'],
        filter: {},
        by: 'course',
        from: '2025-01',
        to: '2025-12',
        wholePeriod: true,
      },
    ];

    for (const q of queries) {
      const mongo = aggregate(docs, statsCountsPipeline(q) as never) as unknown[];
      const sqlite = await store.stats.counts(q);
      const sort = (rows: unknown[]) =>
        (rows as Record<string, unknown>[])
          .map((r) => JSON.stringify([r.metric, r.month, r.value, r.detail, r.n]))
          .sort();
      expect(sort(mongo)).toEqual(sort(sqlite));
      expect(mongo.length).toBeGreaterThan(0);
    }
  });

  it('counts distinct active learners over a run of months', () => {
    const rows = [
      { user: 'a', course: 'c1', month: '2025-01', n: 2, country: 'KE' },
      { user: 'a', course: 'c2', month: '2025-02', n: 1, country: 'KE' },
      { user: 'b', course: 'c1', month: '2025-02', n: 1, country: 'FR' },
      { user: 'c', course: 'c1', month: '2025-02', n: 0, country: 'FR' },
      { user: 'd', course: 'c1', month: '2025-05', n: 1, country: 'FR' },
    ];

    expect(aggregate(rows, statsActivePipeline({ filter: {}, from: '2025-01', to: '2025-03' }) as never)).toEqual([
      { value: '', n: 2 },
    ]);
    expect(
      aggregate(
        rows,
        statsActivePipeline({ filter: { course: 'c1' }, by: 'country', from: '2025-01', to: '2025-12' }) as never,
      ),
    ).toEqual([
      { value: 'FR', n: 2 },
      { value: 'KE', n: 1 },
    ]);
  });

  it('builds the filters for activity of a year, registered users and delivered sessions', () => {
    const activity = [
      { user: 'a', month: '2024-12' },
      { user: 'a', month: '2025-01' },
      { user: 'b', month: '2025-01' },
    ];
    const users = [
      { createdAt: new Date('2025-01-02'), country: 'KE' },
      { createdAt: new Date('2026-01-02'), country: 'KE' },
      { createdAt: new Date('2025-01-02'), country: 'FR' },
    ];
    const sessions = [
      { _id: 'a', date: '2025-01-01', trainerId: 't1' },
      { _id: 'b', date: '2025-01-01', trainerId: 't1' },
      { _id: 'c', date: '2025-02-01', trainerId: 't2' },
    ];
    const find = (docs: object[], filter: object, sort?: object) => {
      const c = new Query(filter as never).find(docs as never[]);
      return (sort ? c.sort(sort as never) : c).all();
    };

    expect(find(activity, yearActivityFilter([['a', '2025']]))).toEqual([{ user: 'a', month: '2025-01' }]);
    expect(
      find(
        users,
        registeredUsersFilter({
          filter: { country: 'KE', course: 'ignored' },
          from: new Date('2025-01-01'),
          to: new Date('2026-01-01'),
        }),
      ),
    ).toHaveLength(1);
    expect(find(sessions, sessionsListFilter({}), sessionsListSort).map((s) => (s as { _id: string })._id)).toEqual([
      'c',
      'b',
      'a',
    ]);
    expect(
      find(
        sessions,
        sessionsListFilter({ trainerId: 't1', before: { date: '2025-01-01', id: 'b' } }),
        sessionsListSort,
      ).map((s) => (s as { _id: string })._id),
    ).toEqual(['a']);
  });

  it('increments a counter with an upsert that sets its dimensions once', () => {
    const op = counterIncrement('k', {
      grain: 0,
      metric: 'enrolments',
      course: '*',
      country: '*',
      sex: '*',
      sector: '*',
      month: '2025-01',
      detail: '',
      n: 2,
    });

    expect(op.updateOne).toMatchObject({
      filter: { _id: 'k' },
      upsert: true,
      update: { $inc: { n: 2 }, $setOnInsert: { metric: 'enrolments', grain: 0 } },
    });
  });

  it('validates the stats and training documents without a server', async () => {
    const m = statsModels(mongoose.createConnection());

    await expect(
      new m.StatsActivity({
        _id: 'x',
        user: 'u',
        month: '2025-13x',
        n: 1,
        country: 'KE',
        sex: 'f',
        sector: 's',
      }).validate(),
    ).rejects.toThrow(/month/);
    await expect(
      new m.StatsCount({
        _id: 'k',
        grain: 16,
        metric: 'm',
        course: '*',
        country: '*',
        sex: '*',
        sector: '*',
        month: '2025-01',
        n: 1,
      }).validate(),
    ).rejects.toThrow(/grain/);
    await expect(
      new m.DeliveredSession({
        _id: 's',
        trainerId: 't',
        statementId: 'st',
        date: '2025-01-01',
        country: 'KE',
        town: 'Nairobi',
        sessions: [1],
        counts: { girls: 1 },
        createdAt: new Date(),
        updatedAt: new Date(),
      }).validate(),
    ).resolves.toBeUndefined();
  });
});
