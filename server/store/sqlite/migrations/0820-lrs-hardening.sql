-- Issue 10: a password change revokes the learner's LRS tokens issued before it (NULL: never changed).
ALTER TABLE users ADD COLUMN credentials_changed_at INTEGER;

-- An LRS client's own limits as JSON ({"bodyBytes":..,"statementBytes":..,"batchSize":..,"requestsPerMinute":..});
-- NULL or a missing field: the configured default for LRS clients.
ALTER TABLE lrs_clients ADD COLUMN limits TEXT;

-- Which LRS clients sent each attachment's content ('' for the platform). A client that may read only
-- its own statements is served only content it sent itself, so declaring another client's hash with
-- a fileUrl does not reveal that client's bytes.
CREATE TABLE xapi_attachment_carriers (
  sha2 TEXT NOT NULL REFERENCES xapi_attachments (sha2) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  PRIMARY KEY (sha2, client_id)
) WITHOUT ROWID;

-- Content stored before this table existed was carried by the statements that declared it without a
-- fileUrl (the LRS refuses such a declaration without its content).
INSERT OR IGNORE INTO xapi_attachment_carriers (sha2, client_id)
SELECT DISTINCT lower(json_extract(a.value, '$.sha2')), coalesce(s.client_id, '')
FROM statements s, json_each(s.body, '$.attachments') a
WHERE instr(s.body, '"attachments"') > 0
  AND json_extract(a.value, '$.fileUrl') IS NULL
  AND lower(json_extract(a.value, '$.sha2')) IN (SELECT sha2 FROM xapi_attachments);
