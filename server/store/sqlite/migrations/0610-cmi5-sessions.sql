-- cmi5 launch sessions (docs/packages.md): the fetch URL is spent once; ended by terminated or abandoned.
CREATE TABLE cmi5_sessions (
  id TEXT PRIMARY KEY,
  registration TEXT NOT NULL,
  user_id TEXT NOT NULL,
  slug TEXT NOT NULL,
  version INTEGER NOT NULL,
  au_id TEXT NOT NULL,
  module_id TEXT NOT NULL,
  lesson_id TEXT NOT NULL,
  launch_mode TEXT NOT NULL,
  language TEXT NOT NULL,
  launched_at INTEGER NOT NULL,
  fetched_at INTEGER,
  terminated_at INTEGER,
  abandoned_at INTEGER
);
CREATE INDEX cmi5_sessions_open ON cmi5_sessions (registration, au_id) WHERE terminated_at IS NULL AND abandoned_at IS NULL;
CREATE INDEX cmi5_sessions_user ON cmi5_sessions (user_id);
