import type { Metric } from '../ledger/metrics.js';
import type { StatsQueryInput } from './stats.schema.js';

/** A period as counter keys: months from..to, plus the key of the active-learner counter that covers it exactly. */
export interface Period {
  kind: 'year' | 'quarter' | 'month' | 'custom';
  from: string; // YYYY-MM
  to: string;
  /** 'active.y' / 'active.q' / 'active.m' with its key; null for custom runs of months (distinct count instead). */
  active: { metric: Metric; key: string } | null;
  start: Date; // inclusive
  end: Date; // exclusive
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (m: string) => new Date(`${m}-01T00:00:00Z`);
const nextMonth = (m: string) => {
  const d = monthStart(m);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d;
};

export function periodOf(q: StatsQueryInput, now: Date): Period {
  const year = q.year ?? now.getUTCFullYear();
  const make = (kind: Period['kind'], from: string, to: string, active: Period['active'], label: string): Period => ({
    kind,
    from,
    to,
    active,
    start: monthStart(from),
    end: nextMonth(to),
    label,
  });
  if (q.period === 'quarter') {
    const quarter = q.quarter ?? Math.floor(now.getUTCMonth() / 3) + 1;
    const first = (quarter - 1) * 3 + 1;
    return make(
      'quarter',
      `${year}-${pad(first)}`,
      `${year}-${pad(first + 2)}`,
      { metric: 'active.q', key: `${year}-Q${quarter}` },
      `${year}-Q${quarter}`,
    );
  }
  if (q.period === 'month') {
    const month = q.month ?? `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}`;
    return make('month', month, month, { metric: 'active.m', key: month }, month);
  }
  if (q.period === 'custom' && q.from && q.to) {
    const [from, to] = q.from <= q.to ? [q.from, q.to] : [q.to, q.from];
    return make('custom', from, to, from === to ? { metric: 'active.m', key: from } : null, `${from} – ${to}`);
  }
  return make('year', `${year}-01`, `${year}-12`, { metric: 'active.y', key: String(year) }, String(year));
}

export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  for (let d = monthStart(p.from); d < p.end; d.setUTCMonth(d.getUTCMonth() + 1))
    out.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`);
  return out;
}

/** Median of a histogram { value: count }. */
export function histogramMedian(hist: Map<number, number>): number | null {
  const total = [...hist.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const sorted = [...hist].sort((a, b) => a[0] - b[0]);
  const at = (k: number) => {
    let seen = 0;
    for (const [v, n] of sorted) {
      seen += n;
      if (seen > k) return v;
    }
    return sorted[sorted.length - 1]![0];
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}
