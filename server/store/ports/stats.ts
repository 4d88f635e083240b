/** Programme statistics counters. */

/** Dimensions of the stats counters. '*' in a stored counter means "all values" (a roll-up). */
export const STATS_DIMS = ['course', 'country', 'sex', 'sector'] as const;
export type StatsDim = (typeof STATS_DIMS)[number];
export type StatsFilter = Partial<Record<StatsDim, string>>;

export interface StatsCountQuery {
  metrics: string[];
  filter: StatsFilter;
  /** Breakdown dimension: rows carry its value; without it, `value` is ''. */
  by?: StatsDim;
  /** Inclusive period keys: 'YYYY-MM' for monthly metrics, 'YYYY-Qn' / 'YYYY' for the active.q / active.y metrics. */
  from: string;
  to: string;
  /** Sum over the whole period: rows carry month '' (breakdowns that need no monthly series read far fewer rows). */
  wholePeriod?: boolean;
}
export interface StatsCountRow {
  metric: string;
  month: string;
  value: string;
  detail: string;
  n: number;
}

export interface StatsRepo {
  /** Sums of pre-aggregated counters: cost depends on the number of dimension values, not statements. */
  counts(query: StatsCountQuery): Promise<StatsCountRow[]>;
  /** Distinct active learners over any run of months (for custom periods), optionally broken down. */
  activeLearners(query: {
    filter: StatsFilter;
    by?: StatsDim;
    from: string;
    to: string;
  }): Promise<{ value: string; n: number }[]>;
  /** Accounts created in [from, to), by the users' current profile. */
  registeredUsers(query: { filter: StatsFilter; from: Date; to: Date }): Promise<number>;
  /** Recomputes every counter from the statement ledger (and the trainers table). */
  rebuild(): Promise<void>;
  /** Every non-zero counter, sorted: for tests and for checking a rebuild. */
  dump(): Promise<string[]>;
}
