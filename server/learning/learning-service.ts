import { randomUUID } from 'node:crypto';
import type { CatalogueService } from '../courses/catalogue-service.js';
import type { LoadedCourse } from '../courses/course-model.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Logger } from '../log.js';
import { AlreadyRecordedError, AttemptLimitError } from '../store/ports/learning-errors.js';
import type { EnrolmentRecord, LearningProgress, QuizAttemptRecord, Store, UserRecord } from '../store/store.js';
import { lessonKey, type ProgressFacts } from './completion.js';
import { mergeChange, type CompletionHook } from './course-completion.js';
import { attemptsLeft, grade, type Answers } from './grading.js';
import * as S from './learning-statements.js';
import { completionsReached, withRetry } from './learning-write.js';
import { shownOrder } from './shuffle.js';

export interface LearningDeps {
  store: Store;
  catalogue: CatalogueService;
  publicUrl: string;
  log: Logger;
  completionHooks: CompletionHook[];
  clock?: () => Date;
}

/** The learning service's own refusals, matched by class in the routes. */
export { AttemptLimitError };

/** Enrolment needed before lessons and quizzes; the route sends the learner to the course page. */
export class NotEnrolledError extends ConflictError {
  constructor(readonly slug: string) {
    super('not_enrolled', 'Enrol in the course first.');
  }
}

export function factsOf(p: Pick<LearningProgress, 'doneLessons' | 'attempts'>): ProgressFacts {
  return {
    doneLessons: new Set(p.doneLessons.map((l) => lessonKey(l.moduleId, l.lessonId))),
    passedQuizzes: new Set(p.attempts.filter((a) => a.passed === true).map((a) => a.quizId)),
  };
}

export type LearningService = ReturnType<typeof createLearningService>;

/** Reloading the lesson one is on within this time is the same visit (one `experienced` statement). */
export const SAME_VISIT_MS = 10 * 60 * 1000;

