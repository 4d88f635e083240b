import type { Language } from '../http/i18n.js';
import type { AssetInfo } from './markdown.js';
import type { CourseManifest, LessonEntry, ModuleEntry, Quiz } from './course.schema.js';

/** A course package after loading: validated, cross-checked, lessons rendered once. */

export interface LoadedLesson extends LessonEntry {
  moduleId: string;
  /** Rendered HTML per language that has a file. */
  html: Partial<Record<Language, string>>;
}

export interface LoadedModule extends Omit<ModuleEntry, 'lessons'> {
  lessons: LoadedLesson[];
}

export interface LoadedCourse {
  slug: string;
  dir: string;
  manifest: CourseManifest;
  modules: LoadedModule[];
  quizzes: ReadonlyMap<string, Quiz>;
  /** Files under assets/, by path relative to assets/. */
  assets: ReadonlyMap<string, AssetInfo>;
  /** Set for a course imported as a package (cmi5, SCORM): its lessons are the package's units. */
  package?: PackageInfo;
}

export interface PackageInfo {
  kind: 'cmi5' | 'scorm' | 'praxis';
  version: number;
  /** Lesson (`module/lesson`) -> the unit id in the package (cmi5 AU IRI, SCORM item identifier). */
  units: ReadonlyMap<string, string>;
}

export interface CourseProblem {
  slug: string;
  errors: string[];
}

export interface CourseLoadResult {
  courses: LoadedCourse[];
  /** Courses that are not served, each with every error found. */
  broken: CourseProblem[];
}
