import type { Database } from 'better-sqlite3';
import type { DeliveredSession, LedgerChange, ParticipantCounts, TrainerRecord, TrainingRepo } from '../store.js';

export interface TrainerRow {
  user_id: string;
  certified_at: number;
  source: string;
  certificate_ref: string | null;
  withdrawn_at: number | null;
  withdrawn_reason: string | null;
  country: string;
  sex: string;
  sector: string;
}
export const trainerFromRow = (r: TrainerRow): TrainerRecord => ({
  userId: r.user_id,
  certifiedAt: new Date(r.certified_at),
  source: r.source as TrainerRecord['source'],
  certificateRef: r.certificate_ref,
  withdrawnAt: r.withdrawn_at === null ? null : new Date(r.withdrawn_at),
  withdrawnReason: r.withdrawn_reason,
  country: r.country,
  sex: r.sex,
  sector: r.sector,
});

interface SessionRow {
  id: string;
  trainer_id: string;
  statement_id: string;
  date: string;
  country: string;
  town: string;
  venue: string;
  sessions: string;
  counts: string;
  notes: string;
  created_at: number;
  updated_at: number;
}
const sessionFromRow = (r: SessionRow): DeliveredSession => ({
  id: r.id,
  trainerId: r.trainer_id,
  statementId: r.statement_id,
  date: r.date,
  country: r.country,
  town: r.town,
  venue: r.venue,
  sessions: JSON.parse(r.sessions) as number[],
  counts: JSON.parse(r.counts) as ParticipantCounts,
  notes: r.notes,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export function sqliteTraining(db: Database) {
  const put =
    db.prepare(`INSERT OR REPLACE INTO delivered_sessions (id, trainer_id, statement_id, date, country, town, venue, sessions, counts, notes, created_at, updated_at)
    VALUES (@id, @trainerId, @statementId, @date, @country, @town, @venue, @sessions, @counts, @notes, @createdAt, @updatedAt)`);
  const remove = db.prepare('DELETE FROM delivered_sessions WHERE id = ?');

  /** Session records are written in the transaction of the statements that carry them. */
  const projector = (change: LedgerChange) => {
    for (const s of change.deliveredSessions?.put ?? []) {
      put.run({
        ...s,
        sessions: JSON.stringify(s.sessions),
        counts: JSON.stringify(s.counts),
        createdAt: s.createdAt.getTime(),
        updatedAt: s.updatedAt.getTime(),
      });
    }
    for (const id of change.deliveredSessions?.remove ?? []) remove.run(id);
  };

  const repo: TrainingRepo = {
    trainer: async (userId) => {
      const row = db.prepare('SELECT * FROM trainers WHERE user_id = ?').get(userId) as TrainerRow | undefined;
      return row ? trainerFromRow(row) : null;
    },
    listTrainers: async ({ limit, includeWithdrawn }) =>
      (
        db
          .prepare(`SELECT * FROM trainers WHERE (@all = 1 OR withdrawn_at IS NULL)
      ORDER BY certified_at DESC, user_id LIMIT @limit`)
          .all({ all: includeWithdrawn ? 1 : 0, limit }) as TrainerRow[]
      ).map(trainerFromRow),
    session: async (id) => {
      const row = db.prepare('SELECT * FROM delivered_sessions WHERE id = ?').get(id) as SessionRow | undefined;
      return row ? sessionFromRow(row) : null;
    },
    listSessions: async ({ trainerId, limit, before }) =>
      (
        db
          .prepare(`SELECT * FROM delivered_sessions
      WHERE (@trainer IS NULL OR trainer_id = @trainer) AND (@date IS NULL OR date < @date OR (date = @date AND id < @id))
      ORDER BY date DESC, id DESC LIMIT @limit`)
          .all({
            trainer: trainerId ?? null,
            date: before?.date ?? null,
            id: before?.id ?? null,
            limit,
          }) as SessionRow[]
      ).map(sessionFromRow),
  };
  return { projector, repo };
}
