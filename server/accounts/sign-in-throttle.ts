import { rateKey } from '../rate-key.js';
import type { RateLimitRepo } from '../store/store.js';

/**
 * How failed sign-ins slow down (docs/operations.md, "Sign-in and rate limits"). Only failures
 * count, never successes; the owner of an account is never locked out from another address.
 */
export const SIGN_IN_POLICY = {
  /** Failures of one account from one address before any delay. */
  freeFailures: 5,
  /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  /** The failures of an account from an address are forgotten an hour after the first one. */
  pairWindowMs: 60 * 60_000,
  /** Failures from one address for any accounts (guessing many accounts, credential stuffing). */
  addressFailures: 100,
  addressWindowMs: 15 * 60_000,
};
export type SignInPolicy = typeof SIGN_IN_POLICY;

/** The wait after `failures` failures of one account from one address, before the next try. */
export function delayAfter(failures: number, policy: SignInPolicy = SIGN_IN_POLICY): number {
  const beyond = failures - policy.freeFailures;
  if (beyond < 0) return 0;
  return Math.min(policy.firstDelayMs * 2 ** beyond, policy.maxDelayMs);
}

export interface SignInThrottle {
  /**
   * Called before the password is checked. Returns the milliseconds this (account, address) pair
   * must still wait (the attempt is refused), or 0: then the attempt is counted as a failure in
   * advance, so a burst of parallel guesses cannot all slip past the check together.
   */
  begin(email: string, address: string): Promise<number>;
  /** The password was wrong: counts the failure against the address too. */
  failed(email: string, address: string): Promise<void>;
  /** The password was right: the pair's failures (this attempt included) are forgotten. */
  succeeded(email: string, address: string): Promise<void>;
}

export function createSignInThrottle(deps: {
  limits: RateLimitRepo;
  enabled: boolean;
  clock?: () => Date;
  policy?: SignInPolicy;
}): SignInThrottle {
  const now = deps.clock ?? (() => new Date());
  const policy = deps.policy ?? SIGN_IN_POLICY;
  const pairKey = (email: string, address: string) => rateKey('signin-pair', email.trim().toLowerCase(), address);
  const addressKey = (address: string) => rateKey('signin-address', address);
  return {
    async begin(email, address) {
      if (!deps.enabled) return 0;
      const at = now();
      const key = pairKey(email, address);
      const [pair, fromAddress] = await Promise.all([
        deps.limits.get(key, at),
        deps.limits.get(addressKey(address), at),
      ]);
      const pairWait = pair ? pair.lastAt.getTime() + delayAfter(pair.count, policy) - at.getTime() : 0;
      const addressWait =
        fromAddress && fromAddress.count >= policy.addressFailures ? fromAddress.resetAt.getTime() - at.getTime() : 0;
      const wait = Math.max(0, pairWait, addressWait);
      if (wait > 0) return wait;
      const counted = await deps.limits.hit(key, at, policy.pairWindowMs);
      // Attempts that passed the check together: beyond the free ones, only the first goes on.
      const raced = counted.count !== (pair?.count ?? 0) + 1;
      return raced && counted.count > policy.freeFailures ? delayAfter(counted.count - 1, policy) : 0;
    },
    async failed(_email, address) {
      if (!deps.enabled) return;
      await deps.limits.hit(addressKey(address), now(), policy.addressWindowMs);
    },
    async succeeded(email, address) {
      if (!deps.enabled) return;
      await deps.limits.reset(pairKey(email, address));
    },
  };
}
