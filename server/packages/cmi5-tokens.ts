import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The short-lived tokens of a cmi5 launch (the fetch URL's and the AU's auth token): the session id,
 * an expiry and an HMAC of both for one purpose, so no token store is needed and one purpose's token
 * is never accepted for another.
 */
export function cmi5Tokens(secret: string, ttlMs: number, now: () => Date) {
  const key = createHmac('sha256', secret).update('praxis cmi5 token v1').digest();
  const sign = (purpose: string, sid: string, exp: number) =>
    createHmac('sha256', key).update(`${purpose}.${sid}.${exp}`).digest('base64url');
  return {
    token(purpose: string, sid: string): string {
      const exp = now().getTime() + ttlMs;
      return `${sid}.${exp}.${sign(purpose, sid, exp)}`;
    },
    /** The session id of a valid, unexpired token for this purpose; null otherwise. */
    verify(purpose: string, value: string): string | null {
      const [sid, exp, mac, extra] = value.split('.');
      if (!sid || !exp || !mac || extra !== undefined || Number(exp) <= now().getTime()) return null;
      const given = Buffer.from(mac, 'base64url');
      const expected = Buffer.from(sign(purpose, sid, Number(exp)), 'base64url');
      return given.length === expected.length && timingSafeEqual(given, expected) ? sid : null;
    },
  };
}
