-- Imported course packages, one row per version (docs/packages.md).
CREATE TABLE packages (
  slug TEXT NOT NULL,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  source_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  languages TEXT NOT NULL,
  default_language TEXT NOT NULL,
  structure TEXT NOT NULL,
  files INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  imported_at INTEGER NOT NULL,
  imported_by TEXT,
  current INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (slug, version)
);
CREATE UNIQUE INDEX packages_current ON packages (slug) WHERE current = 1;
CREATE INDEX packages_source ON packages (kind, source_id);
