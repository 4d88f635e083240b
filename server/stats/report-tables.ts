/** The yearly report's breakdowns, one shape for the HTML page and the PDF: labelled rows, formatted cells, the charted value. */
import type { TFunction } from 'i18next';
import type { CourseTitles } from './course-titles.js';
import { formatters, regionRows, type ReportFigures } from './report-narrative.js';
import type { Dashboard, DimRow } from './stats-service.js';

export interface ReportRow {
  label: string;
  cells: string[];
  /** The value the chart draws, and as it is written. */
  value: number;
  display: string;
}
export interface ReportTable {
  id: string;
  caption: string;
  headers: string[];
  rows: ReportRow[];
  /** What the bars measure, for the chart's title and description. */
  measure: string;
}

export function reportTables(
  d: Dashboard,
  f: ReportFigures,
  t: TFunction,
  lang: string,
  titles: CourseTitles,
  countryName: (code: string) => string,
): Record<'courses' | 'months' | 'regions' | 'countries' | 'sexes' | 'sectors' | 'cascade' | 'reached', ReportTable> {
  const { num } = formatters(lang);
  const monthName = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' });
  const col = (key: string) => t(`stats:column.${key}`);
  const year = f.year;
  const activity = (
    id: string,
    first: string,
    rows: { label: string; r: DimRow | ReturnType<typeof regionRows>[number] }[],
  ) => ({
    id,
    caption: t(`report:table.${id}`, { year }),
    headers: [
      first === 'region' ? t('report:column.region') : col(first),
      col('active'),
      col('enrolments'),
      col('completions'),
      col('sessions'),
      col('reached'),
    ],
    measure: col('active'),
    rows: rows.map(({ label, r }) => ({
      label,
      value: r.active,
      display: num(r.active),
      cells: [r.active, r.enrolments, r.completions, r.sessions, r.reached].map(num),
    })),
  });
  const people = (id: 'sexes' | 'sectors', first: string, rows: DimRow[], name: (k: string) => string) => ({
    id,
    caption: t(`report:table.${id}`, { year }),
    headers: [col(first), col('active'), col('enrolments'), col('completions')],
    measure: col('active'),
    rows: rows
      .filter((r) => r.active + r.enrolments + r.completions > 0)
      .sort((a, b) => b.active - a.active)
      .map((r) => ({
        label: name(r.key),
        value: r.active,
        display: num(r.active),
        cells: [r.active, r.enrolments, r.completions].map(num),
      })),
  });
  const moduleCount = (course: string) =>
    d.modules.filter((m) => m.course === course).reduce((n, m) => n + m.completions, 0);
  const countries = d.countries
    .filter((c) => c.active + c.enrolments + c.completions + c.sessions > 0)
    .sort((a, b) => b.active - a.active || b.sessions - a.sessions || a.key.localeCompare(b.key));
  const step = (key: string, value: number) => ({
    label: t(`report:step.${key}`),
    value,
    display: num(value),
    cells: [num(value)],
  });
  return {
    courses: {
      id: 'courses',
      caption: t('report:table.courses', { year }),
      headers: [col('course'), col('enrolments'), col('modules_completed'), col('completions'), col('certificates')],
      measure: col('completions'),
      rows: d.courses.map((c) => ({
        label: titles(c.key, lang),
        value: c.completions,
        display: num(c.completions),
        cells: [c.enrolments, moduleCount(c.key), c.completions, c.certificates].map(num),
      })),
    },
    months: {
      id: 'months',
      caption: t('report:table.months', { year }),
      headers: [col('month'), col('enrolments'), col('completions'), col('certificates')],
      measure: col('completions'),
      rows: d.months.map((m) => ({
        label: monthName.format(new Date(`${m.key}-01T00:00:00Z`)),
        value: m.completions,
        display: num(m.completions),
        cells: [m.enrolments, m.completions, m.certificates].map(num),
      })),
    },
    regions: activity(
      'regions',
      'region',
      regionRows(d)
        .filter((r) => r.active + r.enrolments + r.completions + r.sessions > 0)
        .map((r) => ({ label: t(`report:region.${r.key}`), r })),
    ),
    countries: activity(
      'countries',
      'country',
      countries.map((r) => ({ label: countryName(r.key), r })),
    ),
    sexes: people('sexes', 'sex', d.sexes, (k) => t(`accounts:sex.${k}`)),
    sectors: people('sectors', 'sector', d.sectors, (k) => t(`accounts:sector.${k}`)),
    cascade: {
      id: 'cascade',
      caption: t('report:table.cascade', { year }),
      headers: [col('measure'), col('value')],
      measure: col('value'),
      rows: [step('trainers', f.trainers), step('sessions', f.sessions), step('reached', f.reached)],
    },
    reached: {
      id: 'reached',
      caption: t('report:table.reached', { year }),
      headers: [col('group'), col('participants')],
      measure: col('participants'),
      rows: [...Object.entries(d.cascade.bySex), ...Object.entries(d.cascade.byAge)].map(([k, v]) => ({
        label: t(`training:counts.${k}`),
        value: v,
        display: num(v),
        cells: [num(v)],
      })),
    },
  };
}
