import helmet from 'helmet';
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

export class TooManyRequestsError extends AppError {
  constructor() {
    super(429, 'too_many_requests', 'Too many attempts. Please wait a few minutes and try again.');
  }
}
