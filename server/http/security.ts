import helmet from 'helmet';
import { csrfSync } from 'csrf-sync';
import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';

export function securityHeaders(publicUrl: string): RequestHandler {
  const https = publicUrl.startsWith('https:');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'object-src': ["'none'"],
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    strictTransportSecurity: https ? undefined : false,
  });
}

/** Synchroniser-token CSRF for every state-changing form; the LRS and token APIs authenticate per request instead. */
export function csrf() {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? req.get('x-csrf-token'),
    skipCsrfProtection: (req) => req.path.startsWith('/xapi') || req.path.startsWith('/api/'),
    errorConfig: {
      statusCode: 403,
      code: 'csrf_invalid',
      message: 'The form has expired or was not sent from this site. Please try again.',
    },
  });
  const protect: RequestHandler = (req, res, next) =>
    csrfSynchronisedProtection(req, res, (err?: unknown) => {
      if (err)
        return next(
          new AppError(403, 'csrf_invalid', 'The form has expired or was not sent from this site. Please try again.'),
        );
      next();
    });
  const exposeToken: RequestHandler = (req, res, next) => {
    Object.defineProperty(res.locals, 'csrfToken', {
      get: () => generateToken(req),
      enumerable: true,
      configurable: true,
    });
    next();
  };
  return { protect, exposeToken };
}

export class TooManyRequestsError extends AppError {
  constructor() {
    super(429, 'too_many_requests', 'Too many attempts. Please wait a few minutes and try again.');
  }
}
