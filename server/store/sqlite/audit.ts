import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditRepo } from '../store.js';

interface AuditRow {
  id: string;
  at: number;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  details: string;
}

const fromRow = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: new Date(r.at),
  actorId: r.actor_id,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

export function sqliteAudit(db: Database): AuditRepo {
  return {
    append: async (e) => {
      const entry = { ...e, id: randomUUID() };
      db.prepare(`INSERT INTO audit_log (id, at, actor_id, action, target_type, target_id, details)
        VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
        entry.id,
        e.at.getTime(),
        e.actorId,
        e.action,
        e.targetType,
        e.targetId,
        JSON.stringify(e.details),
      );
      return entry;
    },
    list: async ({ targetType, targetId, limit, before }) => {
      const rows = db
        .prepare(`SELECT * FROM audit_log
        WHERE (@tt IS NULL OR target_type = @tt) AND (@ti IS NULL OR target_id = @ti) AND (@before IS NULL OR at < @before)
        ORDER BY at DESC, id DESC LIMIT @limit`)
        .all({
          tt: targetType ?? null,
          ti: targetId ?? null,
          before: before?.getTime() ?? null,
          limit,
        }) as AuditRow[];
      return rows.map(fromRow);
    },
  };
}
