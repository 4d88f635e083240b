import { describe, expect, it } from 'vitest';
import { allTimeQuery, createHomeFigures } from '../../../server/home/home-figures.js';
import type { Dashboard } from '../../../server/stats/stats-service.js';
import type { StatsQueryInput } from '../../../server/stats/stats.schema.js';

function fakeStats() {
  const calls: StatsQueryInput[] = [];
  let learners = 10;
  let fail = false;
  return {
    calls,
    setLearners: (n: number) => {
      learners = n;
    },
    failNext: () => {
      fail = true;
    },
    async dashboard(q: StatsQueryInput): Promise<Dashboard> {
      calls.push(q);
      if (fail) {
        fail = false;
        throw new Error('down');
      }
      return {
        totals: { registeredLearners: learners, completions: 4, certificates: 3 },
        countriesWithActivity: 2,
      } as unknown as Dashboard;
    },
  };
}

describe('home page figures', () => {
  it('asks the statistics for every month up to the current one', () => {
    expect(allTimeQuery(new Date('2026-12-04T10:00:00Z'))).toMatchObject({
      period: 'custom',
      from: '2000-01',
      to: '2026-12',
    });
  });

  it('reads once per minute, shares one reading between concurrent requests, and reads again after', async () => {
    const stats = fakeStats();
    let now = new Date('2026-12-04T10:00:00Z');
    const figures = createHomeFigures({ stats, clock: () => now });

    const [a, b] = await Promise.all([figures.get(), figures.get()]);
    stats.setLearners(11);
    now = new Date(now.getTime() + 59_000);
    const c = await figures.get();
    now = new Date(now.getTime() + 2_000);
    const d = await figures.get();

    expect(stats.calls).toHaveLength(2);
    expect([a.learners, b.learners, c.learners, d.learners]).toEqual([10, 10, 10, 11]);
    expect(d).toMatchObject({ completions: 4, certificates: 3, countries: 2 });
  });

  it('does not keep a failed reading', async () => {
    const stats = fakeStats();
    const figures = createHomeFigures({ stats, clock: () => new Date('2026-12-04T10:00:00Z') });
    stats.failNext();

    await expect(figures.get()).rejects.toThrow('down');
    expect((await figures.get()).learners).toBe(10);
  });
});
