import session, { Store as SessionStoreBase, type SessionData } from 'express-session';
import type { RequestHandler } from 'express';
import type { SessionRepo } from '../store/store.js';

export const SESSION_COOKIE = 'praxis.sid';
const TWO_WEEKS_MS = 14 * 24 * 3600 * 1000;
const TOUCH_EVERY_MS = 10 * 60 * 1000;

/** express-session Store over the storage port, so both adapters keep sessions in their database. */
export class PortSessionStore extends SessionStoreBase {
  private readonly touched = new Map<string, number>();

  constructor(private readonly repo: SessionRepo) {
    super();
  }

  override get(sid: string, cb: (err: unknown, session?: SessionData | null) => void): void {
    this.repo.get(sid, new Date()).then((data) => cb(null, data ? (JSON.parse(data) as SessionData) : null), cb);
  }
  override set(sid: string, sess: SessionData, cb?: (err?: unknown) => void): void {
    this.touched.set(sid, Date.now());
    this.repo.set(sid, JSON.stringify(sess), expiryOf(sess)).then(
      () => cb?.(),
      (e) => cb?.(e),
    );
  }
  /**
   * A rolling two-week session moved forward on every request would cost a write per page view. It is
   * moved at most once per TOUCH_EVERY_MS per process; the expiry is then at most that much early.
   */
  override touch(sid: string, sess: SessionData, cb?: () => void): void {
    const now = Date.now();
    const last = this.touched.get(sid);
    if (last !== undefined && now - last < TOUCH_EVERY_MS) {
      cb?.();
      return;
    }
    if (this.touched.size >= 100_000) this.touched.clear();
    this.touched.set(sid, now);
    this.repo.touch(sid, expiryOf(sess)).then(
      () => cb?.(),
      () => cb?.(),
    );
  }
  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.touched.delete(sid);
    this.repo.destroy(sid).then(
      () => cb?.(),
      (e) => cb?.(e),
    );
  }
}

function expiryOf(sess: SessionData): Date {
  const expires = sess.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + TWO_WEEKS_MS);
}

/**
 * The cookie follows the session forward as the store does, at most once per TOUCH_EVERY_MS: a signed-in
 * session that has not moved for that long is marked, which saves it and sends the cookie again with a
 * new two-week expiry. Every other response carries no Set-Cookie (and costs no signature).
 */
export function sessionMiddleware(opts: { repo: SessionRepo; secret: string; secure: boolean }): RequestHandler {
  const base = session({
    name: SESSION_COOKIE,
    secret: opts.secret,
    store: new PortSessionStore(opts.repo),
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: opts.secure, maxAge: TWO_WEEKS_MS },
  });
  return (req, res, next) =>
    base(req, res, (err?: unknown) => {
      const s = req.session as (SessionData & { passport?: unknown; rolledAt?: number }) | undefined;
      if (!err && s?.passport !== undefined) {
        const now = Date.now();
        if (s.rolledAt === undefined || now - s.rolledAt >= TOUCH_EVERY_MS) s.rolledAt = now;
      }
      next(err);
    });
}
