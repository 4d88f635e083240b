import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.js';

/** Rate-limit counters: the same behaviour on every adapter (issue 10, item 16). */
export function rateLimitsContract(name: string, open: () => Promise<Store>) {
  describe(`rate-limit counters: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    const t0 = new Date('2026-12-04T06:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);

    it('counts hits in a window that starts with the first hit and keeps its end', async () => {
      expect(await store.rateLimits.hit('k', t0, 60_000)).toEqual({ count: 1, resetAt: at(60_000), lastAt: t0 });
      expect(await store.rateLimits.hit('k', at(10_000), 60_000)).toEqual({
        count: 2,
        resetAt: at(60_000),
        lastAt: at(10_000),
      });
      expect(await store.rateLimits.get('k', at(20_000))).toEqual({
        count: 2,
        resetAt: at(60_000),
        lastAt: at(10_000),
      });
      expect(await store.rateLimits.get('other', at(20_000))).toBeNull();
    });

    it('starts a new window at 1 once the old one has ended', async () => {
      await store.rateLimits.hit('k', t0, 60_000);
      await store.rateLimits.hit('k', at(1000), 60_000);

      expect(await store.rateLimits.get('k', at(60_000))).toBeNull();
      expect(await store.rateLimits.hit('k', at(60_000), 60_000)).toEqual({
        count: 1,
        resetAt: at(120_000),
        lastAt: at(60_000),
      });
    });

    it('loses no hit when many arrive at once', async () => {
      const counts = await Promise.all(Array.from({ length: 40 }, () => store.rateLimits.hit('busy', t0, 60_000)));

      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect((await store.rateLimits.get('busy', t0))?.count).toBe(40);
    });

    it('keeps keys apart, resets one, and prunes only ended windows', async () => {
      await store.rateLimits.hit('a', t0, 1000);
      await store.rateLimits.hit('b', t0, 60_000);
      await store.rateLimits.hit('c', t0, 60_000);
      await store.rateLimits.reset('c');

      expect(await store.rateLimits.get('c', t0)).toBeNull();
      expect(await store.rateLimits.prune(at(1000))).toBe(1);
      expect(await store.rateLimits.get('a', t0)).toBeNull();
      expect((await store.rateLimits.get('b', at(1000)))?.count).toBe(1);
      expect(await store.rateLimits.prune(at(1000))).toBe(0);
    });
  });
}
