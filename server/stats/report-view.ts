/** The yearly report: the programme's figures stated in sentences and tables, in the style of the UN Secretary-General's reports. */
import type { TFunction } from 'i18next';
import { countryName } from '../accounts/countries.js';
import type { CourseTitles } from './course-titles.js';
import type { Dashboard } from './stats-service.js';
import { formatCell } from './stats-view.js';

export function reportView(
  d: Dashboard,
  year: number,
  t: TFunction,
  lang: string,
  titles: CourseTitles,
  programme: string,
) {
  const num = (n: number) => new Intl.NumberFormat(lang).format(n);
  const pct = (r: number | null) => formatCell({ key: '', numeric: true, rate: true }, r, lang);
  const list = (codes: string[]) =>
    new Intl.ListFormat(lang, { type: 'conjunction' }).format(codes.map((c) => countryName(c, lang)));
  const moduleCompletions = d.modules.reduce((n, m) => n + m.completions, 0);
  const cascadeCountries = d.cascade.byCountry.map((r) => r.key);
  const elearning = [
    t('stats:report.elearning', { count: moduleCompletions, n: num(moduleCompletions), year, programme }),
    t('stats:report.courses', {
      count: d.totals.completions,
      n: num(d.totals.completions),
      countries: num(d.countriesWithActivity),
      rate: pct(d.totals.completionRate),
    }),
  ];
  const cascade =
    d.cascade.trainers + d.cascade.sessions === 0
      ? [t('stats:report.noCascade', { year })]
      : [
          t('stats:report.trainers', { count: d.cascade.trainers, n: num(d.cascade.trainers), year }),
          t('stats:report.reach', {
            count: d.cascade.reached,
            n: num(d.cascade.reached),
            sessions: num(d.cascade.sessions),
            share: pct(d.cascade.shareGirls),
            countries: cascadeCountries.length ? list(cascadeCountries) : '–',
          }),
        ];
  return {
    title: t('stats:report.title', { year }),
    year,
    programme,
    print: true,
    // A yearly report is for a complete year: it opens on last year, says so, and offers the others.
    lastComplete: year === new Date().getUTCFullYear() - 1,
    years: Array.from({ length: 5 }, (_, i) => new Date().getUTCFullYear() - i).filter((y) => y !== year),
    elearning,
    cascade,
    courses: d.courses.map((c) => ({
      title: titles(c.key, lang),
      enrolments: num(c.enrolments),
      completions: num(c.completions),
      certificates: num(c.certificates),
      modules: num(d.modules.filter((m) => m.course === c.key).reduce((n, m) => n + m.completions, 0)),
    })),
    countries: d.countries
      .filter((c) => c.enrolments + c.completions + c.sessions > 0)
      .map((c) => ({
        name: countryName(c.key, lang),
        enrolments: num(c.enrolments),
        completions: num(c.completions),
        sessions: num(c.sessions),
        reached: num(c.reached),
      })),
    reached: [...Object.entries(d.cascade.bySex), ...Object.entries(d.cascade.byAge)].map(([k, v]) => ({
      label: t(`training:counts.${k}`),
      n: num(v),
    })),
  };
}
