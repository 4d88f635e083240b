/**
 * The SCORM run-time on the server: a launch opens (or resumes) an attempt and a session; a commit
 * is validated, merged into the attempt, translated to xAPI and, when it completes the last required
 * SCO, completes the course, all in one ledger transaction with the learner's progress.
 */
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../errors.js';
import { mergeChange, type CompletionHook } from '../../learning/course-completion.js';
import type { LearningOp, LedgerChange, ScormAttemptRecord, Store, UserRecord } from '../../store/store.js';
import { commitSchema, CommitTarget } from './cmi-commit.schema.js';
import { applyCommit, emptyCmi, type ScormEvent } from './cmi-merge.js';
import { launchData, type LaunchMode } from './launch-data.js';
import { courseBar, requiredItems, satisfiedItems } from './scorm-rollup.js';
import type { ScormCourse, ScormCourses } from './scorm-course.js';
import { launchables, type ScormItem } from './scorm-manifest.js';
import { scormCourseCompleted, scormStatements, type ScormStatementContext } from './scorm-statements.js';
import { launchUrl, lessonOf, SessionEndedError, statusOf, withRetry } from './scorm-runtime-parts.js';

export { SessionEndedError };

export interface ScormRuntimeDeps {
  store: Store;
  courses: ScormCourses;
  publicUrl: string;
  completionHooks: CompletionHook[];
  /** Where the content server serves the SCORM frame and its scripts (scorm-frame.ts), ending in `/`. */
  runtimeBase: string;
  /**
   * Load the SCO inside the SCORM frame (scorm-frame.js), where the ADL discovery finds the API in its
   * parent. Only when content has its own origin: a sandboxed frame with an opaque origin could not be
   * reached by the SCO anyway, and the SCO then uses the API scorm-content.js puts in its own window.
   */
  wrapInFrame: boolean;
  clock?: () => Date;
}

export type ScormRuntime = ReturnType<typeof createScormRuntime>;

