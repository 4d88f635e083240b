/**
 * The learning projection derived from the ledger, written once for both adapters: given the
 * statements of one registration in stored order, it computes the enrolment, lessons done, quiz
 * attempts and completions that the incremental path (server/learning) wrote with them. Used by
 * `npm run rebuild-projections` and when a platform learning statement is voided.
 */
import { isPlatformAuthority } from './platform.js';
import { ACTIVITY_TYPES, PLATFORM_ACCOUNT, VERBS } from './vocabulary.js';
import type { StoredStatement } from './ledger-change.js';
import type { EnrolmentRecord, LearningProgress, QuizAttemptRecord } from './learning-records.js';

import { type Json, jsonOrEmpty } from './statement.js';
export interface LedgerStatement {
  statement: StoredStatement;
  clientId: string | null;
}
export type ProjectedLearning = Omit<LearningProgress, 'enrolment'> & { enrolment: Omit<EnrolmentRecord, 'version'> };

export const ATTEMPT_EXTENSION_SUFFIX = '/xapi/extensions/attempt';
export const SHOWN_EXTENSION_SUFFIX = '/xapi/extensions/shown';
export const ANSWERS_EXTENSION_SUFFIX = '/xapi/extensions/answers';
export const COURSE_VERSION_EXTENSION_SUFFIX = '/xapi/extensions/course-version';

