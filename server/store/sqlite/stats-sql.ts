import { grainOf } from '../../ledger/stats-contributions.js';
import type { StatsCountQuery, StatsDim, StatsFilter } from '../store.js';

const COLUMNS: Record<StatsDim, string> = { course: 'course', country: 'country', sex: 'sex', sector: 'sector' };

function filterSql(filter: StatsFilter) {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  for (const dim of Object.keys(COLUMNS) as StatsDim[]) {
    const v = filter[dim];
    if (v === undefined) continue;
    where.push(`${COLUMNS[dim]} = @${dim}`);
    params[dim] = v;
  }
  return { where, params };
}

/** One grain, equality on the filtered dimensions: the primary key serves the whole query. */
export function statsCountsSql(q: StatsCountQuery) {
  const { where, params } = filterSql(q.filter);
  const dims = [...Object.keys(q.filter).filter((k) => q.filter[k as StatsDim] !== undefined), ...(q.by ? [q.by] : [])];
  const metricParams = Object.fromEntries(q.metrics.map((m, i) => [`m${i}`, m]));
  const sql = `SELECT metric, ${q.wholePeriod ? "''" : 'month'} AS month, ${q.by ? COLUMNS[q.by] : "''"} AS value, detail, sum(n) AS n FROM stats_counts
    WHERE grain = @grain AND metric IN (${q.metrics.map((_, i) => `@m${i}`).join(', ')})
    ${where.map((w) => `AND ${w}`).join(' ')} AND month >= @from AND month <= @to
    GROUP BY metric, ${q.wholePeriod ? '' : 'month, '}value, detail HAVING sum(n) != 0`;
  return { sql, params: { ...params, ...metricParams, grain: grainOf(dims), from: q.from, to: q.to } };
}

/**
 * Distinct learners over a run of months (custom periods only): reads the activity rows of the period
 * from the covering index stats_activity_period (rows with n = 0 are deleted, so every row is active).
 */
export function statsActiveSql(q: { filter: StatsFilter; by?: StatsDim; from: string; to: string }) {
  const { where, params } = filterSql(q.filter);
  const sql = `SELECT ${q.by ? COLUMNS[q.by] : "''"} AS value, count(DISTINCT user_id) AS n FROM stats_activity
    WHERE month >= @from AND month <= @to ${where.map((w) => `AND ${w}`).join(' ')}
    GROUP BY value`;
  return { sql, params: { ...params, from: q.from, to: q.to } };
}
