/** The yearly report: the programme's figures stated in sentences, charts and tables, in the style of the UN Secretary-General's reports. */
import type { TFunction } from 'i18next';
import { countryName } from '../accounts/countries.js';
import type { CourseTitles } from './course-titles.js';
import { formatters, reportFigures, reportNarrative, type ReportFigures } from './report-narrative.js';
import { reportTables, type ReportTable } from './report-tables.js';
import type { Dashboard } from './stats-service.js';
import { barChart } from './svg-chart.js';

export interface ReportSection {
  id: string;
  heading: string;
  paragraphs: string[];
  tables: ReportTable[];
  /** The training-of-trainers cascade, drawn as steps (trainers → sessions → young people). */
  steps?: { label: string; value: string }[];
}
export interface ReportContent {
  lang: string;
  dir: 'ltr' | 'rtl';
  year: number;
  programme: string;
  title: string;
  generated: string;
  /** The day the figures were read, as the reader writes dates. */
  date: string;
  figures: ReportFigures;
  keyFigures: { label: string; value: string }[];
  sections: ReportSection[];
}

/** Everything the report says, once, for both the HTML page and the PDF. */
export function reportContent(
  d: Dashboard,
  year: number,
  t: TFunction,
  lang: string,
  titles: CourseTitles,
  programme: string,
  now: Date,
): ReportContent {
  const name = (code: string) => countryName(code, lang);
  const f = reportFigures(d, year);
  const text = reportNarrative(d, f, t, lang, programme, name);
  const tables = reportTables(d, f, t, lang, titles, name);
  const { num } = formatters(lang);
  const col = (key: string) => t(`stats:column.${key}`);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(now);
  return {
    lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    year,
    programme,
    title: t('report:title', { year }),
    generated: t('report:generated', { date }),
    date,
    figures: f,
    keyFigures: [
      { label: col('active'), value: num(f.users) },
      { label: col('modules_completed'), value: num(f.modules) },
      { label: col('completions'), value: num(f.completions) },
      { label: col('certificates'), value: num(f.certificates) },
      { label: t('report:step.trainers'), value: num(f.trainers) },
      { label: t('report:step.reached'), value: num(f.reached) },
    ],
    sections: [
      { id: 'summary', heading: t('report:section.summary'), paragraphs: text.summary, tables: [] },
      {
        id: 'elearning',
        heading: t('report:section.elearning'),
        paragraphs: text.elearning,
        tables: [tables.courses, tables.months],
      },
      {
        id: 'regions',
        heading: t('report:section.regions'),
        paragraphs: [],
        tables: [tables.regions, tables.countries],
      },
      {
        id: 'people',
        heading: t('report:section.people'),
        paragraphs: text.people,
        tables: [tables.sexes, tables.sectors],
      },
      {
        id: 'cascade',
        heading: t('report:section.cascade'),
        paragraphs: text.cascade,
        tables: [tables.cascade, tables.reached],
        steps: tables.cascade.rows.map((r) => ({ label: r.label, value: r.display })),
      },
    ],
  };
}

/** At most this many bars in a chart; the table below it lists every row. */
export const CHART_ROWS = 15;

/** The HTML page's view: the content plus a server-rendered SVG chart above each table. */
export function reportView(c: ReportContent, t: TFunction, languages: readonly string[]) {
  const thisYear = new Date().getUTCFullYear();
  return {
    ...c,
    headLinks: [{ rel: 'stylesheet', href: '/public/css/report.css' }],
    // A yearly report is for a complete year: it opens on last year, says so, and offers the others.
    lastComplete: c.year === thisYear - 1,
    years: Array.from({ length: 5 }, (_, i) => thisYear - i).filter((y) => y !== c.year),
    pdf: {
      href: `/stats/report.pdf?year=${c.year}&lang=${c.lang}`,
      label: t('report:downloadPdf', { lang: languageName(c.lang, c.lang) }),
    },
    // Each other language by its own name, as the language menu shows them.
    otherPdfs: languages
      .filter((lang) => lang !== c.lang)
      .map((lang) => ({ lang, href: `/stats/report.pdf?year=${c.year}&lang=${lang}`, name: languageName(lang, lang) })),
    sections: c.sections.map((s) => ({
      ...s,
      tables: s.tables
        .filter((tb) => tb.id !== 'cascade')
        .map((tb) => ({
          ...tb,
          chart:
            tb.rows.some((r) => r.value > 0) && tb.rows.length > 1
              ? barChart({
                  id: `report-chart-${tb.id}`,
                  dir: c.dir,
                  title: tb.caption,
                  desc: t('report:chartDesc', { measure: tb.measure }),
                  rows: tb.rows
                    .slice(0, CHART_ROWS)
                    .map((r) => ({ label: r.label, value: r.value, display: r.display })),
                })
              : null,
        })),
    })),
  };
}

const languageName = (lang: string, inLang: string) =>
  new Intl.DisplayNames([inLang], { type: 'language' }).of(lang) ?? lang;
