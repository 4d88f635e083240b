-- SCORM run-time data, one row per (registration, SCO, attempt); the CMI body is JSON (bounded by
-- the zod schema of the commit: 64,000 characters of suspend data, 250 interactions, 100 objectives).
CREATE TABLE scorm_attempts (
  id TEXT PRIMARY KEY,
  registration TEXT NOT NULL,
  user_id TEXT NOT NULL,
  course_slug TEXT NOT NULL,
  sco_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  version INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  cmi TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  ended_at INTEGER,
  UNIQUE (registration, sco_id, attempt)
);
CREATE INDEX scorm_attempts_user ON scorm_attempts (user_id);
