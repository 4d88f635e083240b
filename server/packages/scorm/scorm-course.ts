/** What the SCORM run-time needs to know about an imported package course (given by the package pipeline). */
import type { ScormManifest } from './scorm-manifest.js';

export interface ScormCourse {
  slug: string;
  /** The package version the learner's registration is on. */
  version: string;
  title: Record<string, string>;
  defaultLanguage: string;
  languages: string[];
  estimatedMinutes: number;
  certificate: boolean;
  manifest: ScormManifest;
  /** URL prefix (ending in `/`) where this version's package files are served, on the content path or origin. */
  contentBase: string;
  /** The catalogue's module and lesson of each required item (scorm-kind.ts outline), by item identifier. */
  lessons: ReadonlyMap<string, { moduleId: string; lessonId: string; moduleTitle: string }>;
}

/** Finds a course's SCORM package at the version a registration started on; NotFoundError when there is none. */
export type ScormCourses = (slug: string, version?: string) => Promise<ScormCourse>;
