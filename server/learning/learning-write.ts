import type { LoadedCourse } from '../courses/course-model.js';
import { StaleProgressError } from '../store/ports/learning-errors.js';
import type { LearningOp, LearningProgress, LedgerChange, LedgerEntry, UserRecord } from '../store/store.js';
import { courseComplete, moduleComplete, type ProgressFacts } from './completion.js';
import type { CompletionHook } from './course-completion.js';
import * as S from './learning-statements.js';

/**
 * The two steps every learning write shares: what a progress reaches (module and course
 * completions, their statements, what the completion hooks add) and the decide-write-retry loop.
 */

const RETRIES = 5;

/** Module and course completions that `after` reaches, with their statements and the hooks' additions. */
export async function completionsReached(
  hooks: CompletionHook[],
  user: UserRecord,
  course: LoadedCourse,
  p: LearningProgress,
  after: ProgressFacts,
  c: S.StatementContext,
) {
  const ops: LearningOp[] = [];
  const entries: LedgerEntry[] = [];
  const done = new Set(p.completedModules.map((m) => m.moduleId));
  for (const mod of course.modules) {
    if (!done.has(mod.id) && moduleComplete(mod, after)) {
      ops.push({ type: 'moduleCompleted', moduleId: mod.id, at: c.now });
      entries.push(S.moduleCompletedStatement(c, mod.id));
    }
  }
  const extras: Partial<LedgerChange>[] = [];
  if (!p.enrolment.completedAt && courseComplete(course, after)) {
    ops.push({ type: 'courseCompleted', at: c.now });
    entries.push(S.courseCompletedStatement(c, p.enrolment.enrolledAt));
    const m = course.manifest;
    const event = {
      user,
      registration: p.enrolment.id,
      completedAt: c.now,
      course: {
        slug: course.slug,
        version: m.version,
        title: m.title as Record<string, string>,
        defaultLanguage: m.defaultLanguage,
        languages: [...m.languages],
        estimatedMinutes: m.estimatedMinutes,
        certificate: m.certificate,
      },
    };
    for (const hook of hooks) extras.push(await hook(event));
  }
  return { ops, entries, extras };
}

/** Decide, write, and on a concurrent change decide again from a fresh read. */
export async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof StaleProgressError) || i >= RETRIES) throw err;
    }
  }
}
