-- since/until queries pick the seqs of a stored window from this index alone (voided included, so
-- no table row is read), sort just those integers, then read the page's bodies by seq.
DROP INDEX statements_stored;
CREATE INDEX statements_stored ON statements (stored, voided);
