import { describe, expect, it } from 'vitest';
import { createSignInThrottle, delayAfter, SIGN_IN_POLICY } from '../../server/accounts/sign-in-throttle.js';
import { LEDGER_HOOKS } from '../../server/container.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';

const fakeClock = (start = Date.parse('2026-12-04T06:00:00Z')) => {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
};

describe('sign-in throttle', () => {
  it('lets five failures through, then doubles the wait from 30 s up to 15 minutes', () => {
    expect([0, 4].map((f) => delayAfter(f))).toEqual([0, 0]);
    expect([5, 6, 7, 8, 9, 10, 20].map((f) => delayAfter(f) / 1000)).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });

  it('makes a pair wait after its failures, and lets it try again once the wait is over', async () => {
    const clock = fakeClock();
    const throttle = createSignInThrottle({
      limits: openSqliteStore(':memory:', LEDGER_HOOKS).rateLimits,
      enabled: true,
      clock: clock.now,
    });

    for (let i = 0; i < 5; i++) {
      expect(await throttle.begin('ada@example.org', '203.0.113.7')).toBe(0);
      await throttle.failed('ada@example.org', '203.0.113.7');
    }
    expect(await throttle.begin('Ada@Example.org', '203.0.113.7')).toBe(30_000);
    expect(await throttle.begin('ada@example.org', '198.51.100.1')).toBe(0);
    clock.advance(30_000);
    expect(await throttle.begin('ada@example.org', '203.0.113.7')).toBe(0);
    await throttle.failed('ada@example.org', '203.0.113.7');
    expect(await throttle.begin('ada@example.org', '203.0.113.7')).toBe(60_000);
    // An hour after the first failure the pair starts afresh.
    clock.advance(SIGN_IN_POLICY.pairWindowMs);
    expect(await throttle.begin('ada@example.org', '203.0.113.7')).toBe(0);
  });

  it('lets only the free attempts of a parallel burst through to the password check', async () => {
    const throttle = createSignInThrottle({
      limits: openSqliteStore(':memory:', LEDGER_HOOKS).rateLimits,
      enabled: true,
    });

    const waits = await Promise.all(Array.from({ length: 30 }, () => throttle.begin('ada@example.org', '203.0.113.7')));

    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w > 0)).toHaveLength(25);
  });

  it('holds back an address that fails for many accounts until its window ends', async () => {
    const clock = fakeClock();
    const policy = { ...SIGN_IN_POLICY, addressFailures: 10 };
    const limits = openSqliteStore(':memory:', LEDGER_HOOKS).rateLimits;
    const throttle = createSignInThrottle({ limits, enabled: true, clock: clock.now, policy });

    for (let i = 0; i < 10; i++) await throttle.failed(`user${i}@example.org`, '203.0.113.7');
    clock.advance(60_000);

    expect(await throttle.begin('someone@example.org', '203.0.113.7')).toBe(policy.addressWindowMs - 60_000);
    expect(await throttle.begin('someone@example.org', '198.51.100.1')).toBe(0);
  });

  it('clears the failures of a pair on success, and does nothing when limits are off', async () => {
    const limits = openSqliteStore(':memory:', LEDGER_HOOKS).rateLimits;
    const throttle = createSignInThrottle({ limits, enabled: true });
    for (let i = 0; i < 5; i++) {
      await throttle.begin('ada@example.org', '::1');
      await throttle.failed('ada@example.org', '::1');
    }
    expect(await throttle.begin('ada@example.org', '::1')).toBeGreaterThan(0);
    await throttle.succeeded('ada@example.org', '::1');
    expect(await throttle.begin('ada@example.org', '::1')).toBe(0);
    await throttle.succeeded('ada@example.org', '::1');

    const off = createSignInThrottle({ limits, enabled: false });
    for (let i = 0; i < 9; i++) await off.failed('bob@example.org', '::1');
    expect(await off.begin('bob@example.org', '::1')).toBe(0);
    expect(await limits.prune(new Date(Date.now() + 3600_000))).toBe(1);
  });
});
