import { learnerActor } from '../ledger/platform.js';
import { courseIri, lessonIri, moduleIri } from './learning-statements.js';

/** Script URLs of the lesson page tracker, in load order (both `defer`). */
export const TRACKER_SCRIPTS = ['/public/vendor/xapi.umd.js', '/public/js/tracker.js'];

/**
 * What public/js/tracker.js reads from data- attributes (the CSP forbids inline script). The
 * endpoint is relative so the browser posts to the origin it loaded the page from, whatever
 * PUBLIC_URL says; activity ids use PUBLIC_URL like every other statement.
 */
export function trackerView(c: {
  publicUrl: string;
  token: string;
  expiresAt: Date;
  userId: string;
  registration: string;
  slug: string;
  moduleId: string;
  lessonId: string;
  language: string;
}) {
  return {
    endpoint: '/xapi/',
    token: c.token,
    expires: c.expiresAt.toISOString(),
    actor: JSON.stringify(learnerActor(c.publicUrl, { id: c.userId })),
    registration: c.registration,
    course: courseIri(c.publicUrl, c.slug),
    module: moduleIri(c.publicUrl, c.slug, c.moduleId),
    lesson: lessonIri(c.publicUrl, c.slug, c.moduleId, c.lessonId),
    language: c.language,
  };
}
