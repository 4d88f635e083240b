-- Completion certificates. UNIQUE (user_id, course_slug): issued once, even under concurrent completions.
CREATE TABLE certificates (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL,
  learner_name TEXT NOT NULL,
  course_slug TEXT NOT NULL,
  course_version TEXT NOT NULL,
  course_title TEXT NOT NULL, -- JSON map by language
  default_language TEXT NOT NULL,
  languages TEXT NOT NULL, -- JSON array
  hours REAL NOT NULL,
  completed_at INTEGER NOT NULL,
  issued_at INTEGER NOT NULL,
  identity_hash TEXT NOT NULL,
  identity_salt TEXT NOT NULL,
  revoked_at INTEGER,
  revoked_reason TEXT,
  revoked_by TEXT,
  UNIQUE (user_id, course_slug)
);
CREATE INDEX certificates_user ON certificates (user_id, issued_at);
CREATE INDEX certificates_issued ON certificates (issued_at, id);
