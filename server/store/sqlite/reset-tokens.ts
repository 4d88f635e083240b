import type { Database } from 'better-sqlite3';
import type { ResetTokenRepo } from '../store.js';

export function sqliteResetTokens(db: Database): ResetTokenRepo {
  const take = db.prepare('DELETE FROM reset_tokens WHERE token_hash = ? RETURNING user_id, expires_at');
  const look = db.prepare('SELECT user_id FROM reset_tokens WHERE token_hash = ? AND expires_at > ?');
  return {
    create: async (t) => {
      db.prepare('INSERT INTO reset_tokens (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)').run(
        t.tokenHash,
        t.userId,
        t.expiresAt.getTime(),
        t.createdAt.getTime(),
      );
    },
    consume: async (tokenHash, now) => {
      const row = take.get(tokenHash) as { user_id: string; expires_at: number } | undefined;
      return row && row.expires_at > now.getTime() ? row.user_id : null;
    },
    peek: async (tokenHash, now) => {
      const row = look.get(tokenHash, now.getTime()) as { user_id: string } | undefined;
      return row?.user_id ?? null;
    },
    deleteForUser: async (userId) => {
      db.prepare('DELETE FROM reset_tokens WHERE user_id = ?').run(userId);
    },
  };
}
