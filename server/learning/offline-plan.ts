import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { localise } from '../courses/catalogue-service.js';
import type { LoadedCourse } from '../courses/course-model.js';
import { isLanguage } from '../http/i18n.js';
import { lessonHref } from './learning-views.js';
import { TRACKER_SCRIPTS } from './tracker-view.js';

/** Sent by the page when it saves a lesson for offline reading: the server then records no visit. */
export const OFFLINE_PREFETCH_HEADER = 'X-Praxis-Offline';
/** Scripts every page may load; the offline copy needs them to track and to queue. */
export const OFFLINE_SCRIPTS = ['/public/js/offline.js'];
/** What the page chrome (layout, header, footer, forms) adds to a lesson's own HTML, measured on real pages. */
const PAGE_OVERHEAD_BYTES = 7_000;

export interface OfflineFile {
  url: string;
  bytes: number;
}
export interface OfflinePlan {
  /** The cache name: a new course version or another language is another cache, which replaces this one. */
  cache: string;
  slug: string;
  version: string;
  language: string;
  files: OfflineFile[];
  bytes: number;
}

const ASSET_RE = /(?:src|href)="(\/courses\/[a-z0-9-]+\/assets\/[^"?#]+)"/g;

/**
 * Every URL a learner needs to read a course's lessons with no network: the course page, each
 * lesson page in the learner's language, the assets those lessons show, the stylesheet and the
 * scripts, and the page that stands in for quizzes. Sizes are what will travel (uncompressed, an
 * upper bound), so the learner can decide before downloading.
 */
export function offlinePlan(course: LoadedCourse, lang: string, root: string): OfflinePlan {
  const language =
    isLanguage(lang) && (course.manifest.languages as string[]).includes(lang) ? lang : course.manifest.defaultLanguage;
  const files: OfflineFile[] = [];
  const assets = new Set<string>();
  files.push({ url: `/courses/${course.slug}`, bytes: PAGE_OVERHEAD_BYTES * 2 });
  files.push({ url: `/offline/${course.slug}`, bytes: PAGE_OVERHEAD_BYTES });
  for (const mod of course.modules) {
    for (const lesson of mod.lessons) {
      const html = localise(lesson.html, language, course.manifest.defaultLanguage)?.value ?? '';
      files.push({
        url: lessonHref(course.slug, mod.id, lesson.id),
        bytes: Buffer.byteLength(html) + PAGE_OVERHEAD_BYTES,
      });
      for (const m of html.matchAll(ASSET_RE)) if (m[1]) assets.add(m[1]);
    }
  }
  const prefix = `/courses/${course.slug}/assets/`;
  for (const url of assets)
    files.push({ url, bytes: fileSize(join(course.dir, 'assets', ...url.slice(prefix.length).split('/'))) });
  for (const url of ['/public/css/site.css', ...TRACKER_SCRIPTS, ...OFFLINE_SCRIPTS]) {
    files.push({
      url,
      bytes: fileSize(url === '/public/vendor/xapi.umd.js' ? xapiBundle() : join(root, ...url.split('/'))),
    });
  }
  const version = course.manifest.version;
  return {
    cache: `praxis-course:${course.slug}:${version}:${language}`,
    slug: course.slug,
    version,
    language,
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
  };
}

const xapiBundle = () => createRequire(import.meta.url).resolve('@xapi/xapi/dist/XAPI.umd.js');

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
