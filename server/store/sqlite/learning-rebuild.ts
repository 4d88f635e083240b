import type { Database } from 'better-sqlite3';
import {
  isPlatformLearningStatement,
  projectLearning,
  sameLearning,
  type LedgerStatement,
} from '../../ledger/learning-projection.js';
import type { LearningProgress, StoredStatement } from '../store.js';

type Row = { body: string; client_id: string | null };
const entryOf = (r: Row): LedgerStatement => ({
  statement: JSON.parse(r.body) as StoredStatement,
  clientId: r.client_id,
});

/** Replaces one registration's progress rows with what its remaining statements say. */
export function sqliteLearningRebuild(db: Database, readProgress: (id: string) => LearningProgress | null) {
  const q = {
    voided: db.prepare('SELECT body, client_id, registration FROM statements WHERE id = ?'),
    ofRegistration: db.prepare(
      'SELECT body, client_id FROM statements WHERE registration = ? AND voided = 0 AND is_voiding = 0 ORDER BY seq',
    ),
    registrations: db
      .prepare('SELECT registration FROM statements WHERE registration IS NOT NULL UNION SELECT id FROM enrolments')
      .pluck(),
    remove: db.prepare('DELETE FROM enrolments WHERE id = ?'),
    upsert:
      db.prepare(`INSERT INTO enrolments (id, user_id, course_slug, course_version, enrolled_at, last_module, last_lesson, completed_at)
      VALUES (@id, @userId, @courseSlug, @courseVersion, @enrolledAt, @lastModuleId, @lastLessonId, @completedAt)
      ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, course_slug = excluded.course_slug, course_version = excluded.course_version,
        enrolled_at = excluded.enrolled_at, last_module = excluded.last_module, last_lesson = excluded.last_lesson,
        completed_at = excluded.completed_at, version = version + 1`),
    clearLessons: db.prepare('DELETE FROM lesson_progress WHERE enrolment_id = ?'),
    clearModules: db.prepare('DELETE FROM module_completions WHERE enrolment_id = ?'),
    clearAttempts: db.prepare('DELETE FROM quiz_attempts WHERE enrolment_id = ?'),
    lesson: db.prepare('INSERT INTO lesson_progress (enrolment_id, module_id, lesson_id, done_at) VALUES (?, ?, ?, ?)'),
    module: db.prepare('INSERT INTO module_completions (enrolment_id, module_id, completed_at) VALUES (?, ?, ?)'),
    attempt:
      db.prepare(`INSERT INTO quiz_attempts (id, enrolment_id, quiz_id, started_at, shown, answers, score, max_score, passed, submitted_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  };
  const ms = (d: Date | null) => (d === null ? null : d.getTime());

  /** Returns true when the rows changed. Runs inside the caller's transaction. */
  function recompute(registration: string): boolean {
    const current = readProgress(registration);
    const next = projectLearning(registration, (q.ofRegistration.all(registration) as Row[]).map(entryOf), current);
    if (sameLearning(current, next)) return false;
    if (!next) {
      q.remove.run(registration);
      return true;
    }
    const e = next.enrolment;
    q.upsert.run({ ...e, enrolledAt: ms(e.enrolledAt), completedAt: ms(e.completedAt) });
    q.clearLessons.run(registration);
    q.clearModules.run(registration);
    q.clearAttempts.run(registration);
    for (const l of next.doneLessons) q.lesson.run(registration, l.moduleId, l.lessonId, ms(l.doneAt));
    for (const m of next.completedModules) q.module.run(registration, m.moduleId, ms(m.completedAt));
    for (const a of next.attempts) {
      q.attempt.run(
        a.id,
        registration,
        a.quizId,
        ms(a.startedAt),
        JSON.stringify(a.shown),
        a.answers === null ? null : JSON.stringify(a.answers),
        a.score,
        a.maxScore,
        a.passed === null ? null : a.passed ? 1 : 0,
        ms(a.submittedAt),
      );
    }
    return true;
  }
  const recomputeOne = db.transaction(recompute);

  return {
    /** In the ledger transaction: registrations that lost a platform statement follow their remaining statements. */
    afterVoiding(voidedIds: string[]) {
      const registrations = new Set<string>();
      for (const id of voidedIds) {
        const row = q.voided.get(id) as (Row & { registration: string | null }) | undefined;
        if (row?.registration && isPlatformLearningStatement(entryOf(row))) registrations.add(row.registration);
      }
      for (const r of registrations) recompute(r);
    },
    rebuild() {
      const all = q.registrations.all() as string[];
      let changed = 0;
      for (const r of all) if (recomputeOne(r)) changed += 1;
      return { registrations: all.length, changed };
    },
  };
}
