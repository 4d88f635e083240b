import type { CatalogueService } from '../courses/catalogue-service.js';
import type { UserRecord } from '../store/store.js';
import { nextStep } from './completion.js';
import { factsOf, type LearningService } from './learning-service.js';
import { courseBarView, stepHref, texts } from './learning-views.js';

/** "My learning": courses in progress with where to continue, and completed courses. */
export async function myLearningView(
  deps: { catalogue: CatalogueService; learning: LearningService },
  user: UserRecord,
  lang: string,
) {
  const enrolments = await deps.learning.enrolmentsOf(user);
  const rows = [];
  for (const e of enrolments) {
    const course = deps.catalogue.find(e.courseSlug);
    const progress = course && (await deps.learning.progressOf(user, e.courseSlug));
    if (!course || !progress) continue; // a course that is no longer served
    const facts = factsOf(progress);
    const last = e.lastLessonId ? { moduleId: e.lastModuleId!, lessonId: e.lastLessonId } : null;
    rows.push({
      slug: e.courseSlug,
      href: `/courses/${e.courseSlug}`,
      title: texts(course, lang)(course.manifest.title),
      enrolledAt: e.enrolledAt,
      completedAt: e.completedAt,
      bar: courseBarView(course, facts),
      continueHref: stepHref(e.courseSlug, nextStep(course, facts, last)),
    });
  }
  return { inProgress: rows.filter((r) => !r.completedAt), completed: rows.filter((r) => r.completedAt) };
}