export function createScormRuntime(deps: ScormRuntimeDeps) {
  const { store, publicUrl } = deps;
  const now = deps.clock ?? (() => new Date());

  async function registration(user: UserRecord, slug: string) {
    const enrolment = await store.learning.findEnrolment(user.id, slug);
    const progress = enrolment && (await store.learning.progress(enrolment.id));
    if (!progress) throw new NotFoundError('not_enrolled', 'Enrol in the course first.');
    return progress;
  }

  function itemOf(course: ScormCourse, scoId: string) {
    const found = launchables(course.manifest).find((l) => l.item.identifier === scoId);
    if (!found) throw new NotFoundError('sco_not_found', `The course has no SCO "${scoId}".`);
    return found;
  }

  /** The SCO is the catalogue's lesson and its module the module, so progress reads them like any course's. */
  const context = (
    user: UserRecord,
    course: ScormCourse,
    item: ScormItem,
    a: Pick<ScormAttemptRecord, 'registration' | 'id'>,
    sessionId: string,
    language: string,
  ): ScormStatementContext => {
    const place = lessonOf(course, item.identifier);
    return {
      publicUrl,
      now: now(),
      user,
      course: { slug: course.slug, title: course.title },
      organization: { id: place.moduleId, title: place.moduleTitle },
      sco: { id: place.lessonId, title: item.title },
      registration: a.registration,
      attemptId: a.id,
      sessionId,
      language,
    };
  };

  /** Lesson done for a completed SCO, and the course completed (with its hooks) once every required SCO counts. */
  async function progressChange(
    user: UserRecord,
    course: ScormCourse,
    next: ScormAttemptRecord,
    events: ScormEvent[],
    c: ScormStatementContext,
  ): Promise<Partial<LedgerChange>> {
    const p = await registration(user, course.slug);
    const { moduleId, lessonId } = lessonOf(course, next.scoId);
    const ops: LearningOp[] = [];
    const entries = [];
    const lessonDone = p.doneLessons.some((l) => l.moduleId === moduleId && l.lessonId === lessonId);
    if (events.some((e) => e.kind === 'completed') && !lessonDone)
      ops.push({ type: 'lessonDone', moduleId, lessonId, at: c.now });
    const others = (await store.scorm.ofRegistration(next.registration)).filter((a) => a.id !== next.id);
    const done = satisfiedItems([...others, next]);
    let extra: Partial<LedgerChange> = {};
    if (!p.enrolment.completedAt && courseBar(course.manifest, done).complete) {
      ops.push({ type: 'courseCompleted', at: c.now });
      entries.push(scormCourseCompleted(c, p.enrolment.enrolledAt));
      const event = {
        user,
        registration: p.enrolment.id,
        completedAt: c.now,
        course: {
          slug: course.slug,
          version: course.version,
          title: course.title,
          defaultLanguage: course.defaultLanguage,
          languages: course.languages,
          estimatedMinutes: course.estimatedMinutes,
          certificate: course.certificate,
        },
      };
      for (const hook of deps.completionHooks) extra = mergeChange({ entries: [], ...extra }, await hook(event));
    }
    if (!ops.length) return {};
    return mergeChange(
      { entries, learning: { enrolmentId: p.enrolment.id, expectedVersion: p.enrolment.version, ops } },
      extra,
    );
  }

  async function progressOf(course: ScormCourse, registrationId: string) {
    const done = satisfiedItems(await store.scorm.ofRegistration(registrationId));
    const enrolment = await store.learning.progress(registrationId);
    return {
      bar: courseBar(course.manifest, done),
      done: [...done],
      courseComplete: !!enrolment?.enrolment.completedAt,
    };
  }

  return {
    /**
     * Opens the SCO: resumes its newest attempt (a completed one too, so it stays completed) unless the
     * learner explicitly asked for a new attempt. Each launch is a new session; an older one can no longer commit.
     */
    async launch(user: UserRecord, slug: string, scoId: string, opts: { newAttempt?: boolean; language: string }) {
      const p = await registration(user, slug);
      const course = await deps.courses(slug, p.enrolment.courseVersion);
      const { item, scormType } = itemOf(course, scoId);
      return withRetry(async () => {
        const previous = (await store.scorm.attempts(p.enrolment.id, scoId)).at(-1);
        const sessionId = randomUUID();
        const at = now();
        let next: ScormAttemptRecord;
        let launchEvents: ({ kind: 'initialized' | 'resumed' } | ScormEvent)[];
        if (!previous || opts.newAttempt) {
          const cmi = { ...emptyCmi(), sessionId };
          if (scormType === 'asset') cmi.completionStatus = 'completed'; // an asset has no API: seeing it completes it
          next = {
            id: randomUUID(),
            registration: p.enrolment.id,
            userId: user.id,
            courseSlug: slug,
            scoId,
            attempt: (previous?.attempt ?? 0) + 1,
            version: 0,
            sessions: 1,
            cmi,
            startedAt: at,
            updatedAt: at,
            endedAt: null,
          };
          launchEvents =
            scormType === 'asset' ? [{ kind: 'initialized' }, { kind: 'completed' }] : [{ kind: 'initialized' }];
        } else {
          const old = previous.cmi;
          // A session that ended without Terminate (closed tab, lost network) still counts its reported time.
          const cmi = {
            ...old,
            totalTime: old.totalTime + old.sessionTime,
            sessionTime: 0,
            sessionId,
            sequence: 0,
            entry: old.exit === 'suspend' ? 'resume' : '',
            exit: '',
          };
          next = { ...previous, sessions: previous.sessions + 1, cmi, updatedAt: at };
          launchEvents = [{ kind: old.exit === 'suspend' ? 'resumed' : 'initialized' }];
        }
        const c = context(user, course, item, next, sessionId, opts.language);
        const entries = scormStatements(c, launchEvents, next.cmi);
        const progress = launchEvents.some((e) => e.kind === 'completed')
          ? await progressChange(user, course, next, launchEvents as ScormEvent[], c)
          : {};
        await store.record(
          mergeChange(
            {
              entries,
              scorm: [{ attempt: next, expectedVersion: previous && !opts.newAttempt ? previous.version : null }],
            },
            progress,
          ),
        );
        const mode: LaunchMode = 'normal';
        return {
          attemptId: next.id,
          sessionId,
          attempt: next.attempt,
          version: course.manifest.version,
          title: item.title,
          launchUrl: launchUrl(course, item),
          frameUrl: deps.wrapInFrame
            ? `${deps.runtimeBase}scorm-frame.html#${encodeURIComponent(launchUrl(course, item))}`
            : launchUrl(course, item),
          cmi: launchData(next.cmi, course.manifest.version, { id: user.id, name: user.displayName }, item, mode),
        };
      });
    },

    /** Applies one commit from the learner's own open session; every failure is a 4xx naming what is wrong. */
    async commit(user: UserRecord, body: unknown, language: string) {
      const target = CommitTarget.parse(body);
      return withRetry(async () => {
        const attempt = await store.scorm.attempt(target.attemptId);
        // The same answer for someone else's attempt as for none: ids are not confirmed to strangers.
        if (!attempt || attempt.userId !== user.id)
          throw new NotFoundError('scorm_attempt_not_found', 'No such SCORM attempt.');
        const p = await registration(user, attempt.courseSlug);
        if (p.enrolment.id !== attempt.registration)
          throw new NotFoundError('scorm_attempt_not_found', 'No such SCORM attempt.');
        const course = await deps.courses(attempt.courseSlug, p.enrolment.courseVersion);
        const commit = commitSchema(course.manifest.version).parse(body);
        if (attempt.cmi.sessionId !== commit.sessionId) throw new SessionEndedError();
        if (commit.sequence <= attempt.cmi.sequence)
          return { applied: false, status: statusOf(attempt), ...(await progressOf(course, attempt.registration)) };
        const { item } = itemOf(course, attempt.scoId);
        const merged = applyCommit(attempt.cmi, commit.cmi, commit.terminate, course.manifest.version, item);
        const at = now();
        const next: ScormAttemptRecord = {
          ...attempt,
          cmi: { ...merged.cmi, sequence: commit.terminate ? 0 : commit.sequence },
          updatedAt: at,
          endedAt: attempt.endedAt ?? (commit.terminate && merged.cmi.exit !== 'suspend' ? at : null),
        };
        const c = context(user, course, item, attempt, commit.sessionId, language);
        const progress = await progressChange(user, course, next, merged.events, c);
        await store.record(
          mergeChange(
            {
              entries: scormStatements(c, merged.events, next.cmi),
              scorm: [{ attempt: next, expectedVersion: attempt.version }],
            },
            progress,
          ),
        );
        return { applied: true, status: statusOf(next), ...(await progressOf(course, attempt.registration)) };
      });
    },

    /** The table of contents' state: each item's newest attempt and the course bar. */
    async overview(user: UserRecord, slug: string) {
      const p = await registration(user, slug);
      const course = await deps.courses(slug, p.enrolment.courseVersion);
      const all = await store.scorm.ofRegistration(p.enrolment.id);
      const done = satisfiedItems(all);
      const latest = new Map(all.map((a) => [a.scoId, a]));
      return {
        course,
        enrolment: p.enrolment,
        done,
        latest,
        bar: courseBar(course.manifest, done),
        required: requiredItems(course.manifest),
      };
    },
  };
}
