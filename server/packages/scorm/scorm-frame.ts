/**
 * The SCORM frame page and the scripts the content server serves under the run-time base (the same
 * path or origin as package content): scorm-again's CrossFrameAPI, scorm-frame.js (the API holder
 * the SCO's frame sits in) and scorm-content.js (installed in each SCORM page, see content-injection.ts).
 */
import { join } from 'node:path';
import { scormAgainFile } from './scorm-again-files.js';

export function scormFrameHtml(): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SCORM</title></head><body>' +
    '<script src="cross-frame-api.min.js"></script><script src="scorm-frame.js"></script></body></html>\n'
  );
}

/** Files by name under the run-time base; the content server answers only these there. */
export function scormRuntimeFiles(root: string): Record<string, string> {
  return {
    'cross-frame-api.min.js': scormAgainFile('cross-frame-api.min.js'),
    'scorm-frame.js': join(root, 'public/js/scorm-frame.js'),
    'scorm-content.js': join(root, 'public/js/scorm-content.js'),
  };
}
