import type { Metric } from '../ledger/metrics.js';
import { PRESETS, type Preset, type StatsQueryInput } from './stats.schema.js';

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

const shift = (m: string, months: number) => {
  const d = monthStart(m);
  d.setUTCMonth(d.getUTCMonth() + months);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
};
const monthOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;

/**
 * A preset as the fixed period it stands for today. Presets other than "this year" cover complete
 * periods only (the last complete quarter, the 12 complete months before this one), so their
 * comparison with the period before is like for like.
 */
export function resolvePreset(
  preset: Preset,
  now: Date,
): Pick<StatsQueryInput, 'period' | 'year' | 'quarter' | 'from' | 'to'> {
  const y = now.getUTCFullYear();
  if (preset === 'this-year') return { period: 'year', year: y };
  if (preset === 'last-year') return { period: 'year', year: y - 1 };
  if (preset === 'last-quarter') {
    const q = Math.floor(now.getUTCMonth() / 3) + 1;
    return q === 1 ? { period: 'quarter', year: y - 1, quarter: 4 } : { period: 'quarter', year: y, quarter: q - 1 };
  }
  const last = shift(monthOf(now), -1);
  return { period: 'custom', from: shift(last, -11), to: last };
}

export function periodOf(q: StatsQueryInput, now: Date): Period {
  if ((PRESETS as readonly string[]).includes(q.period)) q = { ...q, ...resolvePreset(q.period as Preset, now) };
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

/** The period of the same length just before `p` (the previous year, quarter, month or run of months), as a query. */
export function previousQuery(p: Period, q: StatsQueryInput): StatsQueryInput {
  const n = monthsOf(p).length;
  const [year, rest] = p.label.split('-Q');
  if (p.kind === 'year') return { ...q, period: 'year', year: Number(p.from.slice(0, 4)) - 1 };
  if (p.kind === 'quarter') {
    const quarter = Number(rest);
    return quarter === 1
      ? { ...q, period: 'quarter', year: Number(year) - 1, quarter: 4 }
      : { ...q, period: 'quarter', year: Number(year), quarter: quarter - 1 };
  }
  if (p.kind === 'month') return { ...q, period: 'month', month: shift(p.from, -1) };
  return { ...q, period: 'custom', from: shift(p.from, -n), to: shift(p.to, -n) };
}

/** The preset that stands for `p` today, else 'custom' (the form then shows its months as a custom range). */
export function presetOf(p: Period, now: Date): Preset | 'custom' {
  for (const preset of PRESETS) {
    const r = periodOf({ period: preset }, now);
    if (r.from === p.from && r.to === p.to) return preset;
  }
  return 'custom';
}

/** The months `from`..`to` inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = shift(m, 1)) out.push(m);
  return out;
}
export { shift as shiftMonth };

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
