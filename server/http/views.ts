import { engine } from 'express-handlebars';
import type { Express } from 'express';
import Handlebars, { type HelperOptions } from 'handlebars';
import { join } from 'node:path';

/** CLDR's own plural rules (Arabic duals, Russian few/many) through Intl, in the long form that uses them. */
export function durationText(total: number, lang: string): string {
  const unit = (unit: 'hour' | 'minute', n: number) =>
    cached(
      numberFormats,
      `unit:${unit}:${lang}`,
      () => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }),
    ).format(n);
  const hours = Math.floor(total / 60);
  const minutes = Math.round(total % 60);
  const parts = [...(hours ? [unit('hour', hours)] : []), ...(minutes || !hours ? [unit('minute', minutes)] : [])];
  return cached(listFormats, `list:${lang}`, () => new Intl.ListFormat(lang, { type: 'unit', style: 'long' })).format(
    parts,
  );
}

/** Keyed by the per-language translate function (localsMiddleware makes one per language, once). */
const translated = new WeakMap<object, Map<string, string>>();

/** Intl formatters are costly to build and immutable: one per language and kind. */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
function cached<F>(map: Map<string, F>, key: string, make: () => F): F {
  let known = map.get(key);
  if (known === undefined) map.set(key, (known = make()));
  return known;
}

type Root = {
  t?: (key: string, opts?: Record<string, unknown>) => string;
  lang?: string;
  assetUrl?: (path: string) => string;
};
const rootOf = (options: HelperOptions) => (options.data?.root ?? {}) as Root;

export const viewHelpers = {
  /** {{t "namespace:key" name=value}} — translates in the request's language. */
  t(key: string, options: HelperOptions) {
    const t = rootOf(options).t;
    if (!t) return key;
    const hash = options.hash as Record<string, unknown> | undefined;
    if (hash && Object.keys(hash).length > 0) return t(key, hash);
    // A page asks for the same labels on every request: a key without values is translated once per language.
    let known = translated.get(t);
    if (!known) translated.set(t, (known = new Map()));
    let text = known.get(key);
    if (text === undefined) known.set(key, (text = t(key)));
    return text;
  },
  /** {{asset "/public/css/site.css"}} — the fingerprinted URL, which browsers may cache for a year. */
  asset(path: string, options: HelperOptions) {
    const url = rootOf(options).assetUrl;
    const versioned = url ? url(path) : path;
    // The fingerprint's `?v=` is ours; only the path needs escaping (Handlebars would write `=` as &#x3D;).
    return new Handlebars.SafeString(Handlebars.escapeExpression(path) + versioned.slice(path.length));
  },
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  not: (a: unknown) => !a,
  includes: (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item),
  add: (a: number, b: number) => Number(a) + Number(b),
  percent: (value: number) => `${Math.round((Number(value) || 0) * 100)}%`,
  /** The form's CSRF token, made only when a page prints it (server/http/csrf.ts). */
  csrfToken(options: HelperOptions) {
    const make = (options.data?.root as { csrf?: unknown } | undefined)?.csrf;
    return typeof make === 'function' ? String(make()) : '';
  },
  /** Needs an argument: `{{json}}` alone would otherwise print the whole page context (user record, CSRF token). */
  json(...args: unknown[]) {
    if (args.length < 2) throw new Error('the json helper needs a value: {{json value}}');
    return JSON.stringify(args[0]);
  },
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
  /** Dates in the reader's language; ISO date for machines in a <time datetime>. */
  date(value: Date | string | number | undefined, options: HelperOptions) {
    if (value === undefined || value === null) return '';
    const d = new Date(value);
    const lang = rootOf(options).lang ?? 'en';
    return cached(dateFormats, `date:${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium' })).format(d);
  },
  isoDate: (value: Date | string | number) => new Date(value).toISOString().slice(0, 10),
  /** The current page is this section (`/courses` covers `/courses/x`): the nav marks it with aria-current. */
  under(prefix: string, options: HelperOptions) {
    const path =
      String((options.data?.root as { currentPath?: string } | undefined)?.currentPath ?? '').split(/[?#]/)[0] ?? '';
    return path === prefix || path.startsWith(`${prefix}/`);
  },
  /** A length of time given in minutes, in hours and minutes with the reader's plural forms: "6 hours, 30 minutes". */
  duration(minutes: number, options: HelperOptions) {
    return durationText(Number(minutes) || 0, rootOf(options).lang ?? 'en');
  },
  number(value: number, options: HelperOptions) {
    const lang = rootOf(options).lang ?? 'en';
    return cached(numberFormats, `number:${lang}`, () => new Intl.NumberFormat(lang)).format(Number(value) || 0);
  },
};

export function setupViews(app: Express, root: string): void {
  app.engine(
    'hbs',
    engine({
      extname: '.hbs',
      defaultLayout: 'main',
      layoutsDir: join(root, 'views/layouts'),
      partialsDir: join(root, 'views/partials'),
      helpers: viewHelpers,
    }),
  );
  app.set('view engine', 'hbs');
  app.set('views', join(root, 'views/pages'));
}
