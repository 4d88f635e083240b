/**
 * Pure rules from facts to counter contributions. Each "group" (one statement, one learner in one
 * course, one learner in one year, one trainer) contributes a small list of rows; the projection
 * stores what each group contributed, so a change or a voiding replaces exactly that contribution.
 */
import type { TrainerRecord } from './trainer-certification.js';
import { reachedMetric, type Metric } from './metrics.js';
import type { Dims, StatsFact } from './stats-facts.js';

export interface Contribution extends Dims {
  metric: Metric;
  course: string;
  detail: string;
  month: string;
  n: number;
}
export interface ActivityRow extends Dims {
  user: string;
  course: string;
  month: string;
  n: number;
}

const DAY = 86_400_000;

export const monthOf = (iso: string) => iso.slice(0, 7);
export const quarterOf = (month: string) =>
  `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

const contribution = (metric: Metric, f: Dims & { course: string; at: string }, n = 1, detail = ''): Contribution => ({
  metric,
  course: f.course,
  detail,
  month: monthOf(f.at),
  country: f.country,
  sex: f.sex,
  sector: f.sector,
  n,
});

const PER_STATEMENT: Partial<Record<StatsFact['kind'], Metric>> = {
  registered: 'enrolments',
  'quiz.passed': 'module.quiz.passed',
  'quiz.failed': 'module.quiz.failed',
  'final.passed': 'final.passed',
  'final.failed': 'final.failed',
  certificate: 'certificates',
};

/** Metrics of a single statement: each enrolment, quiz attempt, certificate and delivered session counts. */
export function statementContributions(facts: StatsFact[]): Contribution[] {
  const out: Contribution[] = [];
  for (const f of facts) {
    const metric = PER_STATEMENT[f.kind];
    if (metric) out.push(contribution(metric, f, 1, f.kind.startsWith('quiz.') ? f.detail : ''));
    if (f.kind === 'session') {
      out.push(contribution('sessions', f));
      for (const [k, n] of Object.entries(f.amounts ?? {})) if (n > 0) out.push(contribution(reachedMetric(k), f, n));
    }
  }
  return out;
}

export const UNIQUE_KINDS: ReadonlySet<string> = new Set(['registered', 'course.completed', 'module.completed']);

const earliest = (facts: StatsFact[]) =>
  facts.reduce<StatsFact | null>(
    (a, f) => (!a || f.at < a.at || (f.at === a.at && f.statementId < a.statementId) ? f : a),
    null,
  );

/**
 * One learner in one course: enrolled once, completed once (the first completion), whatever the number
 * of enrolments or completions; days from the first enrolment to the first completion.
 */
export function learnerCourseContributions(facts: StatsFact[]): Contribution[] {
  const out: Contribution[] = [];
  const reg = earliest(facts.filter((f) => f.kind === 'registered'));
  const done = earliest(facts.filter((f) => f.kind === 'course.completed'));
  if (reg) out.push(contribution('learners.enrolled', reg));
  if (done) out.push(contribution('completions', done));
  if (reg && done) {
    out.push(contribution('completions.cohort', reg));
    const days = Math.max(0, Math.floor((Date.parse(done.at) - Date.parse(reg.at)) / DAY));
    out.push(contribution('days', done, 1, String(days)));
  }
  const modules = new Map<string, StatsFact[]>();
  for (const f of facts)
    if (f.kind === 'module.completed' && f.detail) modules.set(f.detail, [...(modules.get(f.detail) ?? []), f]);
  for (const [mod, list] of [...modules].sort()) out.push(contribution('module.completions', earliest(list)!, 1, mod));
  return out;
}

/** One learner in one year: active in a month, a quarter, the year; per course and across courses ('*'). */
export function activeContributions(rows: ActivityRow[]): Contribution[] {
  const live = rows
    .filter((r) => r.n > 0)
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.course < b.course ? -1 : 1));
  const seen = new Map<string, Contribution>();
  const add = (metric: Metric, course: string, period: string, r: ActivityRow) => {
    const key = `${metric}|${course}|${period}`;
    if (!seen.has(key))
      seen.set(key, {
        metric,
        course,
        detail: '',
        month: period,
        country: r.country,
        sex: r.sex,
        sector: r.sector,
        n: 1,
      });
  };
  for (const r of live) {
    for (const course of r.course ? [r.course, '*'] : ['*']) {
      add('active.m', course, r.month, r);
      add('active.q', course, quarterOf(r.month), r);
      add('active.y', course, r.month.slice(0, 4), r);
    }
  }
  return [...seen.values()];
}

/** A certified trainer counts once, in the course that certifies trainers (training's hook). */
export function trainerContributions(t: TrainerRecord | null | undefined, course: string): Contribution[] {
  if (!t || t.withdrawnAt) return [];
  return [contribution('trainers', { ...t, course, at: t.certifiedAt.toISOString() })];
}

/** Module and active metrics carry their own course value and are never summed across courses. */
const courseFixed = (metric: Metric) => metric.startsWith('module.') || metric.startsWith('active.');

export interface CounterRow {
  grain: number;
  metric: string;
  course: string;
  country: string;
  sex: string;
  sector: string;
  month: string;
  detail: string;
}
export const counterKey = (r: CounterRow) =>
  [r.grain, r.metric, r.course, r.country, r.sex, r.sector, r.month, r.detail].join('|');

/**
 * Every roll-up a contribution feeds: each subset of the dimensions kept, the others '*'. `grain` is a
 * bit mask of the concrete dimensions (1 course, 2 country, 4 sex, 8 sector), so a dashboard query
 * reads exactly the rows of one grain.
 */
export function rollups(c: Contribution): CounterRow[] {
  const out: CounterRow[] = [];
  const fixed = courseFixed(c.metric);
  for (let mask = 0; mask < 16; mask++) {
    if (fixed && (mask & 1) !== (c.course === '*' ? 0 : 1)) continue;
    out.push({
      grain: mask,
      metric: c.metric,
      month: c.month,
      detail: c.detail,
      course: mask & 1 ? c.course : '*',
      country: mask & 2 ? c.country : '*',
      sex: mask & 4 ? c.sex : '*',
      sector: mask & 8 ? c.sector : '*',
    });
  }
  return out;
}

export function grainOf(dims: Iterable<string>): number {
  let g = 0;
  for (const d of dims) g |= d === 'course' ? 1 : d === 'country' ? 2 : d === 'sex' ? 4 : d === 'sector' ? 8 : 0;
  return g;
}

const sig = (list: Contribution[]) =>
  list
    .map((c) => [c.metric, c.course, c.detail, c.month, c.country, c.sex, c.sector, c.n].join('|'))
    .sort()
    .join('\n');
export const sameContributions = (a: Contribution[], b: Contribution[]) => sig(a) === sig(b);
