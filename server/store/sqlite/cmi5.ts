import type { Database } from 'better-sqlite3';
import type { Cmi5Actor, Cmi5SessionRecord, Cmi5SessionRepo } from '../store.js';

interface Row {
  id: string;
  registration: string;
  user_id: string | null;
  actor: string | null;
  slug: string;
  version: number;
  au_id: string;
  activity_id: string;
  module_id: string;
  lesson_id: string;
  launch_mode: string;
  language: string;
  launched_at: number;
  fetched_at: number | null;
  prefs_at: number | null;
  initialized_at: number | null;
  active_at: number;
  terminated_at: number | null;
  abandoned_at: number | null;
}
const date = (n: number | null) => (n === null ? null : new Date(n));
const ms = (d: Date | null) => (d === null ? null : d.getTime());
const fromRow = (r: Row): Cmi5SessionRecord => ({
  id: r.id,
  registration: r.registration,
  userId: r.user_id,
  actor: r.actor === null ? null : (JSON.parse(r.actor) as Cmi5Actor),
  slug: r.slug,
  version: r.version,
  auId: r.au_id,
  activityId: r.activity_id,
  moduleId: r.module_id,
  lessonId: r.lesson_id,
  launchMode: r.launch_mode as Cmi5SessionRecord['launchMode'],
  language: r.language,
  launchedAt: new Date(r.launched_at),
  fetchedAt: date(r.fetched_at),
  prefsAt: date(r.prefs_at),
  initializedAt: date(r.initialized_at),
  activeAt: new Date(r.active_at),
  terminatedAt: date(r.terminated_at),
  abandonedAt: date(r.abandoned_at),
});
const OPEN = 'terminated_at IS NULL AND abandoned_at IS NULL';

export function sqliteCmi5(db: Database): Cmi5SessionRepo {
  const q = {
    insert: db.prepare(`INSERT INTO cmi5_sessions (id, registration, user_id, actor, slug, version, au_id, activity_id,
      module_id, lesson_id, launch_mode, language, launched_at, fetched_at, prefs_at, initialized_at, active_at,
      terminated_at, abandoned_at)
      VALUES (@id, @registration, @userId, @actor, @slug, @version, @auId, @activityId, @moduleId, @lessonId,
      @launchMode, @language, @launchedAt, @fetchedAt, @prefsAt, @initializedAt, @activeAt, @terminatedAt, @abandonedAt)`),
    find: db.prepare('SELECT * FROM cmi5_sessions WHERE id = ?'),
    claim: db.prepare('UPDATE cmi5_sessions SET fetched_at = ?, active_at = ? WHERE id = ? AND fetched_at IS NULL'),
    prefs: db.prepare('UPDATE cmi5_sessions SET prefs_at = COALESCE(prefs_at, ?), active_at = ? WHERE id = ?'),
    initialized: db.prepare(
      'UPDATE cmi5_sessions SET initialized_at = COALESCE(initialized_at, ?), active_at = ? WHERE id = ?',
    ),
    touch: db.prepare('UPDATE cmi5_sessions SET active_at = MAX(active_at, ?) WHERE id = ?'),
    terminated: db.prepare(
      `UPDATE cmi5_sessions SET terminated_at = ?, active_at = MAX(active_at, ?) WHERE id = ? AND ${OPEN}`,
    ),
    abandoned: db.prepare(`UPDATE cmi5_sessions SET abandoned_at = ? WHERE id = ? AND ${OPEN}`),
    open: db.prepare(
      `SELECT * FROM cmi5_sessions WHERE registration = ? AND au_id = ? AND ${OPEN} ORDER BY launched_at`,
    ),
    firstOf: db.prepare('SELECT * FROM cmi5_sessions WHERE registration = ? ORDER BY launched_at, rowid LIMIT 1'),
    idle: db.prepare(`SELECT * FROM cmi5_sessions WHERE ${OPEN} AND active_at < ? ORDER BY active_at LIMIT ?`),
  };
  return {
    create: async (s) => {
      q.insert.run({
        ...s,
        actor: s.actor === null ? null : JSON.stringify(s.actor),
        launchedAt: s.launchedAt.getTime(),
        fetchedAt: ms(s.fetchedAt),
        prefsAt: ms(s.prefsAt),
        initializedAt: ms(s.initializedAt),
        activeAt: s.activeAt.getTime(),
        terminatedAt: ms(s.terminatedAt),
        abandonedAt: ms(s.abandonedAt),
      });
    },
    find: async (id) => {
      const r = q.find.get(id) as Row | undefined;
      return r ? fromRow(r) : null;
    },
    claimFetch: async (id, at) => q.claim.run(at.getTime(), at.getTime(), id).changes === 1,
    mark: async (id, what, at) => {
      (what === 'prefs' ? q.prefs : q.initialized).run(at.getTime(), at.getTime(), id);
    },
    touch: async (id, at) => {
      q.touch.run(at.getTime(), id);
    },
    end: async (id, how, at) =>
      (how === 'terminated' ? q.terminated.run(at.getTime(), at.getTime(), id) : q.abandoned.run(at.getTime(), id))
        .changes === 1,
    open: async (registration, auId) => (q.open.all(registration, auId) as Row[]).map(fromRow),
    firstOf: async (registration) => {
      const r = q.firstOf.get(registration) as Row | undefined;
      return r ? fromRow(r) : null;
    },
    idle: async (before, limit) => (q.idle.all(before.getTime(), limit) as Row[]).map(fromRow),
  };
}
