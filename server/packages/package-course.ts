import { join } from 'node:path';
import type { LoadedCourse, PackageInfo } from '../courses/course-model.js';
import type { CourseManifest } from '../courses/course.schema.js';
import { isLanguage, type Language } from '../http/i18n.js';
import type { PackageVersionRecord } from '../store/store.js';

/** What a package kind gives the catalogue: its units as modules and lessons, each lesson naming its unit. */
export interface PackageOutline {
  modules: {
    id: string;
    title: Record<string, string>;
    lessons: { id: string; title: Record<string, string>; minutes: number; unit: string }[];
  }[];
}

export type PackageCourse = LoadedCourse & { package: PackageInfo };
export const isPackageCourse = (c: LoadedCourse): c is PackageCourse => !!c.package;

/** Only the UI languages count; a package in, say, German alone is shown with its text under the default. */
function texts(map: Record<string, string>, fallback: string): Partial<Record<Language, string>> {
  const out: Partial<Record<Language, string>> = {};
  for (const [lang, text] of Object.entries(map)) if (isLanguage(lang) && text.trim()) out[lang] = text;
  if (Object.keys(out).length === 0) out.en = Object.values(map)[0] ?? fallback;
  return out;
}

export const packageDir = (dataDir: string, slug: string, version: number) =>
  join(dataDir, 'packages', slug, String(version));

/**
 * An imported package as a course of the catalogue: the same outline, progress bars, completion
 * (every required lesson done; a package has no Praxis final assessment), certificate and statistics.
 */
export function packageCourse(rec: PackageVersionRecord, outline: PackageOutline, dataDir: string): PackageCourse {
  const title = texts(rec.title, rec.slug);
  const languages = rec.languages.filter(isLanguage) as Language[];
  const defaultLanguage: Language = isLanguage(rec.defaultLanguage)
    ? rec.defaultLanguage
    : (Object.keys(title)[0] as Language);
  const units = new Map<string, string>();
  const modules = outline.modules.map((m) => ({
    id: m.id,
    title: texts(m.title, m.id),
    required: true,
    lessons: m.lessons.map((l) => {
      units.set(`${m.id}/${l.id}`, l.unit);
      return { id: l.id, title: texts(l.title, l.id), minutes: l.minutes };
    }),
  }));
  const manifest: CourseManifest = {
    id: rec.slug,
    version: `${rec.version}.0.0`,
    defaultLanguage,
    languages: languages.includes(defaultLanguage) ? languages : [defaultLanguage, ...languages],
    title,
    summary: Object.keys(rec.description).length ? texts(rec.description, '') : title,
    audience: ['general'],
    estimatedMinutes: Math.max(
      1,
      modules.reduce((n, m) => n + m.lessons.reduce((k, l) => k + l.minutes, 0), 0),
    ),
    certificate: true,
    finalAssessment: 'none',
    modules: modules.map((m) => ({ ...m, lessons: m.lessons })),
  };
  return {
    slug: rec.slug,
    dir: packageDir(dataDir, rec.slug, rec.version),
    manifest,
    modules: modules.map((m) => ({ ...m, lessons: m.lessons.map((l) => ({ ...l, moduleId: m.id, html: {} })) })),
    quizzes: new Map(),
    assets: new Map(),
    package: { kind: rec.kind, version: rec.version, units },
  };
}
