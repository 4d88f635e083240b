import type { Database } from 'better-sqlite3';
import { userIdOf } from '../session-data.js';
import type { SessionRepo } from '../store.js';

export function sqliteSessions(db: Database): SessionRepo {
  const get = db.prepare('SELECT data FROM sessions WHERE sid = ? AND expires_at > ?');
  const upsert = db.prepare(`INSERT INTO sessions (sid, data, user_id, expires_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (sid) DO UPDATE SET data = excluded.data, user_id = excluded.user_id, expires_at = excluded.expires_at`);
  return {
    get: async (sid, now) => (get.get(sid, now.getTime()) as { data: string } | undefined)?.data ?? null,
    set: async (sid, data, expiresAt) => {
      upsert.run(sid, data, userIdOf(data), expiresAt.getTime());
    },
    touch: async (sid, expiresAt) => {
      db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?').run(expiresAt.getTime(), sid);
    },
    destroy: async (sid) => {
      db.prepare('DELETE FROM sessions WHERE sid = ?').run(sid);
    },
    destroyForUser: async (userId, exceptSid) => {
      db.prepare('DELETE FROM sessions WHERE user_id = ? AND sid IS NOT ?').run(userId, exceptSid ?? null);
    },
    prune: async (now) => db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.getTime()).changes,
  };
}
