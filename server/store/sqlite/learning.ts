import type { Database } from 'better-sqlite3';
import { AlreadyRecordedError, AttemptLimitError, StaleProgressError } from '../ports/learning-errors.js';
import type { EnrolmentRecord, LearningChange, LearningProgress, LearningRepo, QuizAttemptRecord } from '../store.js';
import type { SqliteProjector } from './ledger.js';
import { sqliteLearningRebuild } from './learning-rebuild.js';

type EnrolmentRow = {
  id: string;
  user_id: string;
  course_slug: string;
  course_version: string;
  enrolled_at: number;
  version: number;
  last_module: string | null;
  last_lesson: string | null;
  completed_at: number | null;
};
type AttemptRow = {
  id: string;
  enrolment_id: string;
  quiz_id: string;
  started_at: number;
  shown: string;
  answers: string | null;
  score: number | null;
  max_score: number | null;
  passed: number | null;
  submitted_at: number | null;
};

const enrolmentFromRow = (r: EnrolmentRow): EnrolmentRecord => ({
  id: r.id,
  userId: r.user_id,
  courseSlug: r.course_slug,
  courseVersion: r.course_version,
  enrolledAt: new Date(r.enrolled_at),
  version: r.version,
  lastModuleId: r.last_module,
  lastLessonId: r.last_lesson,
  completedAt: r.completed_at === null ? null : new Date(r.completed_at),
});
const attemptFromRow = (r: AttemptRow): QuizAttemptRecord => ({
  id: r.id,
  enrolmentId: r.enrolment_id,
  quizId: r.quiz_id,
  startedAt: new Date(r.started_at),
  shown: JSON.parse(r.shown),
  answers: r.answers === null ? null : JSON.parse(r.answers),
  score: r.score,
  maxScore: r.max_score,
  passed: r.passed === null ? null : r.passed === 1,
  submittedAt: r.submitted_at === null ? null : new Date(r.submitted_at),
});
const isUnique = (err: unknown) =>
  /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test((err as { code?: string }).code ?? '');

