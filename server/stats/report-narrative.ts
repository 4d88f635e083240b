/**
 * The yearly report's figures, taken as they are from the dashboard of the same year, and the sentences
 * that state them the way the UN Secretary-General's reports do, in the reader's language: plural
 * forms through i18next (Intl.PluralRules), numbers and shares through Intl.NumberFormat.
 */
import type { TFunction } from 'i18next';
import { regionOf, type Region } from '../accounts/regions.js';
import type { Dashboard } from './stats-service.js';

export interface ReportFigures {
  year: number;
  /** Learners active in the year (the dashboard's "active learners"). */
  users: number;
  women: number;
  men: number;
  modules: number;
  courses: number;
  countries: number;
  enrolments: number;
  completions: number;
  completionRate: number | null;
  certificates: number;
  trainers: number;
  sessions: number;
  reached: number;
  shareGirls: number | null;
  cascadeCountries: string[];
}

export function reportFigures(d: Dashboard, year: number): ReportFigures {
  const activeOf = (sex: string) => d.sexes.find((r) => r.key === sex)?.active ?? 0;
  const moduleCourses = new Set(d.modules.filter((m) => m.completions > 0).map((m) => m.course));
  return {
    year,
    users: d.totals.activeLearners,
    women: activeOf('female'),
    men: activeOf('male'),
    modules: d.modules.reduce((n, m) => n + m.completions, 0),
    courses: moduleCourses.size,
    countries: d.countriesWithActivity,
    enrolments: d.totals.enrolments,
    completions: d.totals.completions,
    completionRate: d.totals.completionRate,
    certificates: d.totals.certificates,
    trainers: d.cascade.trainers,
    sessions: d.cascade.sessions,
    reached: d.cascade.reached,
    shareGirls: d.cascade.shareGirls,
    cascadeCountries: d.cascade.byCountry.map((r) => r.key),
  };
}

export interface Formatters {
  num: (n: number) => string;
  pct: (share: number | null) => string;
  list: (items: string[]) => string;
}

export function formatters(lang: string): Formatters {
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const list = new Intl.ListFormat(lang, { type: 'conjunction' });
  return {
    num: (n) => number.format(n),
    pct: (share) => (share === null ? '–' : percent.format(share)),
    list: (items) => list.format(items),
  };
}

/** Users by region, from the dashboard's country rows, largest first. */
export function regionRows(d: Dashboard) {
  const out = new Map<
    Region,
    { key: Region; active: number; enrolments: number; completions: number; sessions: number; reached: number }
  >();
  for (const c of d.countries) {
    const key = regionOf(c.key);
    const r = out.get(key) ?? { key, active: 0, enrolments: 0, completions: 0, sessions: 0, reached: 0 };
    r.active += c.active;
    r.enrolments += c.enrolments;
    r.completions += c.completions;
    r.sessions += c.sessions;
    r.reached += c.reached;
    out.set(key, r);
  }
  return [...out.values()].sort(
    (a, b) => b.active - a.active || b.enrolments - a.enrolments || a.key.localeCompare(b.key),
  );
}

export interface Narrative {
  summary: string[];
  elearning: string[];
  people: string[];
  cascade: string[];
}

/** Every sentence of the report, from the figures alone: no number in them that is not in ReportFigures or the dashboard. */
export function reportNarrative(
  d: Dashboard,
  f: ReportFigures,
  t: TFunction,
  lang: string,
  programme: string,
  countryName: (code: string) => string,
): Narrative {
  const { num, pct, list } = formatters(lang);
  const n = (key: string, count: number) => t(`report:n.${key}`, { count, n: num(count) });
  const share = (part: number, whole: number) => pct(whole > 0 ? part / whole : null);
  const headline = t('report:headline', {
    count: f.users,
    year: f.year,
    programme,
    users: n('users', f.users),
    modules: n('modules', f.modules),
    courses: n('courses', f.courses),
    countries: n('countries', f.countries),
  });
  const summary = [headline];
  if (f.users > 0) summary.push(t('report:women', { women: share(f.women, f.users), men: share(f.men, f.users) }));
  const elearning = [
    t('report:completions', {
      count: f.completions,
      n: num(f.completions),
      rate: pct(f.completionRate),
      certificates: n('certificates', f.certificates),
      enrolments: n('enrolments', f.enrolments),
    }),
  ];
  const people: string[] = [];
  const regions = regionRows(d)
    .filter((r) => r.active > 0)
    .slice(0, 3);
  if (regions.length)
    people.push(
      t('report:regions', {
        list: list(
          regions.map((r) => t('report:item', { name: t(`report:region.${r.key}`), n: share(r.active, f.users) })),
        ),
      }),
    );
  const sectors = [...d.sectors]
    .filter((r) => r.active > 0)
    .sort((a, b) => b.active - a.active)
    .slice(0, 3);
  if (sectors.length)
    people.push(
      t('report:sectors', {
        list: list(
          sectors.map((r) =>
            t('report:item', { name: inSentence(t(`accounts:sector.${r.key}`), lang), n: share(r.active, f.users) }),
          ),
        ),
      }),
    );
  const cascade: string[] = [];
  if (f.trainers + f.sessions === 0) cascade.push(t('report:noCascade', { year: f.year }));
  else cascade.push(t('report:trainers', { count: f.trainers, n: num(f.trainers), year: f.year }));
  if (f.sessions > 0) {
    // Up to five countries are named; more are counted.
    const many = f.cascadeCountries.length > 5;
    cascade.push(
      t(many ? 'report:reachMany' : 'report:reach', {
        count: f.reached,
        n: num(f.reached),
        sessions: n('sessions', f.sessions),
        share: pct(f.shareGirls),
        countries: many ? n('countries', f.cascadeCountries.length) : list(f.cascadeCountries.map(countryName)),
      }),
    );
  }
  return { summary, elearning, people, cascade };
}

/** A label ("Police and law enforcement") inside a sentence, where the scripts with letter case write it in lower case. */
const inSentence = (label: string, lang: string) =>
  ['en', 'es', 'fr', 'pt', 'ru'].includes(lang) ? label.charAt(0).toLocaleLowerCase(lang) + label.slice(1) : label;
