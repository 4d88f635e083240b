import type { Database } from 'better-sqlite3';
import type { ErasureCounts, ErasureTarget } from '../store.js';

/**
 * One feature's part of an erasure, run inside the erasure transaction. Features that keep data
 * about a learner (progress, certificates, statistics counters) push theirs into the `erasers`
 * array of sqlite-store.ts, as they push projectors. Erasers run in array order, before the core
 * ones below delete the statements, so an eraser can still read the learner's statements (the
 * statistics eraser needs them to take the learner's contributions out of its counters).
 */
export type SqliteEraser = (target: ErasureTarget) => ErasureCounts;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Statements, then the attachments only they used, then documents, sessions, tokens and the user. */
export function coreSqliteErasers(db: Database): SqliteEraser[] {
  const statements: SqliteEraser = ({ agents }) => {
    if (agents.length === 0) return { statements: 0, attachments: 0 };
    db.exec('CREATE TEMP TABLE IF NOT EXISTS erased_seq (seq INTEGER PRIMARY KEY)');
    db.exec('DELETE FROM erased_seq');
    db.prepare(
      `INSERT OR IGNORE INTO erased_seq SELECT seq FROM statement_agents WHERE agent IN (${placeholders(agents.length)})`,
    ).run(...agents);
    // Statements that point at an erased one (voiding, references) say nothing once it is gone.
    db.prepare(`INSERT OR IGNORE INTO erased_seq SELECT r.seq FROM statements r JOIN statements t ON t.id = r.target_statement
      WHERE r.target_statement IS NOT NULL AND t.seq IN (SELECT seq FROM erased_seq)`).run();
    const hashes = new Set<string>();
    for (const body of db
      .prepare('SELECT body FROM statements WHERE seq IN (SELECT seq FROM erased_seq) AND body LIKE \'%"sha2"%\'')
      .pluck()
      .all() as string[]) {
      for (const a of (JSON.parse(body) as { attachments?: { sha2?: string }[] }).attachments ?? [])
        if (a.sha2) hashes.add(a.sha2.toLowerCase());
    }
    const n = db.prepare('DELETE FROM statements WHERE seq IN (SELECT seq FROM erased_seq)').run().changes;
    const stillUsed = db.prepare('SELECT 1 FROM statements WHERE body LIKE ? LIMIT 1').pluck();
    let attachments = 0;
    for (const h of hashes) {
      if (!stillUsed.get(`%${h}%`))
        attachments += db.prepare('DELETE FROM xapi_attachments WHERE sha2 = ?').run(h).changes;
    }
    db.exec('DELETE FROM erased_seq');
    return { statements: n, attachments };
  };
  const documents: SqliteEraser = ({ agents }) => ({
    documents:
      agents.length === 0
        ? 0
        : db.prepare(`DELETE FROM xapi_documents WHERE agent IN (${placeholders(agents.length)})`).run(...agents)
            .changes,
  });
  const account: SqliteEraser = ({ userId }) => ({
    sessions: db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes,
    resetTokens: db.prepare('DELETE FROM reset_tokens WHERE user_id = ?').run(userId).changes,
    users: db.prepare('DELETE FROM users WHERE id = ?').run(userId).changes,
  });
  return [statements, documents, account];
}

/**
 * Erasers of the features that landed before erasure did (learning, certificates, training). Lesson
 * progress, module completions and quiz attempts go with their enrolment (ON DELETE CASCADE).
 */
export function featureSqliteErasers(db: Database): SqliteEraser[] {
  return [
    ({ userId }) => ({ enrolments: db.prepare('DELETE FROM enrolments WHERE user_id = ?').run(userId).changes }),
    ({ userId }) => ({ certificates: db.prepare('DELETE FROM certificates WHERE user_id = ?').run(userId).changes }),
    // delivered_sessions references users without a cascade: without this the user delete fails.
    ({ userId }) => ({
      deliveredSessions: db.prepare('DELETE FROM delivered_sessions WHERE trainer_id = ?').run(userId).changes,
      trainers: db.prepare('DELETE FROM trainers WHERE user_id = ?').run(userId).changes,
    }),
    // The statistics counters' eraser is stats.erase (sqlite/stats.ts), placed first by sqlite-store.ts.
  ];
}

/** Runs every eraser in one transaction and adds up their counts. */
export function sqliteEraseLearner(db: Database, erasers: SqliteEraser[]) {
  const run = db.transaction((target: ErasureTarget) => {
    const total: ErasureCounts = {};
    for (const erase of erasers) {
      for (const [k, v] of Object.entries(erase(target))) total[k] = (total[k] ?? 0) + v;
    }
    return total;
  });
  return async (userId: string, agentIfis: readonly string[]) => run({ userId, agents: [...new Set(agentIfis)] });
}
