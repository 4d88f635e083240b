-- What a group contributes to the counters is now recomputed from the facts and activity rows it is
-- derived from, before and after each change, instead of being stored and parsed in every transaction.
DROP TABLE IF EXISTS stats_contributions;

-- Custom periods count distinct learners over a run of months: a covering index answers that from the
-- index alone. Rows with n = 0 are deleted, and n is not in the index, so counting a statement in an
-- already active month does not touch it.
DROP INDEX IF EXISTS stats_activity_month;
CREATE INDEX stats_activity_period ON stats_activity (month, country, sex, sector, user_id, course);
