-- Raw attachment content, stored once per SHA-2 however many statements carry it.
CREATE TABLE xapi_attachments (
  sha2 TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  content BLOB NOT NULL
) WITHOUT ROWID;

-- Activities resource: definitions merged from statements sent with the `define` scope.
CREATE TABLE xapi_activities (
  id TEXT PRIMARY KEY,
  definition TEXT NOT NULL
) WITHOUT ROWID;

-- State, activity profile and agent profile documents. Unused key parts are '' (NULLs would
-- defeat the unique key). The primary key is the hot State path: one seek per GET/PUT.
CREATE TABLE xapi_documents (
  kind TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  agent TEXT NOT NULL,
  registration TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  content BLOB NOT NULL,
  etag TEXT NOT NULL,
  updated INTEGER NOT NULL,
  PRIMARY KEY (kind, activity_id, agent, registration, doc_id)
) WITHOUT ROWID;

CREATE TABLE lrs_clients (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  scopes TEXT NOT NULL, -- JSON array
  revoked INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
