/**
 * Filters for the learning projection. Each conditional update matches only when the fact is not
 * there yet, so "nothing matched" means "already recorded" (or "changed meanwhile" for the version).
 */

export const enrolmentVersionFilter = (id: string, version: number) => ({ _id: id, version });
export const lessonNotDoneFilter = (id: string, moduleId: string, lessonId: string) => ({
  _id: id,
  doneLessons: { $not: { $elemMatch: { moduleId, lessonId } } },
});
export const moduleNotCompleteFilter = (id: string, moduleId: string) => ({
  _id: id,
  completedModules: { $not: { $elemMatch: { moduleId } } },
});
export const courseNotCompleteFilter = (id: string) => ({ _id: id, completedAt: null });
export const openAttemptFilter = (attemptId: string, enrolmentId: string) => ({
  _id: attemptId,
  enrolmentId,
  submittedAt: null,
});
export const submittedAttemptsFilter = (enrolmentId: string, quizId: string) => ({
  enrolmentId,
  quizId,
  submittedAt: { $ne: null },
});
export const userEnrolmentFilter = (userId: string, courseSlug: string) => ({ userId, courseSlug });
export const enrolmentsOfFilter = (userId: string) => ({ userId });
export const enrolmentsOfSort = { enrolledAt: -1, _id: 1 } as const;
export const attemptsOfFilter = (enrolmentId: string) => ({ enrolmentId });
export const attemptsOfSort = { startedAt: 1, _id: 1 } as const;

/** Rebuilding one registration: its remaining (not voided) statements, in stored order. */
export const registrationStatementsFilter = (registration: string) => ({
  registration,
  voided: false,
  isVoiding: false,
});
export const registrationStatementsSort = { seq: 1 } as const;
export const voidedStatementsFilter = (ids: string[]) => ({ _id: { $in: ids }, registration: { $ne: null } });
