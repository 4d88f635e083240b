/** The SCORM run-time's small pure parts: retries on a concurrent change, where an item loads, its lesson and status. */
import { ConflictError } from '../../errors.js';
import { StaleProgressError } from '../../store/ports/learning-errors.js';
import type { ScormAttemptRecord } from '../../store/store.js';
import type { ScormCourse } from './scorm-course.js';
import { defaultOrganization, type ScormItem } from './scorm-manifest.js';

const RETRIES = 5;
export async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof StaleProgressError) || i >= RETRIES) throw err;
    }
  }
}

/** A commit from a session that another launch (this device or another) has replaced. */
export class SessionEndedError extends ConflictError {
  constructor() {
    super('scorm_session_ended', 'This SCORM session has ended: the course was opened again elsewhere.');
  }
}

/** Where the frame loads the item: external URLs as they are, package files under the version's content base. */
export function launchUrl(course: ScormCourse, item: ScormItem): string {
  const href = item.launch ?? '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  return (
    course.contentBase +
    href
      .split('/')
      .map((seg, i, all) => (i === all.length - 1 ? seg : encodeURIComponent(seg)))
      .join('/')
  );
}

/** An item outside the outline (an asset in a package that has SCOs) still gets a stable place of its own. */
export function lessonOf(course: ScormCourse, itemId: string) {
  const org = defaultOrganization(course.manifest);
  return (
    course.lessons.get(itemId) ?? {
      moduleId: 'm0',
      lessonId: `item-${encodeURIComponent(itemId)}`,
      moduleTitle: org.title,
    }
  );
}

export function statusOf(a: ScormAttemptRecord) {
  return { completion: a.cmi.completionStatus, success: a.cmi.successStatus, ended: a.endedAt !== null };
}
