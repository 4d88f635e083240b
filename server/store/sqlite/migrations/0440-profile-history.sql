-- The learner's country, sex and sector over time, so a rebuild counts each statement with the
-- profile the learner had when it was stored (docs/statistics.md). NULL: unchanged since creation.
ALTER TABLE users ADD COLUMN profile_history TEXT;