const ADL = 'http://adlnet.gov/expapi/verbs/';
const obj = jsonOrEmpty;
const segmentAfter = (id: string, marker: string) => {
  const i = id.indexOf(marker);
  return i < 0 ? null : id.slice(i + marker.length).split(/[/?#]/)[0] || null;
};
const extension = (s: Json, suffix: string): unknown =>
  Object.entries(obj(obj(s.context).extensions)).find(([k]) => k.endsWith(suffix))?.[1];

/**
 * Written by the platform itself: no LRS client sent it, and its authority is the platform account
 * of the same PUBLIC_URL as the learner's account (the store does not know PUBLIC_URL).
 */
export function isPlatformLearningStatement({ statement, clientId }: LedgerStatement): boolean {
  const home = obj(obj(statement.actor).account).homePage;
  return (
    clientId === null &&
    typeof home === 'string' &&
    obj(obj(statement.authority).account).name === PLATFORM_ACCOUNT &&
    isPlatformAuthority(statement.authority, home)
  );
}

/** Null when the registration has no (remaining) platform `registered` statement. */
export function projectLearning(
  registration: string,
  statements: LedgerStatement[],
  previous?: LearningProgress | null,
): ProjectedLearning | null {
  let enrolment: ProjectedLearning['enrolment'] | null = null;
  const lessons = new Map<string, { moduleId: string; lessonId: string; doneAt: Date }>();
  const modules = new Map<string, { moduleId: string; completedAt: Date }>();
  const attempts = new Map<string, QuizAttemptRecord>();
  const before = new Map((previous?.attempts ?? []).map((a) => [a.id, a]));

  for (const entry of statements) {
    const s: StoredStatement = entry.statement;
    if (obj(s.context).registration !== registration || !isPlatformLearningStatement(entry)) continue;
    const verb = obj(s.verb).id;
    const object = obj(s.object);
    const id = typeof object.id === 'string' ? object.id : '';
    const type = obj(object.definition).type;
    const at = new Date(String(s.timestamp));
    const attemptId = extension(s, ATTEMPT_EXTENSION_SUFFIX);

    if (verb === VERBS.registered && type === ACTIVITY_TYPES.course && !enrolment) {
      const version = extension(s, COURSE_VERSION_EXTENSION_SUFFIX);
      enrolment = {
        id: registration,
        userId: String(obj(obj(s.actor).account).name),
        courseSlug: segmentAfter(id, '/courses/') ?? id,
        courseVersion: typeof version === 'string' ? version : (previous?.enrolment.courseVersion ?? ''),
        enrolledAt: at,
        lastModuleId: null,
        lastLessonId: null,
        completedAt: null,
      };
      continue;
    }
    if (!enrolment) continue; // the incremental path records nothing before enrolment either
    const moduleId = segmentAfter(id, '/modules/');
    const lessonId = segmentAfter(id, '/lessons/');
    if (verb === `${ADL}experienced` && type === ACTIVITY_TYPES.lesson && moduleId && lessonId) {
      enrolment.lastModuleId = moduleId;
      enrolment.lastLessonId = lessonId;
    } else if (verb === VERBS.completed && type === ACTIVITY_TYPES.lesson && moduleId && lessonId) {
      const key = `${moduleId}/${lessonId}`;
      if (!lessons.has(key)) lessons.set(key, { moduleId, lessonId, doneAt: at });
    } else if (verb === VERBS.completed && type === ACTIVITY_TYPES.module && moduleId) {
      if (!modules.has(moduleId)) modules.set(moduleId, { moduleId, completedAt: at });
    } else if (verb === VERBS.completed && type === ACTIVITY_TYPES.course) {
      enrolment.completedAt ??= at;
    } else if (
      verb === `${ADL}attempted` &&
      type === ACTIVITY_TYPES.assessment &&
      typeof attemptId === 'string' &&
      !attempts.has(attemptId)
    ) {
      const shown = extension(s, SHOWN_EXTENSION_SUFFIX);
      attempts.set(attemptId, {
        id: attemptId,
        enrolmentId: registration,
        quizId: segmentAfter(id, '/quizzes/') ?? id,
        startedAt: at,
        shown: (shown && typeof shown === 'object' ? shown : (before.get(attemptId)?.shown ?? {})) as Record<
          string,
          string[]
        >,
        answers: null,
        score: null,
        maxScore: null,
        passed: null,
        submittedAt: null,
      });
    } else if (
      ([VERBS.passed, VERBS.failed, VERBS.completed] as unknown[]).includes(verb) &&
      type === ACTIVITY_TYPES.assessment &&
      typeof attemptId === 'string'
    ) {
      const attempt = attempts.get(attemptId);
      if (!attempt || attempt.submittedAt) continue; // a second submission changes nothing
      const score = obj(obj(s.result).score);
      const answers = extension(s, ANSWERS_EXTENSION_SUFFIX);
      attempt.answers = (
        answers && typeof answers === 'object' ? answers : (before.get(attemptId)?.answers ?? {})
      ) as Record<string, unknown>;
      attempt.score = typeof score.raw === 'number' ? score.raw : null;
      attempt.maxScore = typeof score.max === 'number' ? score.max : null;
      attempt.passed = verb === VERBS.passed ? true : verb === VERBS.failed ? false : null;
      attempt.submittedAt = at;
    }
  }
  if (!enrolment) return null;
  const byTime =
    <T>(at: (x: T) => Date) =>
    (a: T, b: T) =>
      at(a).getTime() - at(b).getTime();
  return {
    enrolment,
    doneLessons: [...lessons.values()].sort(byTime((l) => l.doneAt)),
    completedModules: [...modules.values()].sort(byTime((m) => m.completedAt)),
    attempts: [...attempts.values()].sort(
      (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    ),
  };
}

/** Same facts, whatever the row order each adapter reads them in; the version is not a ledger fact. */
export function sameLearning(
  a: ProjectedLearning | LearningProgress | null,
  b: ProjectedLearning | LearningProgress | null,
): boolean {
  return canonical(a) === canonical(b);
}

function canonical(p: ProjectedLearning | LearningProgress | null): string {
  if (!p) return 'null';
  const { version: _v, ...enrolment } = p.enrolment as EnrolmentRecord;
  const sorted = <T>(xs: T[], key: (x: T) => string) =>
    [...xs].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  return JSON.stringify(
    {
      enrolment,
      lessons: sorted(p.doneLessons, (l) => `${l.moduleId}/${l.lessonId}`).map((l) => ({ ...l })),
      modules: sorted(p.completedModules, (m) => m.moduleId).map((m) => ({ ...m })),
      attempts: sorted(p.attempts, (a) => a.id).map((a) => ({ ...a })),
    },
    (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)))
        : v,
  );
}
