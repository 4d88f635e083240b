-- Learning projections, kept in step with the ledger (statements) in the same transaction.
CREATE TABLE enrolments (
  id TEXT PRIMARY KEY, -- xAPI registration
  user_id TEXT NOT NULL,
  course_slug TEXT NOT NULL,
  course_version TEXT NOT NULL,
  enrolled_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  last_module TEXT,
  last_lesson TEXT,
  completed_at INTEGER,
  UNIQUE (user_id, course_slug)
);
CREATE INDEX enrolments_user ON enrolments (user_id, enrolled_at);
CREATE INDEX enrolments_course ON enrolments (course_slug, completed_at);

CREATE TABLE lesson_progress (
  enrolment_id TEXT NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  module_id TEXT NOT NULL,
  lesson_id TEXT NOT NULL,
  done_at INTEGER NOT NULL,
  PRIMARY KEY (enrolment_id, module_id, lesson_id)
) WITHOUT ROWID;

CREATE TABLE module_completions (
  enrolment_id TEXT NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  module_id TEXT NOT NULL,
  completed_at INTEGER NOT NULL,
  PRIMARY KEY (enrolment_id, module_id)
) WITHOUT ROWID;

CREATE TABLE quiz_attempts (
  id TEXT PRIMARY KEY,
  enrolment_id TEXT NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  quiz_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  shown TEXT NOT NULL, -- JSON: question id -> ids in display order
  answers TEXT, -- JSON
  score REAL,
  max_score REAL,
  passed INTEGER, -- 1/0; NULL for an ungraded pre-test or an open attempt
  submitted_at INTEGER
);
CREATE INDEX quiz_attempts_enrolment ON quiz_attempts (enrolment_id, quiz_id, started_at);
