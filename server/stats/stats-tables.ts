/** The dashboard's tables, defined once for the page, the CSV export and the JSON API. */
import type { TFunction } from 'i18next';
import { countryName } from '../accounts/countries.js';
import { AGE_BANDS, PARTICIPANT_SEXES } from '../store/store.js';
import type { Dashboard } from './stats-service.js';
import type { TableName } from './stats.schema.js';

export type Cell = string | number | null;
export interface Column {
  key: string;
  numeric: boolean;
  rate?: boolean;
}
export interface Table {
  name: TableName;
  columns: Column[];
  rows: Record<string, Cell>[];
  labels: string[];
  chartValue?: string;
}

const col = (key: string, numeric = true, rate = false): Column => ({ key, numeric, rate });
const DIM_COLUMNS = [col('active'), col('enrolments'), col('completions'), col('sessions'), col('reached')];

/** Tables with codes and numbers only (machine friendly); `labels` gives each row's name in the reader's language. */
export function dashboardTables(
  d: Dashboard,
  t: TFunction,
  lang: string,
  courseTitle: (slug: string) => string,
  moduleTitle: (course: string, module: string) => string = (_c, m) => m,
): Table[] {
  const sex = (k: string) => t(`accounts:sex.${k}`);
  const sector = (k: string) => t(`accounts:sector.${k}`);
  const tt = d.totals;
  const overview: [string, Cell][] = [
    ['registeredLearners', tt.registeredLearners],
    ['activeLearners', tt.activeLearners],
    ['enrolments', tt.enrolments],
    ['completions', tt.completions],
    ['completionRate', tt.completionRate],
    ['quizPassRate', tt.quizPassRate],
    ['finalPassRate', tt.finalPassRate],
    ['certificates', tt.certificates],
    ['medianDays', tt.medianDays],
    ['trainers', d.cascade.trainers],
    ['sessions', d.cascade.sessions],
    ['reached', d.cascade.reached],
    ['shareGirls', d.cascade.shareGirls],
    ['countriesWithActivity', d.countriesWithActivity],
  ];
  const reached = [
    ...PARTICIPANT_SEXES.map((k) => ({ group: k, participants: d.cascade.bySex[k] ?? 0 })),
    ...AGE_BANDS.map((k) => ({ group: k, participants: d.cascade.byAge[k] ?? 0 })),
  ];
  return [
    {
      name: 'overview',
      columns: [col('measure', false), col('value')],
      rows: overview.map(([measure, value]) => ({ measure, value })),
      labels: overview.map(([m]) => t(`stats:measure.${m}`)),
    },
    {
      name: 'courses',
      columns: [
        col('course', false),
        col('enrolments'),
        col('learners_enrolled'),
        col('completions'),
        col('completion_rate', true, true),
        col('final_pass_rate', true, true),
        col('certificates'),
      ],
      rows: d.courses.map((r) => ({
        course: r.key,
        enrolments: r.enrolments,
        learners_enrolled: r.learnersEnrolled,
        completions: r.completions,
        completion_rate: r.completionRate,
        final_pass_rate: r.finalPassRate,
        certificates: r.certificates,
      })),
      labels: d.courses.map((r) => courseTitle(r.key)),
      chartValue: 'completions',
    },
    {
      name: 'modules',
      columns: [
        col('course', false),
        col('module', false),
        col('completions'),
        col('quiz_passed'),
        col('quiz_failed'),
        col('quiz_pass_rate', true, true),
      ],
      rows: d.modules.map((r) => ({
        course: r.course,
        module: r.module,
        completions: r.completions,
        quiz_passed: r.quizPassed,
        quiz_failed: r.quizFailed,
        quiz_pass_rate: r.quizPassRate,
      })),
      // The module's own title first: in a chart, where labels are cut, each bar stays distinct.
      labels: d.modules.map((r) => `${moduleTitle(r.course, r.module)} · ${courseTitle(r.course)}`),
      chartValue: 'completions',
    },
    {
      name: 'countries',
      columns: [col('country', false), ...DIM_COLUMNS],
      rows: d.countries.map(({ key, ...r }) => ({ country: key, ...r })),
      labels: d.countries.map((r) => countryName(r.key, lang)),
      chartValue: 'enrolments',
    },
    {
      name: 'sexes',
      columns: [col('sex', false), ...DIM_COLUMNS],
      rows: d.sexes.map(({ key, ...r }) => ({ sex: key, ...r })),
      labels: d.sexes.map((r) => sex(r.key)),
      chartValue: 'enrolments',
    },
    {
      name: 'sectors',
      columns: [col('sector', false), ...DIM_COLUMNS],
      rows: d.sectors.map(({ key, ...r }) => ({ sector: key, ...r })),
      labels: d.sectors.map((r) => sector(r.key)),
      chartValue: 'enrolments',
    },
    {
      name: 'months',
      columns: [col('month', false), col('active'), col('enrolments'), col('completions'), col('certificates')],
      rows: d.months.map(({ key, ...r }) => ({ month: key, ...r })),
      labels: d.months.map((r) => r.key),
      chartValue: 'completions',
    },
    {
      name: 'cascade',
      columns: [col('country', false), col('sessions'), col('reached')],
      rows: d.cascade.byCountry.map(({ key, ...r }) => ({ country: key, ...r })),
      labels: d.cascade.byCountry.map((r) => countryName(r.key, lang)),
      chartValue: 'reached',
    },
    {
      name: 'reached',
      columns: [col('group', false), col('participants')],
      rows: reached,
      labels: reached.map((r) => t(`training:counts.${r.group}`)),
      chartValue: 'participants',
    },
  ];
}

// OWASP CSV injection: quoting alone does not stop a spreadsheet evaluating a cell that starts with =, +, -, @, tab
// or CR; a leading quote mark makes it text. Numeric columns are written by the numeric branch and stay numbers.
const csvText = (raw: string) => {
  const v = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(v) || v !== raw ? `"${v.replace(/"/g, '""')}"` : v;
};

/** One CSV line: numbers bare (rates as decimals), text quoted when needed and guarded against spreadsheet formulas. */
export function csvLine(columns: Column[], row: Record<string, Cell>): string {
  const cells = columns.map((c) => {
    const v = row[c.key];
    if (v === null || v === undefined) return '';
    if (c.numeric) return String(typeof v === 'number' ? (c.rate ? Math.round(v * 10000) / 10000 : v) : Number(v));
    return csvText(String(v));
  });
  return `${cells.join(',')}\r\n`;
}
export const csvHeader = (columns: Column[]) => `${columns.map((c) => c.key).join(',')}\r\n`;
