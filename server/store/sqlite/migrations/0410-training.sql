CREATE TABLE trainers (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  certified_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  certificate_ref TEXT,
  withdrawn_at INTEGER,
  withdrawn_reason TEXT,
  country TEXT NOT NULL,
  sex TEXT NOT NULL,
  sector TEXT NOT NULL
);
CREATE INDEX trainers_certified ON trainers (certified_at);

-- Aggregate counts only: never names or details of the (minor) participants.
CREATE TABLE delivered_sessions (
  id TEXT PRIMARY KEY,
  trainer_id TEXT NOT NULL REFERENCES users (id),
  statement_id TEXT NOT NULL,
  date TEXT NOT NULL,
  country TEXT NOT NULL,
  town TEXT NOT NULL,
  venue TEXT NOT NULL,
  sessions TEXT NOT NULL,
  counts TEXT NOT NULL,
  notes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX delivered_sessions_date ON delivered_sessions (date, id);
CREATE INDEX delivered_sessions_trainer ON delivered_sessions (trainer_id, date, id);
