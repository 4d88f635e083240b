/**
 * The MongoDB documents of the rate-limit counters, built by pure functions so that mingo can run
 * them in unit tests. A counter is `{ _id: key, count, resetAt, lastAt }`.
 */

/**
 * The update pipeline of one hit, sent with `upsert: true` on `{ _id: key }`: MongoDB applies it
 * atomically to the existing document, or to `{ _id: key }` when there is none. A window that has
 * ended (or is missing) starts again at 1; an open one counts up and keeps its end.
 */
export function rateHitUpdate(now: Date, windowMs: number) {
  const open = { $gt: [{ $ifNull: ['$resetAt', null] }, now] };
  return [
    {
      $set: {
        count: { $cond: [open, { $add: ['$count', 1] }, 1] },
        resetAt: { $cond: [open, '$resetAt', new Date(now.getTime() + Math.max(1, Math.round(windowMs)))] },
        lastAt: now,
      },
    },
  ];
}

/** The counter of a key while its window is open. */
export function openRateFilter(key: string, now: Date) {
  return { _id: key, resetAt: { $gt: now } };
}

/** Counters whose window has ended, for pruning. */
export function endedRateFilter(now: Date) {
  return { resetAt: { $lte: now } };
}
