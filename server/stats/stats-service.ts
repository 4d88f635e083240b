import type { StatsCountRow, StatsDim, StatsFilter, Store } from '../store/store.js';
import { AGE_BANDS, PARTICIPANT_SEXES } from '../store/store.js';
import { reachedMetric, type Metric } from '../ledger/metrics.js';
import { histogramMedian, monthsOf, periodOf, type Period } from './stats-period.js';
import type { StatsQueryInput } from './stats.schema.js';
import { buildOverview } from './stats-overview.js';

export interface Totals {
  registeredLearners: number;
  activeLearners: number;
  enrolments: number;
  learnersEnrolled: number;
  completions: number;
  completionRate: number | null;
  quizPassRate: number | null;
  finalPassRate: number | null;
  certificates: number;
  medianDays: number | null;
}
export interface DimRow {
  key: string;
  active: number;
  enrolments: number;
  completions: number;
  sessions: number;
  reached: number;
}
export interface CourseRow {
  key: string;
  enrolments: number;
  learnersEnrolled: number;
  completions: number;
  completionRate: number | null;
  finalPassRate: number | null;
  certificates: number;
}
export interface ModuleRow {
  course: string;
  module: string;
  completions: number;
  quizPassed: number;
  quizFailed: number;
  quizPassRate: number | null;
}
export interface MonthRow {
  key: string;
  active: number;
  enrolments: number;
  completions: number;
  certificates: number;
}
export interface Cascade {
  trainers: number;
  sessions: number;
  reached: number;
  bySex: Record<string, number>;
  byAge: Record<string, number>;
  shareGirls: number | null;
  countries: number;
  byCountry: { key: string; sessions: number; reached: number }[];
}
export interface Dashboard {
  period: Period;
  filter: StatsFilter;
  totals: Totals;
  courses: CourseRow[];
  modules: ModuleRow[];
  countries: DimRow[];
  sexes: DimRow[];
  sectors: DimRow[];
  months: MonthRow[];
  cascade: Cascade;
  countriesWithActivity: number;
}

const REACHED_SEX = PARTICIPANT_SEXES.map(reachedMetric);
const REACHED_AGE = AGE_BANDS.map(reachedMetric);
const TOTAL_METRICS: Metric[] = [
  'enrolments',
  'learners.enrolled',
  'completions',
  'completions.cohort',
  'final.passed',
  'final.failed',
  'certificates',
  'days',
  'sessions',
  'trainers',
  'active.m',
  ...REACHED_SEX,
  ...REACHED_AGE,
];
const DIM_METRICS: Metric[] = ['enrolments', 'completions', 'sessions', ...REACHED_SEX];
const COURSE_METRICS: Metric[] = [
  'enrolments',
  'learners.enrolled',
  'completions',
  'completions.cohort',
  'final.passed',
  'final.failed',
  'certificates',
  'module.completions',
  'module.quiz.passed',
  'module.quiz.failed',
];

/** Every counter the dashboard reads (the active ones by period); a test checks the projection writes each. */
export const DASHBOARD_METRICS: ReadonlySet<Metric> = new Set<Metric>([
  ...TOTAL_METRICS,
  ...DIM_METRICS,
  ...COURSE_METRICS,
  'active.q',
  'active.y',
]);

const rate = (num: number, den: number) => (den > 0 ? num / den : null);
const sumBy = (rows: StatsCountRow[], key: (r: StatsCountRow) => string) => {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.n);
  return out;
};

export interface StatsServiceDeps {
  store: Store;
  clock?: () => Date;
}

