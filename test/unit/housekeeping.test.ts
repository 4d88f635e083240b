import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEDGER_HOOKS } from '../../server/container.js';
import { HOUSEKEEPING_EVERY_MS, startHousekeeping } from '../../server/housekeeping.js';
import { createLogger } from '../../server/log.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';

const MINUTE = 60_000;

describe('housekeeping (issue 10, item 15)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-04T06:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prunes expired sessions and ended rate-limit windows on a schedule, by the clock', async () => {
    const store = openSqliteStore(':memory:', LEDGER_HOOKS);
    const in_ = (ms: number) => new Date(Date.now() + ms);
    await store.sessions.set('short', '{}', in_(5 * MINUTE));
    await store.sessions.set('long', '{}', in_(25 * MINUTE));
    await store.rateLimits.hit('window', new Date(), 15 * MINUTE);
    const housekeeping = startHousekeeping({ store, log: createLogger('silent') });
    const alive = async () => ({
      short: !!(await store.sessions.get('short', new Date(0))),
      long: !!(await store.sessions.get('long', new Date(0))),
      window: !!(await store.rateLimits.get('window', new Date(0))),
    });

    await vi.advanceTimersByTimeAsync(HOUSEKEEPING_EVERY_MS - 1);
    expect(await alive()).toEqual({ short: true, long: true, window: true });
    await vi.advanceTimersByTimeAsync(1); // 10 minutes: the 5-minute session has expired
    expect(await alive()).toEqual({ short: false, long: true, window: true });
    await vi.advanceTimersByTimeAsync(HOUSEKEEPING_EVERY_MS); // 20 minutes: the 15-minute window has ended
    expect(await alive()).toEqual({ short: false, long: true, window: false });
    await vi.advanceTimersByTimeAsync(HOUSEKEEPING_EVERY_MS);
    expect(await alive()).toEqual({ short: false, long: false, window: false });

    housekeeping.stop();
    await store.close();
  });

  it('logs a failed sweep and keeps its schedule', async () => {
    const store = openSqliteStore(':memory:', LEDGER_HOOKS);
    const log = createLogger('silent');
    const warn = vi.spyOn(log, 'warn');
    await store.close();

    const housekeeping = startHousekeeping({ store, log, everyMs: MINUTE });
    await vi.advanceTimersByTimeAsync(2 * MINUTE);

    expect(warn).toHaveBeenCalledTimes(3); // at start, then after each minute
    housekeeping.stop();
  });
});
