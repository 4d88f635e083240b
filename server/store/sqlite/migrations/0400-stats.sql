-- Programme statistics: counted facts per statement (with the learner's dimensions when recorded),
-- learner activity per month, what each group contributed, and the pre-aggregated counters.
CREATE TABLE stats_facts (
  statement_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  user_id TEXT NOT NULL,
  course TEXT NOT NULL,
  detail TEXT NOT NULL,
  at TEXT NOT NULL,
  country TEXT NOT NULL,
  sex TEXT NOT NULL,
  sector TEXT NOT NULL,
  amounts TEXT,
  PRIMARY KEY (statement_id, kind, detail)
) WITHOUT ROWID;
CREATE INDEX stats_facts_pair ON stats_facts (user_id, course);

CREATE TABLE stats_activity (
  user_id TEXT NOT NULL,
  month TEXT NOT NULL,
  course TEXT NOT NULL,
  n INTEGER NOT NULL,
  country TEXT NOT NULL,
  sex TEXT NOT NULL,
  sector TEXT NOT NULL,
  PRIMARY KEY (user_id, month, course)
) WITHOUT ROWID;
CREATE INDEX stats_activity_month ON stats_activity (month);

CREATE TABLE stats_contributions (
  grp TEXT PRIMARY KEY,
  rows TEXT NOT NULL
) WITHOUT ROWID;

-- grain: bit mask of the concrete dimensions (1 course, 2 country, 4 sex, 8 sector); '*' = all values.
CREATE TABLE stats_counts (
  grain INTEGER NOT NULL,
  metric TEXT NOT NULL,
  course TEXT NOT NULL,
  country TEXT NOT NULL,
  sex TEXT NOT NULL,
  sector TEXT NOT NULL,
  month TEXT NOT NULL,
  detail TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (grain, metric, course, country, sex, sector, month, detail)
) WITHOUT ROWID;

CREATE INDEX users_created ON users (created_at);
