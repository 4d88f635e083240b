/**
 * Rate-limit counters, kept in the database so that every instance behind one load balancer
 * counts against the same limit (docs/operations.md, "Sign-in and rate limits").
 */

/** One counter in its current fixed window. */
export interface RateCount {
  /** Hits counted since the window began. */
  count: number;
  /** When the window ends and the counter starts again from zero. */
  resetAt: Date;
  /** The latest hit. */
  lastAt: Date;
}

export interface RateLimitRepo {
  /**
   * Atomically adds one hit to `key`. When no window is open for the key (none yet, or the last
   * one ended at or before `now`), a new window of `windowMs` starts now with a count of 1.
   */
  hit(key: string, now: Date, windowMs: number): Promise<RateCount>;
  /** The counter of `key` in its open window, or null when there is none. */
  get(key: string, now: Date): Promise<RateCount | null>;
  /** Forgets a counter (a sign-in that succeeded clears its failures). */
  reset(key: string): Promise<void>;
  /** Deletes the counters whose window ended at or before `now`; returns how many. */
  prune(now: Date): Promise<number>;
}
