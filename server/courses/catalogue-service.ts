import { join } from 'node:path';
import { NotFoundError } from '../errors.js';
import { isLanguage, type Language } from '../http/i18n.js';
import type { CourseLoadResult, CourseProblem, LoadedCourse, LoadedLesson, LoadedModule } from './course-model.js';
import type { Audience, Quiz } from './course.schema.js';

/** A text in the reader's language, or the course's default language with `fallback` set. */
export interface Localised<T = string> {
  value: T;
  lang: Language;
  fallback: boolean;
}

export function localise<T>(
  map: Partial<Record<string, T>> | undefined,
  lang: string,
  defaultLanguage: string,
): Localised<T> | null {
  if (!map) return null;
  if (map[lang] !== undefined) return { value: map[lang] as T, lang: lang as Language, fallback: false };
  const value = map[defaultLanguage];
  return value === undefined ? null : { value, lang: defaultLanguage as Language, fallback: true };
}

export interface CatalogueFilter {
  language?: string;
  audience?: string;
}

export interface CourseSummary {
  slug: string;
  title: Localised;
  summary: Localised;
  audience: Audience[];
  estimatedMinutes: number;
  languages: Language[];
  /** The course is complete in the reader's language. */
  inYourLanguage: boolean;
  modules: number;
  lessons: number;
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;

/** The catalogue over the courses loaded once at start-up. Read-only; no I/O per request. */
export function createCatalogueService(loaded: CourseLoadResult) {
  const courses = [...loaded.courses];
  const bySlug = new Map(courses.map((c) => [c.slug, c]));
  let version = 0;

  const summary = (c: LoadedCourse, lang: string): CourseSummary => {
    const m = c.manifest;
    return {
      slug: c.slug,
      title: localise(m.title, lang, m.defaultLanguage)!,
      summary: localise(m.summary, lang, m.defaultLanguage)!,
      audience: m.audience,
      estimatedMinutes: m.estimatedMinutes,
      languages: m.languages,
      inYourLanguage: (m.languages as string[]).includes(lang),
      modules: c.modules.length,
      lessons: c.modules.reduce((n, mod) => n + mod.lessons.length, 0),
    };
  };

  return {
    list(lang: string, filter: CatalogueFilter = {}): CourseSummary[] {
      return courses
        .filter((c) => !filter.language || (c.manifest.languages as string[]).includes(filter.language))
        .filter((c) => !filter.audience || (c.manifest.audience as string[]).includes(filter.audience))
        .map((c) => summary(c, lang))
        .sort((a, b) => a.title.value.localeCompare(b.title.value, lang));
    },
    summary,
    /** Audiences used by at least one course, for the filter. */
    audiences(): Audience[] {
      return [...new Set(courses.flatMap((c) => c.manifest.audience))].sort();
    },
    find: (slug: string): LoadedCourse | undefined => bySlug.get(slug),
    get(slug: string): LoadedCourse {
      const course = bySlug.get(slug);
      if (!course) throw new NotFoundError('not_found', `No course "${slug}".`);
      return course;
    },
    module(course: LoadedCourse, moduleId: string): LoadedModule {
      const mod = course.modules.find((m) => m.id === moduleId);
      if (!mod) throw new NotFoundError('not_found', `No module "${moduleId}".`);
      return mod;
    },
    lesson(course: LoadedCourse, moduleId: string, lessonId: string): LoadedLesson {
      const lesson = course.modules.find((m) => m.id === moduleId)?.lessons.find((l) => l.id === lessonId);
      if (!lesson) throw new NotFoundError('not_found', `No lesson "${moduleId}/${lessonId}".`);
      return lesson;
    },
    quiz(course: LoadedCourse, quizId: string): Quiz {
      const quiz = course.quizzes.get(quizId);
      if (!quiz) throw new NotFoundError('not_found', `No quiz "${quizId}".`);
      return quiz;
    },
    lessonHtml(course: LoadedCourse, lesson: LoadedLesson, lang: string): Localised {
      return localise(
        lesson.html,
        isLanguage(lang) ? lang : course.manifest.defaultLanguage,
        course.manifest.defaultLanguage,
      )!;
    },
    /** Absolute path of an asset that the package lists, or null: nothing outside assets/ is reachable. */
    assetFile(slug: string, name: string): string | null {
      const course = bySlug.get(slug);
      return course?.assets.has(name) ? join(course.dir, 'assets', ...name.split('/')) : null;
    },
    broken: (): CourseProblem[] => loaded.broken,
    /** Moves on with every install: what was rendered from an older catalogue is out of date. */
    version: (): number => version,
    /** Adds or replaces a course imported at run time (a course package); reads stay synchronous. */
    install(course: LoadedCourse): void {
      const i = courses.findIndex((c) => c.slug === course.slug);
      if (i >= 0) courses[i] = course;
      else courses.push(course);
      bySlug.set(course.slug, course);
      version++;
    },
  };
}
