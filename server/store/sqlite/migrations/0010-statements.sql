-- The xAPI ledger. seq is the time-ordered paging key (stored order); body is the statement as returned.
CREATE TABLE statements (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  stored INTEGER NOT NULL,
  timestamp TEXT NOT NULL,
  verb TEXT NOT NULL,
  actor TEXT,
  activity TEXT,
  registration TEXT,
  target_statement TEXT,
  is_voiding INTEGER NOT NULL DEFAULT 0,
  voided INTEGER NOT NULL DEFAULT 0,
  client_id TEXT,
  body TEXT NOT NULL
);
CREATE INDEX statements_actor ON statements (actor, seq);
CREATE INDEX statements_verb ON statements (verb, seq);
CREATE INDEX statements_activity ON statements (activity, seq);
CREATE INDEX statements_registration ON statements (registration, seq);
CREATE INDEX statements_stored ON statements (stored, seq);
CREATE INDEX statements_target ON statements (target_statement);
CREATE INDEX statements_client ON statements (client_id, seq);

-- related_agents / related_activities filters: one row per (key, statement), scanned in seq order.
CREATE TABLE statement_agents (
  agent TEXT NOT NULL,
  seq INTEGER NOT NULL REFERENCES statements (seq) ON DELETE CASCADE,
  direct INTEGER NOT NULL, -- 1: matches the plain `agent` filter; 0: only related_agents
  PRIMARY KEY (agent, seq)
) WITHOUT ROWID;
CREATE INDEX statement_agents_seq ON statement_agents (seq);

CREATE TABLE statement_activities (
  activity TEXT NOT NULL,
  seq INTEGER NOT NULL REFERENCES statements (seq) ON DELETE CASCADE,
  PRIMARY KEY (activity, seq)
) WITHOUT ROWID;
CREATE INDEX statement_activities_seq ON statement_activities (seq);