export function sqliteLearning(db: Database): { repo: LearningRepo; projector: SqliteProjector } {
  const q = {
    bump: db.prepare('UPDATE enrolments SET version = version + 1 WHERE id = ? AND version = ?'),
    enrol: db.prepare(
      'INSERT INTO enrolments (id, user_id, course_slug, course_version, enrolled_at) VALUES (?, ?, ?, ?, ?)',
    ),
    opened: db.prepare('UPDATE enrolments SET last_module = ?, last_lesson = ? WHERE id = ?'),
    lessonDone: db.prepare(
      'INSERT INTO lesson_progress (enrolment_id, module_id, lesson_id, done_at) VALUES (?, ?, ?, ?)',
    ),
    startAttempt: db.prepare(
      'INSERT INTO quiz_attempts (id, enrolment_id, quiz_id, started_at, shown) VALUES (?, ?, ?, ?, ?)',
    ),
    submitted: db.prepare(
      'SELECT count(*) AS n FROM quiz_attempts WHERE enrolment_id = ? AND quiz_id = ? AND submitted_at IS NOT NULL',
    ),
    submit: db.prepare(`UPDATE quiz_attempts SET answers = ?, score = ?, max_score = ?, passed = ?, submitted_at = ?
      WHERE id = ? AND enrolment_id = ? AND submitted_at IS NULL`),
    moduleDone: db.prepare('INSERT INTO module_completions (enrolment_id, module_id, completed_at) VALUES (?, ?, ?)'),
    courseDone: db.prepare('UPDATE enrolments SET completed_at = ? WHERE id = ? AND completed_at IS NULL'),
    find: db.prepare('SELECT * FROM enrolments WHERE user_id = ? AND course_slug = ?'),
    byId: db.prepare('SELECT * FROM enrolments WHERE id = ?'),
    ofUser: db.prepare('SELECT * FROM enrolments WHERE user_id = ? ORDER BY enrolled_at DESC, id'),
    lessons: db.prepare(
      'SELECT module_id, lesson_id, done_at FROM lesson_progress WHERE enrolment_id = ? ORDER BY done_at',
    ),
    modules: db.prepare(
      'SELECT module_id, completed_at FROM module_completions WHERE enrolment_id = ? ORDER BY completed_at',
    ),
    attempts: db.prepare('SELECT * FROM quiz_attempts WHERE enrolment_id = ? ORDER BY started_at, id'),
    attempt: db.prepare('SELECT * FROM quiz_attempts WHERE id = ?'),
  };
  const insertOnce = (stmt: { run: (...a: unknown[]) => unknown }, what: string, ...args: unknown[]) => {
    try {
      stmt.run(...args);
    } catch (err) {
      if (isUnique(err)) throw new AlreadyRecordedError(what);
      throw err;
    }
  };

  const readProgress = (enrolmentId: string): LearningProgress | null => {
    const row = q.byId.get(enrolmentId) as EnrolmentRow | undefined;
    if (!row) return null;
    return {
      enrolment: enrolmentFromRow(row),
      doneLessons: (q.lessons.all(enrolmentId) as { module_id: string; lesson_id: string; done_at: number }[]).map(
        (r) => ({ moduleId: r.module_id, lessonId: r.lesson_id, doneAt: new Date(r.done_at) }),
      ),
      completedModules: (q.modules.all(enrolmentId) as { module_id: string; completed_at: number }[]).map((r) => ({
        moduleId: r.module_id,
        completedAt: new Date(r.completed_at),
      })),
      attempts: (q.attempts.all(enrolmentId) as AttemptRow[]).map(attemptFromRow),
    };
  };
  const rebuilder = sqliteLearningRebuild(db, readProgress);

  const project = ({ learning }: { learning?: LearningChange }) => {
    if (!learning) return;
    const id = learning.enrolmentId;
    if (learning.expectedVersion !== undefined && q.bump.run(id, learning.expectedVersion).changes === 0)
      throw new StaleProgressError();
    for (const op of learning.ops) {
      switch (op.type) {
        case 'enrol': {
          const e = op.enrolment;
          insertOnce(q.enrol, 'enrolment', e.id, e.userId, e.courseSlug, e.courseVersion, e.enrolledAt.getTime());
          break;
        }
        case 'lessonOpened':
          q.opened.run(op.moduleId, op.lessonId, id);
          break;
        case 'lessonDone':
          insertOnce(
            q.lessonDone,
            `lesson ${op.moduleId}/${op.lessonId}`,
            id,
            op.moduleId,
            op.lessonId,
            op.at.getTime(),
          );
          break;
        case 'attemptStarted': {
          const a = op.attempt;
          insertOnce(
            q.startAttempt,
            `attempt ${a.id}`,
            a.id,
            id,
            a.quizId,
            a.startedAt.getTime(),
            JSON.stringify(a.shown),
          );
          break;
        }
        case 'attemptSubmitted': {
          if (op.maxAttempts !== undefined && (q.submitted.get(id, op.quizId) as { n: number }).n >= op.maxAttempts)
            throw new AttemptLimitError();
          const passed = op.passed === null ? null : op.passed ? 1 : 0;
          const r = q.submit.run(
            JSON.stringify(op.answers),
            op.score,
            op.maxScore,
            passed,
            op.submittedAt.getTime(),
            op.attemptId,
            id,
          );
          if (r.changes === 0) throw new AlreadyRecordedError(`attempt ${op.attemptId}`);
          break;
        }
        case 'moduleCompleted':
          insertOnce(q.moduleDone, `module ${op.moduleId}`, id, op.moduleId, op.at.getTime());
          break;
        case 'courseCompleted':
          if (q.courseDone.run(op.at.getTime(), id).changes === 0) throw new AlreadyRecordedError('course completion');
          break;
      }
    }
  };

  const repo: LearningRepo = {
    findEnrolment: async (userId, slug) => {
      const row = q.find.get(userId, slug) as EnrolmentRow | undefined;
      return row ? enrolmentFromRow(row) : null;
    },
    enrolmentsOf: async (userId) => (q.ofUser.all(userId) as EnrolmentRow[]).map(enrolmentFromRow),
    progress: async (enrolmentId) => readProgress(enrolmentId),
    attempt: async (attemptId) => {
      const row = q.attempt.get(attemptId) as AttemptRow | undefined;
      return row ? attemptFromRow(row) : null;
    },
    rebuild: async () => rebuilder.rebuild(),
  };
  return {
    repo,
    projector: (change, voidedIds) => {
      project(change);
      rebuilder.afterVoiding(voidedIds);
    },
  };
}
