/** The overview at the top of the dashboard: key figures with their change, the trend, the map, the ranking, sex and sector. */
import type { TFunction } from 'i18next';
import type { Dashboard } from './stats-service.js';
import type { Overview } from './stats-overview.js';
import { dateFormat, numberFormat } from './formats.js';
import { barChart } from './svg-chart.js';
import { trendChart } from './trend-chart.js';
import { colourOf, MAP_COLOURS, worldMap } from './world-map.js';

type Dir = 'ltr' | 'rtl';
const RATES = new Set(['completionRate', 'quizPassRate', 'finalPassRate', 'shareGirls']);
const regionNames = new Map<string, Intl.DisplayNames>();
export const countryIn = (lang: string) => {
  let names = regionNames.get(lang);
  if (!names) regionNames.set(lang, (names = new Intl.DisplayNames([lang, 'en'], { type: 'region' })));
  return (code: string) => names.of(code) ?? code;
};

/** The key figures as [measure, value], in the order of the overview table. */
export function measures(d: Dashboard): [string, number | null][] {
  const t = d.totals;
  return [
    ['registeredLearners', t.registeredLearners],
    ['activeLearners', t.activeLearners],
    ['enrolments', t.enrolments],
    ['completions', t.completions],
    ['completionRate', t.completionRate],
    ['quizPassRate', t.quizPassRate],
    ['finalPassRate', t.finalPassRate],
    ['certificates', t.certificates],
    ['medianDays', t.medianDays],
    ['trainers', d.cascade.trainers],
    ['sessions', d.cascade.sessions],
    ['reached', d.cascade.reached],
    ['shareGirls', d.cascade.shareGirls],
    ['countriesWithActivity', d.countriesWithActivity],
  ];
}

export interface Delta {
  trend: 'up' | 'down' | 'same' | 'none';
  arrow: string;
  text: string;
}

/**
 * The change of one figure against the period before: a percentage for counts, percentage points for
 * shares, and words (not "+∞ %") when the period before had none.
 */
export function delta(
  cur: number | null,
  prev: number | null,
  rate: boolean,
  t: TFunction,
  lang: string,
  before: string,
): Delta {
  if (cur === null || prev === null)
    return { trend: 'none', arrow: '', text: t('stats:delta.noBase', { period: before }) };
  if (cur === prev) return { trend: 'same', arrow: '=', text: t('stats:delta.same', { period: before }) };
  const trend = cur > prev ? 'up' : 'down';
  const arrow = trend === 'up' ? '▲' : '▼';
  if (rate) {
    const pts = numberFormat(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format((cur - prev) * 100);
    return { trend, arrow, text: t('stats:delta.points', { change: pts, period: before }) };
  }
  if (prev === 0) return { trend, arrow, text: t('stats:delta.fromZero', { period: before }) };
  const pct = numberFormat(lang, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format((cur - prev) / prev);
  return { trend, arrow, text: t('stats:delta.change', { change: pct, period: before }) };
}

const SERIES = [
  { key: 'enrolments', colour: '#0b4f8a', dash: '' },
  { key: 'completions', colour: '#1d6b36', dash: '7 4' },
  { key: 'certificates', colour: '#a3470c', dash: '2 3' },
] as const;

export function overviewView(o: Overview, t: TFunction, lang: string, dir: Dir) {
  const d = o.current;
  const num = numberFormat(lang, { maximumFractionDigits: 1 });
  const compact = numberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 });
  const pct = numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const country = countryIn(lang);
  const before = o.previous.period.label;
  const prev = new Map(measures(o.previous));
  const figures = measures(d).map(([key, v]) => ({
    key,
    value: v === null ? '–' : RATES.has(key) ? pct.format(v) : num.format(v),
    delta: delta(v, prev.get(key) ?? null, RATES.has(key), t, lang, before),
  }));

  const monthFmt = (opts: Intl.DateTimeFormatOptions) => dateFormat(lang, { ...opts, timeZone: 'UTC' });
  const short = monthFmt({ month: 'short' });
  const shortYear = monthFmt({ month: 'short', year: '2-digit' });
  const long = monthFmt({ month: 'long', year: 'numeric' });
  const months = o.trend.map((m, i) => {
    const date = new Date(`${m.key}-01T00:00:00Z`);
    return { short: (i === 0 || m.key.endsWith('-01') ? shortYear : short).format(date), long: long.format(date) };
  });
  const series = SERIES.map((s) => ({ ...s, name: t(`stats:column.${s.key}`), values: o.trend.map((m) => m[s.key]) }));
  const trend = trendChart({
    id: 'trend',
    dir,
    title: t('stats:trend.title'),
    desc: t('stats:trend.desc', { from: months[0]?.long ?? '', to: months[months.length - 1]?.long ?? '' }),
    months,
    series,
    format: (n) => num.format(n),
    axisFormat: (n) => compact.format(n),
  });

  const completions = new Map(d.countries.filter((c) => c.completions > 0).map((c) => [c.key, c.completions]));
  const map = worldMap({
    id: 'map',
    title: t('stats:map.title'),
    desc: t('stats:map.desc', { period: d.period.label }),
    values: completions,
    label: (code, v) => `${country(code)}: ${num.format(v)}`,
  });
  const legend = [
    { colour: MAP_COLOURS[0], text: t('stats:map.none') },
    ...map.breaks.map((b, i) => {
      const next = map.breaks[i + 1];
      const text =
        next === undefined
          ? `${num.format(b)}+`
          : next - 1 > b
            ? `${num.format(b)}–${num.format(next - 1)}`
            : num.format(b);
      return { colour: colourOf(i + 1, map.breaks.length), text };
    }),
  ];
  const totalCompletions = d.countries.reduce((a, c) => a + c.completions, 0);
  const ranking = d.countries
    .filter((c) => c.completions + c.enrolments > 0)
    .sort((a, b) => b.completions - a.completions || b.enrolments - a.enrolments || a.key.localeCompare(b.key))
    .slice(0, 10)
    .map((c, i) => ({
      rank: num.format(i + 1),
      name: country(c.key),
      completions: num.format(c.completions),
      enrolments: num.format(c.enrolments),
      share: totalCompletions > 0 ? pct.format(c.completions / totalCompletions) : '–',
    }));

  const bars = (name: 'sexes' | 'sectors', label: (k: string) => string) => {
    const rows = d[name].filter((r) => r.enrolments > 0);
    const total = rows.reduce((a, r) => a + r.enrolments, 0);
    return rows.length === 0
      ? null
      : barChart({
          id: `overview-${name}`,
          dir,
          title: t(`stats:overview.${name}`),
          desc: t('stats:chartDesc', { measure: t('stats:column.enrolments'), rows: rows.length }),
          rows: rows
            .sort((a, b) => b.enrolments - a.enrolments)
            .map((r) => ({ label: label(r.key), value: r.enrolments, display: pct.format(r.enrolments / total) })),
        });
  };

  return {
    figures,
    compared: t('stats:delta.compared', { period: before }),
    running: o.running ? t('stats:delta.running', { period: d.period.label }) : null,
    trend,
    series: series.map((s) => ({ name: s.name, colour: s.colour, dash: s.dash })),
    map: map.svg,
    legend,
    ranking,
    sexes: bars('sexes', (k) => t(`accounts:sex.${k}`)),
    sectors: bars('sectors', (k) => t(`accounts:sector.${k}`)),
  };
}
