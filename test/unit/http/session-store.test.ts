import type { SessionData } from 'express-session';
import { describe, expect, it, vi } from 'vitest';
import { LEDGER_HOOKS } from '../../../server/container.js';
import { PortSessionStore } from '../../../server/http/session.js';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store.js';

const session = (expires: Date): SessionData => ({ cookie: { expires, originalMaxAge: 1000 } });
const call = (fn: (cb: () => void) => void) => new Promise<void>((resolve) => fn(resolve));

describe('the session store', () => {
  it('moves a rolling session forward at most once per ten minutes, not on every page view', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const store = openSqliteStore(':memory:', LEDGER_HOOKS);
      const touch = vi.spyOn(store.sessions, 'touch');
      const sessions = new PortSessionStore(store.sessions);
      const later = (min: number) => new Date(Date.now() + min * 60_000);

      await call((cb) => sessions.set('sid-1', session(later(60)), cb));
      await call((cb) => sessions.touch('sid-1', session(later(61)), cb));
      vi.advanceTimersByTime(9 * 60_000);
      await call((cb) => sessions.touch('sid-1', session(later(70)), cb));
      vi.advanceTimersByTime(2 * 60_000);
      await call((cb) => sessions.touch('sid-1', session(later(72)), cb));
      await call((cb) => sessions.touch('sid-1', session(later(73)), cb));

      expect(touch).toHaveBeenCalledTimes(1);
      expect(await store.sessions.get('sid-1', new Date(Date.now() + 71 * 60_000))).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
