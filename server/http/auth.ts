import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Request, RequestHandler } from 'express';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { Role, UserRecord } from '../store/store.js';
import type { AccountService } from '../accounts/account-service.js';

export function setupPassport(accounts: AccountService): passport.PassportStatic {
  const instance = new passport.Passport();
  instance.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      accounts.authenticate(email, password).then((user) => done(null, user ?? false), done);
    }),
  );
  instance.serializeUser((user, done) => done(null, (user as UserRecord).id));
  return instance as unknown as passport.PassportStatic;
}

/**
 * The signed-in user from the session, as passport.session() would restore it, without building a
 * strategy per request: one lookup by id. A session whose account is gone is signed out.
 */
export function restoreUser(accounts: AccountService): RequestHandler {
  return (req, _res, next) => {
    const login = (req.session as { passport?: { user?: unknown } } | undefined)?.passport;
    if (typeof login?.user !== 'string') return next();
    accounts.findUser(login.user).then((user) => {
      if (user) req.user = user;
      else delete login.user;
      next();
    }, next);
  };
}

export function currentUser(req: Request): UserRecord {
  if (!req.user) throw new UnauthorizedError();
  return req.user;
}

/** Pages send the visitor to sign in and come back; APIs answer 401. */
export const requireUser: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.path.startsWith('/api/')) return next(new UnauthorizedError());
  res.redirect(303, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
};

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    if (!req.user) return requireUser(req, res, next);
    if (!req.user.roles.some((r) => roles.includes(r))) return next(new ForbiddenError());
    next();
  };
}

export const hasRole = (user: UserRecord | undefined, ...roles: Role[]) =>
  !!user && user.roles.some((r) => roles.includes(r));

/** Only same-site relative paths are followed after sign-in (no open redirect). */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : fallback;
}
