import type { Database } from 'better-sqlite3';
import { StaleProgressError } from '../ports/learning-errors.js';
import type { LedgerChange, ScormAttemptRecord, ScormCmi, ScormRepo } from '../store.js';

interface Row {
  id: string;
  registration: string;
  user_id: string;
  course_slug: string;
  sco_id: string;
  attempt: number;
  version: number;
  sessions: number;
  cmi: string;
  started_at: number;
  updated_at: number;
  ended_at: number | null;
}
const fromRow = (r: Row): ScormAttemptRecord => ({
  id: r.id,
  registration: r.registration,
  userId: r.user_id,
  courseSlug: r.course_slug,
  scoId: r.sco_id,
  attempt: r.attempt,
  version: r.version,
  sessions: r.sessions,
  cmi: JSON.parse(r.cmi) as ScormCmi,
  startedAt: new Date(r.started_at),
  updatedAt: new Date(r.updated_at),
  endedAt: r.ended_at === null ? null : new Date(r.ended_at),
});

export function sqliteScorm(db: Database) {
  const insert =
    db.prepare(`INSERT INTO scorm_attempts (id, registration, user_id, course_slug, sco_id, attempt, version, sessions,
    cmi, started_at, updated_at, ended_at)
    VALUES (@id, @registration, @userId, @courseSlug, @scoId, @attempt, 1, @sessions,
    @cmi, @startedAt, @updatedAt, @endedAt) ON CONFLICT DO NOTHING`);
  const update = db.prepare(`UPDATE scorm_attempts SET version = version + 1, sessions = @sessions, cmi = @cmi,
    updated_at = @updatedAt, ended_at = @endedAt WHERE id = @id AND version = @expected`);
  const byId = db.prepare('SELECT * FROM scorm_attempts WHERE id = ?');
  const bySco = db.prepare('SELECT * FROM scorm_attempts WHERE registration = ? AND sco_id = ? ORDER BY attempt');
  const ofRegistration = db.prepare('SELECT * FROM scorm_attempts WHERE registration = ? ORDER BY sco_id, attempt');
  const latest = db.prepare(`SELECT a.* FROM scorm_attempts a WHERE a.registration = ? AND a.attempt =
    (SELECT max(b.attempt) FROM scorm_attempts b WHERE b.registration = a.registration AND b.sco_id = a.sco_id)
    ORDER BY a.sco_id`);

  /** Run in the ledger transaction: a lost race throws, and the statements written with it roll back. */
  const projector = (change: LedgerChange) => {
    for (const { attempt: a, expectedVersion } of change.scorm ?? []) {
      const params = {
        id: a.id,
        registration: a.registration,
        userId: a.userId,
        courseSlug: a.courseSlug,
        scoId: a.scoId,
        attempt: a.attempt,
        sessions: a.sessions,
        cmi: JSON.stringify(a.cmi),
        startedAt: a.startedAt.getTime(),
        updatedAt: a.updatedAt.getTime(),
        endedAt: a.endedAt?.getTime() ?? null,
      };
      const changed =
        expectedVersion === null
          ? insert.run(params).changes
          : update.run({ ...params, expected: expectedVersion }).changes;
      if (changed !== 1) throw new StaleProgressError();
    }
  };

  const repo: ScormRepo = {
    attempt: async (id) => {
      const row = byId.get(id) as Row | undefined;
      return row ? fromRow(row) : null;
    },
    attempts: async (registration, scoId) => (bySco.all(registration, scoId) as Row[]).map(fromRow),
    ofRegistration: async (registration) => (ofRegistration.all(registration) as Row[]).map(fromRow),
    latestAttempts: async (registration) => (latest.all(registration) as Row[]).map(fromRow),
  };
  const erase = (userId: string) => ({
    scormAttempts: db.prepare('DELETE FROM scorm_attempts WHERE user_id = ?').run(userId).changes,
  });
  return { projector, repo, erase };
}
