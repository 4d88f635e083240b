/** scorm-again's browser files, served from the installed package (no CDN, no build step). */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The package exports only its entry points: resolve one (`require` gives dist/scorm12.min.js) and take its folder.
const SCORM_AGAIN_DIR = dirname(createRequire(import.meta.url).resolve('scorm-again/scorm12/min'));
/** The player's API (1.2 or 2004) and the content's bridge. */
export const SCORM_AGAIN_FILES = new Set(['scorm12.min.js', 'scorm2004.min.js', 'cross-frame-api.min.js']);
export const scormAgainFile = (name: string) => join(SCORM_AGAIN_DIR, name);
