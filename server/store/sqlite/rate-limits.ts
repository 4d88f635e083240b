import type { Database } from 'better-sqlite3';
import type { RateCount, RateLimitRepo } from '../store.js';

type Row = { count: number; reset_at: number; last_at: number };
const toCount = (row: Row): RateCount => ({
  count: row.count,
  resetAt: new Date(row.reset_at),
  lastAt: new Date(row.last_at),
});

/** One UPSERT per hit: the window check and the increment are a single atomic statement. */
export function sqliteRateLimits(db: Database): RateLimitRepo {
  const hit = db.prepare<[{ key: string; now: number; window: number }], Row>(
    `INSERT INTO rate_limits (key, count, reset_at, last_at) VALUES (@key, 1, @now + @window, @now)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN reset_at <= @now THEN 1 ELSE count + 1 END,
       reset_at = CASE WHEN reset_at <= @now THEN @now + @window ELSE reset_at END,
       last_at = @now
     RETURNING count, reset_at, last_at`,
  );
  const get = db.prepare<[string, number], Row>(
    'SELECT count, reset_at, last_at FROM rate_limits WHERE key = ? AND reset_at > ?',
  );
  const reset = db.prepare<[string]>('DELETE FROM rate_limits WHERE key = ?');
  const prune = db.prepare<[number]>('DELETE FROM rate_limits WHERE reset_at <= ?');
  return {
    hit: async (key, now, windowMs) => {
      const row = hit.get({ key, now: now.getTime(), window: Math.max(1, Math.round(windowMs)) });
      if (!row) throw new Error('rate limit upsert returned no row');
      return toCount(row);
    },
    get: async (key, now) => {
      const row = get.get(key, now.getTime());
      return row ? toCount(row) : null;
    },
    reset: async (key) => {
      reset.run(key);
    },
    prune: async (now) => prune.run(now.getTime()).changes,
  };
}
