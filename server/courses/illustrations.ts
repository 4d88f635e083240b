import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the course illustrations are served from; the files never change under a URL (see `src`), so they cache for a year. */
export const ILLUSTRATIONS_PATH = '/public/img/courses';
export const illustrationsDir = (root: string) => join(root, 'public/img/courses');

/** The drawing shown for imported cmi5 / SCORM packages, and for any course without its own. */
const GENERIC = 'package';

export interface Illustrations {
  /** URL of a course's drawing: its own (`<slug>.svg`) or the generic one; `?v=` is the content hash. */
  src(slug: string): string;
}

/** Reads the folder once at start-up: a new or changed drawing needs a restart, like a course. */
export function loadIllustrations(root: string): Illustrations {
  const dir = illustrationsDir(root);
  const versions = new Map<string, string>();
  if (existsSync(dir))
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.svg'))) {
      const hash = createHash('sha256')
        .update(readFileSync(join(dir, file)))
        .digest('hex')
        .slice(0, 12); // the same version as server/http/assets.ts gives, so the URL is cached for a year
      versions.set(file.slice(0, -4), hash);
    }
  const url = (name: string) => `${ILLUSTRATIONS_PATH}/${name}.svg?v=${versions.get(name) ?? '0'}`;
  return {
    src: (slug) => url(versions.has(slug) ? slug : GENERIC),
  };
}
