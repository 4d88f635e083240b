-- cmi5 launches asked for by an integration (the LMS API, docs/packages.md) are for any actor, so a
-- session has a Praxis learner or an actor; the AU's generated activity id; when it read its
-- preferences and sent initialized (statement rules); its last activity (the idle sweep).
CREATE TABLE cmi5_sessions_new (
  id TEXT PRIMARY KEY,
  registration TEXT NOT NULL,
  user_id TEXT,
  actor TEXT,
  slug TEXT NOT NULL,
  version INTEGER NOT NULL,
  au_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  module_id TEXT NOT NULL,
  lesson_id TEXT NOT NULL,
  launch_mode TEXT NOT NULL,
  language TEXT NOT NULL,
  launched_at INTEGER NOT NULL,
  fetched_at INTEGER,
  prefs_at INTEGER,
  initialized_at INTEGER,
  active_at INTEGER NOT NULL,
  terminated_at INTEGER,
  abandoned_at INTEGER,
  CHECK ((user_id IS NULL) <> (actor IS NULL))
);
INSERT INTO cmi5_sessions_new (id, registration, user_id, actor, slug, version, au_id, activity_id, module_id, lesson_id,
  launch_mode, language, launched_at, fetched_at, prefs_at, initialized_at, active_at, terminated_at, abandoned_at)
SELECT id, registration, user_id, NULL, slug, version, au_id, au_id, module_id, lesson_id,
  launch_mode, language, launched_at, fetched_at, fetched_at, fetched_at, launched_at, terminated_at, abandoned_at
FROM cmi5_sessions;
DROP TABLE cmi5_sessions;
ALTER TABLE cmi5_sessions_new RENAME TO cmi5_sessions;
CREATE INDEX cmi5_sessions_open ON cmi5_sessions (registration, au_id) WHERE terminated_at IS NULL AND abandoned_at IS NULL;
CREATE INDEX cmi5_sessions_idle ON cmi5_sessions (active_at) WHERE terminated_at IS NULL AND abandoned_at IS NULL;
CREATE INDEX cmi5_sessions_registration ON cmi5_sessions (registration, launched_at);
CREATE INDEX cmi5_sessions_user ON cmi5_sessions (user_id);
