import { ipKeyGenerator } from 'express-rate-limit';
import type { Request, RequestHandler } from 'express';
import { rateKey } from '../rate-key.js';
import type { RateLimitRepo } from '../store/store.js';
import { TooManyRequestsError } from './security.js';

/** The address a limit counts: the client IP (after `trust proxy`), IPv6 grouped by its /56 prefix. */
export const addressOf = (req: Request): string => ipKeyGenerator(req.ip ?? 'unknown');

/**
 * A fixed-window request limit whose counters live in the store, so every instance on one
 * database shares it. Counts every request it sees (use it for forms, not for sign-in failures).
 * Answers 429 with Retry-After and the IETF RateLimit headers once the limit is passed.
 */
export function limiter(opts: {
  name: string;
  limits: RateLimitRepo;
  enabled: boolean;
  windowMs: number;
  limit: number;
  /** Counts per this value (e.g. the e-mail in the form) instead of per address; skipped when undefined. */
  key?: (req: Request) => string | undefined;
}): RequestHandler {
  if (!opts.enabled) return (_req, _res, next) => next();
  const policy = `"${opts.name}";q=${opts.limit};w=${Math.round(opts.windowMs / 1000)}`;
  return (req, res, next) => {
    const who = opts.key ? opts.key(req) : addressOf(req);
    if (who === undefined) return next();
    const now = new Date();
    opts.limits.hit(rateKey(opts.name, who), now, opts.windowMs).then((counter) => {
      const seconds = Math.max(1, Math.ceil((counter.resetAt.getTime() - now.getTime()) / 1000));
      res.set('RateLimit-Policy', policy);
      res.set('RateLimit', `"${opts.name}";r=${Math.max(0, opts.limit - counter.count)};t=${seconds}`);
      if (counter.count <= opts.limit) return next();
      res.set('Retry-After', String(seconds));
      next(new TooManyRequestsError());
    }, next);
  };
}

export const emailFromBody = (req: Request): string | undefined => {
  const email = (req.body as Record<string, unknown> | undefined)?.email;
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : undefined;
};
