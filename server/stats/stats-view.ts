/** Turns the dashboard into what the page shows: formatted cells, labels and charts in the reader's language. */
import type { TFunction } from 'i18next';
import { countryOptions } from '../accounts/countries.js';
import { SECTORS, SEXES } from '../store/store.js';
import type { CourseTitles } from './course-titles.js';
import type { Dashboard } from './stats-service.js';
import { dashboardTables, type Cell, type Column } from './stats-tables.js';
import { numberFormat } from './formats.js';
import type { Delta } from './overview-view.js';
import { PRESETS, type Preset, type StatsQueryInput } from './stats.schema.js';
import { barChart } from './svg-chart.js';

const RATE_MEASURES = new Set(['completionRate', 'quizPassRate', 'finalPassRate', 'shareGirls']);

export function formatCell(c: Column, v: Cell, lang: string): string {
  if (v === null || v === undefined) return '–';
  if (!c.numeric) return String(v);
  const n = Number(v);
  return c.rate
    ? numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(n)
    : numberFormat(lang, { maximumFractionDigits: 1 }).format(n);
}

export function dashboardView(
  d: Dashboard,
  q: StatsQueryInput,
  t: TFunction,
  lang: string,
  dir: 'ltr' | 'rtl',
  titles: CourseTitles,
  courseSlugs: string[],
  moduleTitle?: (course: string, module: string) => string,
  preset: Preset | 'custom' = 'custom',
  deltas: Record<string, Delta> = {},
) {
  const exportQuery = new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  const tables = dashboardTables(d, t, lang, (s) => titles(s, lang), moduleTitle).map((table) => {
    const [first = { key: '' }, ...rest] = table.columns;
    const restCols = table.name === 'modules' ? rest.slice(1) : rest;
    // The overview mixes counts and shares in one column: shares are shown as percentages, row by row.
    const colFor = (c: Column, row: Record<string, Cell>) =>
      table.name === 'overview' && RATE_MEASURES.has(String(row.measure)) ? { ...c, rate: true } : c;
    const rows = table.rows.map((row, i) => ({
      key: String(row[first.key] ?? ''),
      label: table.labels[i] ?? '',
      cells: restCols.map((c) => formatCell(colFor(c, row), row[c.key] ?? null, lang)),
    }));
    const valueCol = table.columns.find((c) => c.key === table.chartValue);
    const chart =
      valueCol && rows.length > 0
        ? barChart({
            id: `chart-${table.name}`,
            dir,
            title: t(`stats:table.${table.name}.title`),
            desc: t('stats:chartDesc', { measure: t(`stats:column.${valueCol.key}`), rows: rows.length }),
            rows: table.rows.map((row, i) => ({
              label: table.labels[i] ?? '',
              value: Number(row[valueCol.key] ?? 0),
              display: formatCell(valueCol, row[valueCol.key] ?? null, lang),
            })),
          })
        : null;
    return {
      name: table.name,
      title: t(`stats:table.${table.name}.title`),
      caption: t(`stats:table.${table.name}.caption`, { period: d.period.label }),
      firstHeader: t(`stats:column.${table.name === 'modules' ? 'module' : first.key}`),
      headers: restCols.map((c) => t(`stats:column.${c.key}`)),
      rows,
      chart,
      csv: `/stats/${table.name}.csv?${exportQuery}`,
      jsonUrl: `/api/stats/tables/${table.name}?${exportQuery}`,
    };
  });
  // What each card counts under the filters in force (issue 16: cards that looked contradictory).
  const learnerFilter = !!(q.sex || q.sector);
  const notes: Record<string, string | undefined> = {
    completions: t('stats:note.completions'),
    completionRate: t('stats:note.completionRate'),
    registeredLearners: q.course ? t('stats:note.registeredCourse') : t('stats:note.registered'),
    shareGirls: t('stats:note.shareGirls'),
    ...(learnerFilter
      ? {
          trainers: t('stats:note.cascadeFilter'),
          sessions: t('stats:note.cascadeFilter'),
          reached: t('stats:note.cascadeFilter'),
        }
      : {}),
  };
  const chip = (key: keyof StatsQueryInput, label: string) => {
    const rest = new URLSearchParams(
      Object.entries(q)
        .filter(([k, v]) => k !== key && v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    return { label, remove: `/stats?${rest.toString()}`, removeLabel: t('stats:filters.remove', { filter: label }) };
  };
  const chips = [
    ...(q.course ? [chip('course', titles(q.course, lang))] : []),
    ...(q.country ? [chip('country', countryOptions(lang).find((c) => c.code === q.country)?.name ?? q.country)] : []),
    ...(q.sex ? [chip('sex', t(`accounts:sex.${q.sex}`))] : []),
    ...(q.sector ? [chip('sector', t(`accounts:sector.${q.sector}`))] : []),
  ];
  return {
    title: t('stats:title'),
    d,
    tables,
    exportQuery,
    chips,
    kpis: (tables[0]?.rows ?? []).map((r) => ({
      label: r.label,
      value: r.cells[0],
      note: notes[r.key],
      delta: deltas[r.key],
    })),
    options: {
      courses: courseSlugs.map((code) => ({ code, name: titles(code, lang), selected: code === q.course })),
      countries: countryOptions(lang).map((c) => ({ ...c, selected: c.code === q.country })),
      sexes: SEXES.map((code) => ({ code, name: t(`accounts:sex.${code}`), selected: code === q.sex })),
      sectors: SECTORS.map((code) => ({ code, name: t(`accounts:sector.${code}`), selected: code === q.sector })),
      // Presets relative to today; a fixed period that no preset stands for shows as its custom months.
      periods: [...PRESETS, 'custom' as const].map((code) => ({
        code,
        name: t(`stats:period.${code}`),
        checked: code === preset,
      })),
    },
    values: { from: d.period.from, to: d.period.to },
  };
}
