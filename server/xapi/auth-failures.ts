/**
 * Counts failed LRS authentications per address in a sliding window, so guessing secrets is slow.
 * In memory and per process, like the other rate limits (DESIGN.md section 10).
 */
export function authFailureLimiter(opts: { limit: number; windowMs: number; enabled: boolean }) {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((t) => t > now - opts.windowMs);
  return {
    blocked(key: string, now = Date.now()): boolean {
      return opts.enabled && recent(key, now).length >= opts.limit;
    },
    fail(key: string, now = Date.now()): void {
      if (!opts.enabled) return;
      if (failures.size > 10_000) failures.clear();
      failures.set(key, [...recent(key, now), now]);
    },
  };
}
