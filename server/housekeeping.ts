import type { Logger } from './log.js';
import type { RateLimitRepo, SessionRepo } from './store/store.js';

export const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

export interface SweepCounts {
  sessions: number;
  rateLimits: number;
}

/**
 * Deletes expired sessions and ended rate-limit windows: once at start, then every ten minutes
 * (docs/operations.md). The timer does not keep the process alive; a failed sweep is logged and
 * the next one tries again. Several instances on one database may all sweep: deleting is idempotent.
 */
export function startHousekeeping(deps: {
  store: { sessions: SessionRepo; rateLimits: RateLimitRepo };
  log: Logger;
  everyMs?: number;
  now?: () => Date;
}): { sweep(): Promise<SweepCounts | null>; stop(): void } {
  const now = deps.now ?? (() => new Date());
  let running: Promise<SweepCounts | null> | null = null;
  const sweep = () => {
    running ??= (async () => {
      try {
        const at = now();
        const counts = {
          sessions: await deps.store.sessions.prune(at),
          rateLimits: await deps.store.rateLimits.prune(at),
        };
        if (counts.sessions || counts.rateLimits) deps.log.info(counts, 'housekeeping: expired rows deleted');
        return counts;
      } catch (err) {
        deps.log.warn({ err }, 'housekeeping: sweep failed; the next one tries again');
        return null;
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void sweep(), deps.everyMs ?? HOUSEKEEPING_EVERY_MS);
  timer.unref();
  void sweep();
  return { sweep, stop: () => clearInterval(timer) };
}
