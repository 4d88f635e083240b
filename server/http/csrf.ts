import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors.js';

/**
 * CSRF protection for every state-changing form, without a stored session for visitors.
 *
 * - A signed-in user has a session anyway: the synchroniser token pattern (csrf-sync), the token
 *   kept in the session.
 * - An anonymous visitor (the sign-in, register, forgot/reset password and credential-check forms)
 *   gets a signed double-submit token instead (OWASP, "Signed Double-Submit Cookie"): a random
 *   nonce in an HttpOnly cookie, and in the form `a.` + HMAC(server secret, nonce). A forged post
 *   cannot read the cookie, so it cannot produce the HMAC; nothing is written to the database.
 *   With an https PUBLIC_URL the cookie is `__Host-` prefixed, so a sibling subdomain cannot plant one.
 *   An anonymous token is accepted only from a visitor who is not signed in, so it can never act
 *   for an account.
 * Why not a session created on form pages: every bot that fetches /signin would then still leave a
 * session row behind (docs/operations.md, "Sign-in and rate limits"; issue 10, item 15).
 *
 * The token is made only when a page prints `{{csrfToken}}` (a view helper), so pages without a
 * form neither set the cookie nor touch the session.
 */
const MESSAGE = 'The form has expired or was not sent from this site. Please try again.';
const IGNORED = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrf(opts: { secret: string; secure: boolean }) {
  const skip = (req: Request) => req.path.startsWith('/xapi') || req.path.startsWith('/api/');
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: tokenOf,
    skipCsrfProtection: skip,
    errorConfig: { statusCode: 403, code: 'csrf_invalid', message: MESSAGE },
  });
  const anonymous = anonymousTokens(opts);
  const refuse = () => new AppError(403, 'csrf_invalid', MESSAGE);

  const protect: RequestHandler = (req, res, next) => {
    if (IGNORED.has(req.method) || skip(req)) return next();
    if (!req.user) return next(anonymous.valid(req, tokenOf(req)) ? undefined : refuse());
    csrfSynchronisedProtection(req, res, (err?: unknown) => next(err ? refuse() : undefined));
  };
  /** `res.locals.csrf()` makes (or reuses) the token of this visitor; views print it with `{{csrfToken}}`. */
  const exposeToken: RequestHandler = (req, res, next) => {
    let token: string | undefined;
    res.locals.csrf = () => {
      res.locals.csrfMade = true; // a page that carries a visitor's token is never reused (page-cache.ts)
      token ??= req.user ? generateToken(req) : anonymous.issue(req, res);
      return token;
    };
    next();
  };
  return { protect, exposeToken };
}

function tokenOf(req: Request): string | undefined {
  const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
  return typeof fromBody === 'string' ? fromBody : req.get('x-csrf-token');
}

export function anonymousTokens(opts: { secret: string; secure: boolean }) {
  const cookie = opts.secure ? '__Host-praxis.csrf' : 'praxis.csrf';
  const key = createHmac('sha256', opts.secret).update('praxis anonymous csrf v1').digest();
  const sign = (nonce: string) => `a.${createHmac('sha256', key).update(nonce).digest('base64url')}`;
  const nonceOf = (req: Request): string | undefined => {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[cookie];
    return typeof value === 'string' && /^[\w-]{22,64}$/.test(value) ? value : undefined;
  };
  return {
    cookie,
    issue(req: Request, res: Response): string {
      let nonce = nonceOf(req);
      if (!nonce) {
        nonce = randomBytes(18).toString('base64url');
        // A browser-session cookie: open forms keep working until the browser is closed.
        res.cookie(cookie, nonce, { httpOnly: true, sameSite: 'lax', secure: opts.secure, path: '/' });
      }
      return sign(nonce);
    },
    valid(req: Request, token: string | undefined): boolean {
      const nonce = nonceOf(req);
      if (!nonce || !token) return false;
      const expected = Buffer.from(sign(nonce));
      const given = Buffer.from(token);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
