-- Rate-limit counters shared by every instance on this database (issue 10, item 16).
-- key is a hash of what is counted (e.g. an account and an address), never the raw values.
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  reset_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX rate_limits_reset ON rate_limits (reset_at);
