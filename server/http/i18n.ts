import i18next, { type i18n, type Resource, type TFunction } from 'i18next';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const LANGUAGES = ['en', 'fr', 'es', 'ru', 'ar', 'zh', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar']);
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ru: 'Русский',
  ar: 'العربية',
  zh: '中文',
  pt: 'Português',
};

export const isLanguage = (v: unknown): v is Language =>
  typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/**
 * Loads `locales/<lang>/<namespace>.json`. Each feature owns its namespace file, so features add
 * strings without touching each other's files.
 */
export function loadResources(dir: string): Resource {
  const resources: Resource = {};
  for (const lang of LANGUAGES) {
    const langDir = join(dir, lang);
    resources[lang] = {};
    if (!existsSync(langDir)) continue;
    for (const file of readdirSync(langDir).filter((f) => f.endsWith('.json'))) {
      resources[lang][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(langDir, file), 'utf8'));
    }
  }
  return resources;
}

export async function createI18n(localesDir: string): Promise<i18n> {
  const resources = loadResources(localesDir);
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(resources.en ?? {}),
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // Handlebars escapes
    returnNull: false,
  });
  return instance;
}

/** Picks the best supported language from an Accept-Language header, honouring q-values. */
export function negotiateLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((e) => e.tag && !Number.isNaN(e.q) && e.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLanguage(base)) return base;
  }
  return null;
}

export type Translate = TFunction;
