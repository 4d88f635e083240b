/** SCORM courses for the run-time: the catalogue's course at the version a registration is on. */
import type { CatalogueService } from '../../courses/catalogue-service.js';
import { NotFoundError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { ScormCourse, ScormCourses } from './scorm-course.js';
import { scormOutline } from './scorm-kind.js';
import type { ScormManifest } from './scorm-manifest.js';

export interface ScormCoursesDeps {
  store: Store;
  catalogue: CatalogueService;
  /** Where a version's files are served (packages.routes.ts contentBase). */
  contentBase: (slug: string, version: number) => string;
}

/** Each required item's module and lesson in the catalogue (the same outline the pipeline installed). */
export function lessonMap(manifest: ScormManifest): ScormCourse['lessons'] {
  const lessons = new Map<string, { moduleId: string; lessonId: string; moduleTitle: string }>();
  for (const m of scormOutline(manifest).modules) {
    for (const l of m.lessons)
      lessons.set(l.unit, { moduleId: m.id, lessonId: l.id, moduleTitle: Object.values(m.title)[0] ?? m.id });
  }
  return lessons;
}

/** Versions never change once imported, so each is read once. */
export function scormCourses(deps: ScormCoursesDeps): ScormCourses {
  const cache = new Map<string, ScormCourse>();
  return async (slug, courseVersion) => {
    const installed = deps.catalogue.find(slug);
    if (installed?.package?.kind !== 'scorm') throw new NotFoundError('not_found', 'No such SCORM course.');
    const version = courseVersion ? Number.parseInt(courseVersion, 10) : installed.package.version;
    const key = `${slug}@${version}`;
    const known = cache.get(key);
    if (known) return known;
    const rec = await deps.store.packages.find(slug, version);
    if (rec?.kind !== 'scorm')
      throw new NotFoundError('not_found', `No version ${version} of the SCORM course ${slug}.`);
    const manifest = rec.structure as ScormManifest;
    const lessons = lessonMap(manifest);
    const m = installed.manifest;
    const course: ScormCourse = {
      slug,
      version: courseVersion ?? m.version,
      title: m.title as Record<string, string>,
      defaultLanguage: m.defaultLanguage,
      languages: [...m.languages],
      estimatedMinutes: m.estimatedMinutes,
      certificate: m.certificate,
      manifest,
      contentBase: deps.contentBase(slug, version),
      lessons,
    };
    cache.set(key, course);
    return course;
  };
}
