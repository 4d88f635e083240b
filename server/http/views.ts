import type { Express } from 'express';
import Handlebars, { type HelperOptions } from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

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
/** Values such as names make keys without end: a language's memo starts again past this many. */
const MEMO_LIMIT = 20_000;

/** `key` alone, or `key` and its values (strings, numbers, booleans only), as one string; null otherwise. */
function memoKey(key: string, hash: Record<string, unknown> | undefined): string | null {
  let id = key;
  if (!hash) return id;
  for (const name in hash) {
    const value = hash[name];
    const kind = typeof value;
    if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') return null;
    id += `\u0000${name}\u0001${String(value)}`;
  }
  return id;
}

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
    // A page asks for the same labels, with the same numbers, on every request: each is translated once per
    // language. Values other than strings, numbers and booleans (objects, arrays) are translated every time.
    const id = memoKey(key, hash);
    if (id === null) return t(key, hash);
    let known = translated.get(t);
    if (!known) translated.set(t, (known = new Map()));
    let text = known.get(id);
    if (text === undefined) {
      text = hash ? t(key, hash) : t(key);
      if (known.size >= MEMO_LIMIT) known.clear();
      known.set(id, text);
    }
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

type Template = Handlebars.TemplateDelegate;
type Callback = (err: Error | null, html?: string) => void;

/**
 * The view engine: Handlebars itself, with its partials and helpers registered once in an environment of
 * its own, and every template compiled once (re-read on every render only while developing). A page is
 * rendered, then the layout (`views/layouts/main.hbs` unless the page says `layout: false` or another
 * name) around it as `{{{body}}}`. Synchronous: no promise per page, no per-render copy of the helpers.
 */
export function viewEngine(root: string, opts: { cache: boolean }) {
  const hbs = Handlebars.create();
  hbs.registerHelper(viewHelpers);
  const partialsDir = join(root, 'views/partials');
  const layoutsDir = join(root, 'views/layouts');
  const compiled = new Map<string, Template>();
  const template = (file: string): Template => {
    let t = opts.cache ? compiled.get(file) : undefined;
    if (!t) {
      // Trimmed, so a partial's closing newline does not end up inside a link or a sentence.
      t = hbs.compile(readFileSync(file, 'utf8').trim());
      if (opts.cache) compiled.set(file, t);
    }
    return t;
  };
  const registerPartials = () => {
    for (const file of readdirSync(partialsDir)) {
      if (file.endsWith('.hbs')) hbs.registerPartial(basename(file, '.hbs'), template(join(partialsDir, file)));
    }
  };
  registerPartials();
  return (file: string, options: object, callback: Callback): void => {
    let html: string;
    try {
      if (!opts.cache) registerPartials();
      const context = options as Record<string, unknown>;
      const body = template(file)(context);
      const layout = context.layout === undefined ? 'main' : context.layout;
      if (layout === false || layout === null) html = body;
      else {
        context.body = body;
        html = template(join(layoutsDir, `${String(layout)}.hbs`))(context);
      }
    } catch (err) {
      callback(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    callback(null, html);
  };
}

export function setupViews(app: Express, root: string, opts: { cache: boolean }): void {
  app.engine('hbs', viewEngine(root, opts));
  app.set('view engine', 'hbs');
  app.set('views', join(root, 'views/pages'));
  app.set('view cache', opts.cache);
}
