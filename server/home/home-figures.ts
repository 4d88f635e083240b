import type { Dashboard } from '../stats/stats-service.js';
import { StatsQuery, type StatsQueryInput } from '../stats/stats.schema.js';

/** The programme's headline figures on the home page, all time. */
export interface HeadlineFigures {
  learners: number;
  completions: number;
  certificates: number;
  countries: number;
  at: Date;
}

/** The first month the statistics can hold (the period filter's lower bound). */
const FIRST_MONTH = '2000-01';

/** All time, as a period the statistics service understands: every month up to the current one. */
export function allTimeQuery(now: Date): StatsQueryInput {
  const month = now.toISOString().slice(0, 7);
  return StatsQuery.parse({ period: 'custom', from: FIRST_MONTH, to: month });
}

export interface HomeFiguresDeps {
  stats: { dashboard(q: StatsQueryInput): Promise<Dashboard> };
  clock?: () => Date;
  /** How long one reading is shown: the home page is the busiest page, the dashboard query the dearest. */
  ttlMs?: number;
}

/**
 * Read through the statistics service (so the home page and /stats never disagree), cached briefly.
 * Concurrent requests share one reading; a failed reading is not cached.
 */
export function createHomeFigures(deps: HomeFiguresDeps) {
  const now = deps.clock ?? (() => new Date());
  const ttl = deps.ttlMs ?? 60_000;
  let cached: { until: number; value: Promise<HeadlineFigures> } | null = null;

  const read = async (): Promise<HeadlineFigures> => {
    const at = now();
    const d = await deps.stats.dashboard(allTimeQuery(at));
    return {
      learners: d.totals.registeredLearners,
      completions: d.totals.completions,
      certificates: d.totals.certificates,
      countries: d.countriesWithActivity,
      at,
    };
  };

  return {
    get(): Promise<HeadlineFigures> {
      const t = now().getTime();
      if (cached && t < cached.until) return cached.value;
      const value = read();
      const entry = { until: t + ttl, value };
      cached = entry;
      value.catch(() => {
        if (cached === entry) cached = null;
      });
      return value;
    },
  };
}
export type HomeFigures = ReturnType<typeof createHomeFigures>;