export function createStatsService(deps: StatsServiceDeps) {
  const { stats } = deps.store;
  const now = deps.clock ?? (() => new Date());

  /** Active learners in the period: the exact period counter, or a distinct count for a custom run of months. */
  const active = async (p: Period, filter: StatsFilter, by?: StatsDim) => {
    if (p.active) {
      const rows = await stats.counts({ metrics: [p.active.metric], filter, by, from: p.active.key, to: p.active.key });
      return sumBy(rows, (r) => r.value);
    }
    return new Map((await stats.activeLearners({ filter, by, from: p.from, to: p.to })).map((r) => [r.value, r.n]));
  };

  const dimRows = async (p: Period, filter: StatsFilter, by: StatsDim): Promise<DimRow[]> => {
    const [rows, act] = await Promise.all([
      stats.counts({ metrics: DIM_METRICS, filter, by, from: p.from, to: p.to, wholePeriod: true }),
      active(p, filter, by),
    ]);
    const m = sumBy(rows, (r) => `${r.value}|${r.metric.startsWith('reached.') ? 'reached' : r.metric}`);
    const keys = new Set([...rows.map((r) => r.value), ...act.keys()]);
    return [...keys]
      .filter((k) => k !== '')
      .sort()
      .map((key) => ({
        key,
        active: act.get(key) ?? 0,
        enrolments: m.get(`${key}|enrolments`) ?? 0,
        completions: m.get(`${key}|completions`) ?? 0,
        sessions: m.get(`${key}|sessions`) ?? 0,
        reached: m.get(`${key}|reached`) ?? 0,
      }));
  };

  const service = {
    periodOf: (q: StatsQueryInput) => periodOf(q, now()),

    /** The dashboard with the period before it (for the changes) and a monthly trend of at least a year. */
    overview: (q: StatsQueryInput) => buildOverview(service.dashboard, stats, q, now()),

    async dashboard(q: StatsQueryInput): Promise<Dashboard> {
      const p = periodOf(q, now());
      const filter: StatsFilter = { course: q.course, country: q.country, sex: q.sex, sector: q.sector };
      for (const k of Object.keys(filter) as StatsDim[]) if (filter[k] === undefined) delete filter[k];
      const [totalRows, courseRows, countries, sexes, sectors, act, registered] = await Promise.all([
        stats.counts({ metrics: TOTAL_METRICS, filter, from: p.from, to: p.to }),
        stats.counts({ metrics: COURSE_METRICS, filter, by: 'course', from: p.from, to: p.to, wholePeriod: true }),
        dimRows(p, filter, 'country'),
        dimRows(p, filter, 'sex'),
        dimRows(p, filter, 'sector'),
        active(p, filter),
        stats.registeredUsers({ filter, from: p.start, to: p.end }),
      ]);
      const t = sumBy(totalRows, (r) => r.metric);
      const n = (metric: Metric) => t.get(metric) ?? 0;
      // Module metrics are never rolled up across courses, so their totals are summed from the by-course rows.
      const quiz = (metric: Metric) => courseRows.filter((r) => r.metric === metric).reduce((a, r) => a + r.n, 0);
      const days = new Map<number, number>();
      for (const r of totalRows)
        if (r.metric === 'days') days.set(Number(r.detail), (days.get(Number(r.detail)) ?? 0) + r.n);
      const totals: Totals = {
        registeredLearners: registered,
        activeLearners: act.get('') ?? 0,
        enrolments: n('enrolments'),
        learnersEnrolled: n('learners.enrolled'),
        completions: n('completions'),
        completionRate: rate(n('completions.cohort'), n('learners.enrolled')),
        quizPassRate: rate(quiz('module.quiz.passed'), quiz('module.quiz.passed') + quiz('module.quiz.failed')),
        finalPassRate: rate(n('final.passed'), n('final.passed') + n('final.failed')),
        certificates: n('certificates'),
        medianDays: histogramMedian(days),
      };
      const byMonth = sumBy(totalRows, (r) => `${r.month}|${r.metric}`);
      const months = monthsOf(p).map((key) => ({
        key,
        active: byMonth.get(`${key}|active.m`) ?? 0,
        enrolments: byMonth.get(`${key}|enrolments`) ?? 0,
        completions: byMonth.get(`${key}|completions`) ?? 0,
        certificates: byMonth.get(`${key}|certificates`) ?? 0,
      }));
      const c = sumBy(
        courseRows.filter((r) => !r.metric.startsWith('module.')),
        (r) => `${r.value}|${r.metric}`,
      );
      const cn = (course: string, metric: Metric) => c.get(`${course}|${metric}`) ?? 0;
      const courses = [...new Set(courseRows.map((r) => r.value))].sort().map((key) => ({
        key,
        enrolments: cn(key, 'enrolments'),
        learnersEnrolled: cn(key, 'learners.enrolled'),
        completions: cn(key, 'completions'),
        completionRate: rate(cn(key, 'completions.cohort'), cn(key, 'learners.enrolled')),
        finalPassRate: rate(cn(key, 'final.passed'), cn(key, 'final.passed') + cn(key, 'final.failed')),
        certificates: cn(key, 'certificates'),
      }));
      const mm = sumBy(
        courseRows.filter((r) => r.metric.startsWith('module.')),
        (r) => `${r.value}|${r.detail}|${r.metric}`,
      );
      const moduleKeys = [
        ...new Set(courseRows.filter((r) => r.metric.startsWith('module.')).map((r) => `${r.value}|${r.detail}`)),
      ].sort();
      const modules = moduleKeys.map((k) => {
        const [course = '', module = ''] = k.split('|');
        const get = (metric: Metric) => mm.get(`${k}|${metric}`) ?? 0;
        return {
          course,
          module,
          completions: get('module.completions'),
          quizPassed: get('module.quiz.passed'),
          quizFailed: get('module.quiz.failed'),
          quizPassRate: rate(get('module.quiz.passed'), get('module.quiz.passed') + get('module.quiz.failed')),
        };
      });
      const bySex = Object.fromEntries(PARTICIPANT_SEXES.map((k) => [k, n(`reached.${k}`)]));
      const byAge = Object.fromEntries(AGE_BANDS.map((k) => [k, n(`reached.${k}`)]));
      const reached = Object.values(bySex).reduce((a, b) => a + b, 0);
      const sessionCountries = countries.filter((r) => r.sessions > 0);
      const cascade: Cascade = {
        trainers: n('trainers'),
        sessions: n('sessions'),
        reached,
        bySex,
        byAge,
        shareGirls: rate(bySex.girls ?? 0, reached),
        countries: sessionCountries.length,
        byCountry: sessionCountries.map((r) => ({ key: r.key, sessions: r.sessions, reached: r.reached })),
      };
      const countriesWithActivity = countries.filter(
        (r) => r.active + r.enrolments + r.completions + r.sessions > 0,
      ).length;
      return {
        period: p,
        filter,
        totals,
        courses,
        modules,
        countries,
        sexes,
        sectors,
        months,
        cascade,
        countriesWithActivity,
      };
    },

    /** Delivered session records for CSV export, page by page so a large export never sits in memory. */
    async *sessionRecords(q: StatsQueryInput) {
      const p = periodOf(q, now());
      const from = `${p.from}-01`;
      const to = p.end.toISOString().slice(0, 10);
      let before: { date: string; id: string } | undefined = { date: to, id: '' };
      for (;;) {
        const page = await deps.store.training.listSessions({ limit: 500, before });
        for (const s of page) {
          if (s.date < from) return;
          if (q.country && s.country !== q.country) continue;
          yield s;
        }
        if (page.length < 500) return;
        const last = page[page.length - 1]!;
        before = { date: last.date, id: last.id };
      }
    },
  };
  return service;
}
export type StatsService = ReturnType<typeof createStatsService>;
