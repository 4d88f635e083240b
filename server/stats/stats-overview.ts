/** The dashboard's overview: the period's figures, the same figures for the period before, and a monthly trend. */
import type { Metric } from '../ledger/metrics.js';
import type { StatsFilter, StatsRepo } from '../store/store.js';
import { monthRange, monthsOf, type Period, presetOf, previousQuery, shiftMonth } from './stats-period.js';
import type { Dashboard, MonthRow } from './stats-service.js';
import type { Preset, StatsQueryInput } from './stats.schema.js';

export interface Overview {
  current: Dashboard;
  /** The period of the same length just before, under the same filters. */
  previous: Dashboard;
  /** Which preset of the filter bar stands for the period today ('custom' when none does). */
  preset: Preset | 'custom';
  /** The period has not ended yet: its figures are still growing. */
  running: boolean;
  /** At least the 12 months up to the period's last one, so a quarter or a month still shows a trend. */
  trend: MonthRow[];
}

const TREND_METRICS: Metric[] = ['active.m', 'enrolments', 'completions', 'certificates'];
const TREND_MONTHS = 12;

async function trendOf(stats: StatsRepo, p: Period, current: Dashboard, filter: StatsFilter): Promise<MonthRow[]> {
  if (monthsOf(p).length >= TREND_MONTHS) return current.months;
  const from = shiftMonth(p.to, 1 - TREND_MONTHS);
  const rows = await stats.counts({ metrics: TREND_METRICS, filter, from, to: p.to });
  const n = new Map<string, number>();
  for (const r of rows) n.set(`${r.month}|${r.metric}`, (n.get(`${r.month}|${r.metric}`) ?? 0) + r.n);
  return monthRange(from, p.to).map((key) => ({
    key,
    active: n.get(`${key}|active.m`) ?? 0,
    enrolments: n.get(`${key}|enrolments`) ?? 0,
    completions: n.get(`${key}|completions`) ?? 0,
    certificates: n.get(`${key}|certificates`) ?? 0,
  }));
}

export async function buildOverview(
  dashboard: (q: StatsQueryInput) => Promise<Dashboard>,
  stats: StatsRepo,
  q: StatsQueryInput,
  now: Date,
): Promise<Overview> {
  const current = await dashboard(q);
  const p = current.period;
  const [previous, trend] = await Promise.all([
    dashboard(previousQuery(p, q)),
    trendOf(stats, p, current, current.filter),
  ]);
  return { current, previous, preset: presetOf(p, now), running: p.end.getTime() > now.getTime(), trend };
}
