import type { Database } from 'better-sqlite3';
import type { Cmi5SessionRecord, Cmi5SessionRepo } from '../store.js';

interface Row {
  id: string;
  registration: string;
  user_id: string;
  slug: string;
  version: number;
  au_id: string;
  module_id: string;
  lesson_id: string;
  launch_mode: string;
  language: string;
  launched_at: number;
  fetched_at: number | null;
  terminated_at: number | null;
  abandoned_at: number | null;
}
const date = (n: number | null) => (n === null ? null : new Date(n));
const fromRow = (r: Row): Cmi5SessionRecord => ({
  id: r.id,
  registration: r.registration,
  userId: r.user_id,
  slug: r.slug,
  version: r.version,
  auId: r.au_id,
  moduleId: r.module_id,
  lessonId: r.lesson_id,
  launchMode: r.launch_mode as Cmi5SessionRecord['launchMode'],
  language: r.language,
  launchedAt: new Date(r.launched_at),
  fetchedAt: date(r.fetched_at),
  terminatedAt: date(r.terminated_at),
  abandonedAt: date(r.abandoned_at),
});

export function sqliteCmi5(db: Database): Cmi5SessionRepo {
  const q = {
    insert:
      db.prepare(`INSERT INTO cmi5_sessions (id, registration, user_id, slug, version, au_id, module_id, lesson_id, launch_mode, language, launched_at)
      VALUES (@id, @registration, @userId, @slug, @version, @auId, @moduleId, @lessonId, @launchMode, @language, @launchedAt)`),
    find: db.prepare('SELECT * FROM cmi5_sessions WHERE id = ?'),
    claim: db.prepare('UPDATE cmi5_sessions SET fetched_at = ? WHERE id = ? AND fetched_at IS NULL'),
    terminated: db.prepare('UPDATE cmi5_sessions SET terminated_at = ? WHERE id = ? AND terminated_at IS NULL'),
    abandoned: db.prepare(
      'UPDATE cmi5_sessions SET abandoned_at = ? WHERE id = ? AND abandoned_at IS NULL AND terminated_at IS NULL',
    ),
    open: db.prepare(
      'SELECT * FROM cmi5_sessions WHERE registration = ? AND au_id = ? AND terminated_at IS NULL AND abandoned_at IS NULL ORDER BY launched_at',
    ),
  };
  return {
    create: async (s) => {
      q.insert.run({ ...s, launchedAt: s.launchedAt.getTime() });
    },
    find: async (id) => {
      const r = q.find.get(id) as Row | undefined;
      return r ? fromRow(r) : null;
    },
    claimFetch: async (id, at) => q.claim.run(at.getTime(), id).changes === 1,
    end: async (id, how, at) => {
      (how === 'terminated' ? q.terminated : q.abandoned).run(at.getTime(), id);
    },
    open: async (registration, auId) => (q.open.all(registration, auId) as Row[]).map(fromRow),
  };
}
