/** Turns the dashboard into what the page shows: formatted cells, labels and charts in the reader's language. */
import type { TFunction } from 'i18next';
import { countryOptions } from '../accounts/countries.js';
import { SECTORS, SEXES } from '../store/store.js';
import type { CourseTitles } from './course-titles.js';
import type { Dashboard } from './stats-service.js';
import { dashboardTables, type Cell, type Column } from './stats-tables.js';
import type { StatsQueryInput } from './stats.schema.js';
import { barChart } from './svg-chart.js';

export function formatCell(c: Column, v: Cell, lang: string): string {
  if (v === null || v === undefined) return '–';
  if (!c.numeric) return String(v);
  const n = Number(v);
  return c.rate ? new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(n) : new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n);
}

export function dashboardView(d: Dashboard, q: StatsQueryInput, t: TFunction, lang: string, dir: 'ltr' | 'rtl', titles: CourseTitles, courseSlugs: string[]) {
  const exportQuery = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
  const tables = dashboardTables(d, t, lang, (s) => titles(s, lang)).map((table) => {
    const [first, ...rest] = table.columns;
    const restCols = table.name === 'modules' ? rest.slice(1) : rest;
    const rows = table.rows.map((row, i) => ({ label: table.labels[i], cells: restCols.map((c) => formatCell(c, row[c.key], lang)) }));
    const valueCol = table.columns.find((c) => c.key === table.chartValue);
    const chart = valueCol && rows.length > 0 ? barChart({
      id: `chart-${table.name}`, dir,
      title: t(`stats:table.${table.name}.title`), desc: t('stats:chartDesc', { measure: t(`stats:column.${valueCol.key}`), rows: rows.length }),
      rows: table.rows.map((row, i) => ({ label: table.labels[i], value: Number(row[valueCol.key] ?? 0), display: formatCell(valueCol, row[valueCol.key], lang) })),
    }) : null;
    return {
      name: table.name, title: t(`stats:table.${table.name}.title`), caption: t(`stats:table.${table.name}.caption`, { period: d.period.label }),
      firstHeader: t(`stats:column.${first.key}`), headers: restCols.map((c) => t(`stats:column.${c.key}`)), rows, chart,
      csv: `/stats/${table.name}.csv?${exportQuery}`, jsonUrl: `/api/stats/tables/${table.name}?${exportQuery}`,
    };
  });
  return {
    title: t('stats:title'), d, tables, exportQuery,
    kpis: tables[0].rows.map((r) => ({ label: r.label, value: r.cells[0] })),
    options: {
      courses: courseSlugs.map((code) => ({ code, name: titles(code, lang), selected: code === q.course })),
      countries: countryOptions(lang).map((c) => ({ ...c, selected: c.code === q.country })),
      sexes: SEXES.map((code) => ({ code, name: t(`accounts:sex.${code}`), selected: code === q.sex })),
      sectors: SECTORS.map((code) => ({ code, name: t(`accounts:sector.${code}`), selected: code === q.sector })),
      periods: (['year', 'quarter', 'month', 'custom'] as const).map((code) => ({ code, name: t(`stats:period.${code}`), checked: code === q.period })),
      quarters: [1, 2, 3, 4].map((n) => ({ n, selected: n === (q.quarter ?? 0) })),
    },
    values: { year: q.year ?? d.period.from.slice(0, 4), month: q.month ?? '', from: q.from ?? '', to: q.to ?? '' },
  };
}