export function createLearningService(deps: LearningDeps) {
  const { store, catalogue, publicUrl } = deps;
  const now = deps.clock ?? (() => new Date());
  /** Registration/module/lesson → when its `experienced` was recorded by this process. */
  const recentVisits = new Map<string, number>();
  const ctx = (user: UserRecord, course: LoadedCourse, registration: string, language: string): S.StatementContext => ({
    publicUrl,
    now: now(),
    user,
    course,
    registration,
    language,
  });

  async function requireProgress(user: UserRecord, slug: string): Promise<LearningProgress> {
    const enrolment = await store.learning.findEnrolment(user.id, slug);
    const progress = enrolment && (await store.learning.progress(enrolment.id));
    if (!progress) throw new NotEnrolledError(slug);
    return progress;
  }

  return {
    async enrol(user: UserRecord, slug: string, language: string): Promise<EnrolmentRecord> {
      const course = catalogue.get(slug);
      const existing = await store.learning.findEnrolment(user.id, slug);
      if (existing) return existing;
      const id = randomUUID();
      const c = ctx(user, course, id, language);
      try {
        await store.record({
          entries: [S.registeredStatement(c)],
          learning: {
            enrolmentId: id,
            ops: [
              {
                type: 'enrol',
                enrolment: {
                  id,
                  userId: user.id,
                  courseSlug: slug,
                  courseVersion: course.manifest.version,
                  enrolledAt: c.now,
                },
              },
            ],
          },
        });
      } catch (err) {
        if (!(err instanceof AlreadyRecordedError)) throw err;
      }
      return (await store.learning.findEnrolment(user.id, slug))!;
    },

    async openLesson(
      user: UserRecord,
      slug: string,
      moduleId: string,
      lessonId: string,
      language: string,
    ): Promise<LearningProgress> {
      const course = catalogue.get(slug);
      catalogue.lesson(course, moduleId, lessonId);
      const p = await requireProgress(user, slug);
      // A reload of the lesson the learner is on is the same visit, not another `experienced` to store.
      const visit = `${p.enrolment.id}/${moduleId}/${lessonId}`;
      const at = now().getTime();
      const seen = recentVisits.get(visit);
      const onIt = p.enrolment.lastModuleId === moduleId && p.enrolment.lastLessonId === lessonId;
      if (onIt && seen !== undefined && at - seen < SAME_VISIT_MS) return p;
      const c = ctx(user, course, p.enrolment.id, language);
      await store.record({
        entries: [S.lessonStatement(c, 'experienced', moduleId, lessonId)],
        learning: { enrolmentId: p.enrolment.id, ops: [{ type: 'lessonOpened', moduleId, lessonId }] },
      });
      if (recentVisits.size >= 100_000) recentVisits.clear();
      recentVisits.set(visit, at);
      return { ...p, enrolment: { ...p.enrolment, lastModuleId: moduleId, lastLessonId: lessonId } };
    },

    /**
     * Idempotent: marking a lesson already done changes nothing. `doneAt` is when a learner marked it
     * offline; it is kept within [enrolment, now], so a device clock cannot move a fact elsewhere.
     */
    async markLessonDone(
      user: UserRecord,
      slug: string,
      moduleId: string,
      lessonId: string,
      language: string,
      doneAt?: Date,
    ): Promise<{ recorded: boolean }> {
      const course = catalogue.get(slug);
      catalogue.lesson(course, moduleId, lessonId);
      return withRetry(async () => {
        const p = await requireProgress(user, slug);
        const before = factsOf(p);
        if (before.doneLessons.has(lessonKey(moduleId, lessonId))) return { recorded: false };
        const after = { ...before, doneLessons: new Set([...before.doneLessons, lessonKey(moduleId, lessonId)]) };
        const c = ctx(user, course, p.enrolment.id, language);
        if (doneAt)
          c.now = new Date(Math.min(c.now.getTime(), Math.max(doneAt.getTime(), p.enrolment.enrolledAt.getTime())));
        const more = await completionsReached(deps.completionHooks, user, course, p, after, c);
        const change = more.extras.reduce(mergeChange, {
          entries: [S.lessonStatement(c, 'completed', moduleId, lessonId), ...more.entries],
          learning: {
            enrolmentId: p.enrolment.id,
            expectedVersion: p.enrolment.version,
            ops: [{ type: 'lessonDone', moduleId, lessonId, at: c.now }, ...more.ops],
          },
        });
        try {
          await store.record(change);
        } catch (err) {
          if (err instanceof AlreadyRecordedError) return { recorded: false };
          throw err;
        }
        return { recorded: true };
      });
    },

    /** Resumes the open attempt if there is one, so a double click does not use up two attempts. */
    async startAttempt(user: UserRecord, slug: string, quizId: string, language: string): Promise<QuizAttemptRecord> {
      const course = catalogue.get(slug);
      const quiz = catalogue.quiz(course, quizId);
      const p = await requireProgress(user, slug);
      const mine = p.attempts.filter((a) => a.quizId === quizId);
      const open = mine.find((a) => a.submittedAt === null);
      if (open) return open;
      if (attemptsLeft(quiz, mine.length) === 0) throw new AttemptLimitError();
      const id = randomUUID();
      const c = ctx(user, course, p.enrolment.id, language);
      const shown = shownOrder(quiz, id);
      await store.record({
        entries: [S.attemptedStatement(c, quiz, id, shown)],
        learning: {
          enrolmentId: p.enrolment.id,
          ops: [{ type: 'attemptStarted', attempt: { id, quizId, startedAt: c.now, shown } }],
        },
      });
      return (await store.learning.attempt(id))!;
    },

    async requireAttempt(
      user: UserRecord,
      slug: string,
      quizId: string,
      attemptId: string,
    ): Promise<QuizAttemptRecord> {
      const p = await requireProgress(user, slug);
      const attempt = p.attempts.find((a) => a.id === attemptId && a.quizId === quizId);
      if (!attempt) throw new NotFoundError('not_found', 'No such attempt.');
      return attempt;
    },

    /** Graded on the server from the order stored at the start; a second submission changes nothing. */
    async submitAttempt(
      user: UserRecord,
      slug: string,
      quizId: string,
      attemptId: string,
      answers: Answers,
      language: string,
    ): Promise<QuizAttemptRecord> {
      const course = catalogue.get(slug);
      const quiz = catalogue.quiz(course, quizId);
      await withRetry(async () => {
        const p = await requireProgress(user, slug);
        const attempt = p.attempts.find((a) => a.id === attemptId && a.quizId === quizId);
        if (!attempt) throw new NotFoundError('not_found', 'No such attempt.');
        if (attempt.submittedAt) return;
        const graded = grade(quiz, answers, attempt.shown);
        const before = factsOf(p);
        const after = graded.passed ? { ...before, passedQuizzes: new Set([...before.passedQuizzes, quizId]) } : before;
        const c = ctx(user, course, p.enrolment.id, language);
        const more = await completionsReached(deps.completionHooks, user, course, p, after, c);
        // As JSON holds them (a blank position is null), so the statement and the projection agree.
        const stored = JSON.parse(JSON.stringify(answers)) as Record<string, unknown>;
        const change = more.extras.reduce(mergeChange, {
          entries: [...S.submittedStatements(c, quiz, attemptId, graded, attempt.startedAt, stored), ...more.entries],
          learning: {
            enrolmentId: p.enrolment.id,
            expectedVersion: p.enrolment.version,
            ops: [
              {
                type: 'attemptSubmitted',
                attemptId,
                quizId,
                answers: stored,
                score: graded.score,
                maxScore: graded.max,
                passed: graded.passed,
                submittedAt: c.now,
                maxAttempts: quiz.maxAttempts,
              },
              ...more.ops,
            ],
          },
        });
        try {
          await store.record(change);
        } catch (err) {
          if (!(err instanceof AlreadyRecordedError)) throw err;
        }
      });
      return (await store.learning.attempt(attemptId))!;
    },

    progressOf: (user: UserRecord, slug: string) =>
      store.learning.findEnrolment(user.id, slug).then((e) => (e ? store.learning.progress(e.id) : null)),
    requireProgress,
    enrolmentsOf: (user: UserRecord) => store.learning.enrolmentsOf(user.id),
  };
}
