-- What a group contributes to the counters is now recomputed from the facts and activity rows it is
-- derived from, before and after each change, instead of being stored and parsed in every transaction.
DROP TABLE IF EXISTS stats_contributions;
