import type { CertificateRecord } from '../store/store.js';

/** Languages a certificate can be printed in: every UI language (Chinese with Noto Sans SC, see server/pdf/pdf-fonts.ts). */
export const PDF_LANGUAGES: ReadonlySet<string> = new Set(['en', 'fr', 'es', 'ru', 'ar', 'pt', 'zh']);
export const RTL: ReadonlySet<string> = new Set(['ar']);

export type Translate = (lang: string, key: string, vars?: Record<string, unknown>) => string;

/** The learner's chosen language when the course has it (and we can print it), else the course's default. */
export function certificateLanguage(cert: CertificateRecord, wanted: string | undefined): string {
  return wanted && cert.languages.includes(wanted) && PDF_LANGUAGES.has(wanted) ? wanted : cert.defaultLanguage;
}

export const courseTitleIn = (cert: CertificateRecord, lang: string) =>
  cert.courseTitle[lang] ??
  cert.courseTitle[cert.defaultLanguage] ??
  Object.values(cert.courseTitle)[0] ??
  cert.courseSlug;

export const longDate = (d: Date, lang: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
export const hoursText = (hours: number, lang: string) =>
  new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(hours);
