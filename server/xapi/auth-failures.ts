import { rateKey } from '../rate-key.js';
import type { RateLimitRepo } from '../store/store.js';

/**
 * Counts failed LRS authentications per (address, credential) in the store, so guessing a secret
 * is slow on every instance, while one broken or hostile client cannot shut out the valid clients
 * behind the same address (a proxy, a school network). The credential is the Basic user (the
 * client key) or, for tokens, the token itself (docs/operations.md, "Sign-in and rate limits").
 */
export function authFailureLimiter(opts: {
  limits: RateLimitRepo;
  limit: number;
  windowMs: number;
  enabled: boolean;
  clock?: () => Date;
}) {
  const now = opts.clock ?? (() => new Date());
  const key = (address: string, credential: string) => rateKey('lrs-auth', address, credential);
  return {
    async blocked(address: string, credential: string): Promise<boolean> {
      if (!opts.enabled) return false;
      const counter = await opts.limits.get(key(address, credential), now());
      return !!counter && counter.count >= opts.limit;
    },
    async fail(address: string, credential: string): Promise<void> {
      if (!opts.enabled) return;
      await opts.limits.hit(key(address, credential), now(), opts.windowMs);
    },
  };
}
