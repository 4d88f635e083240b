import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { AppError, NotFoundError } from '../errors.js';
import type { i18n } from 'i18next';
import type { Logger } from '../log.js';
import { applyLocals } from './locals.js';

export const wantsProblemJson = (req: Request) =>
  req.path.startsWith('/api/') || req.path === '/api' || req.path.startsWith('/xapi');

export const notFound: RequestHandler = (_req, _res, next) =>
  next(new NotFoundError('page_not_found', 'This page does not exist.'));

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
  extra?: Record<string, unknown>;
}

function toProblem(err: unknown, req: Request): Problem | null {
  const t = req.t ?? ((k: string) => k);
  if (err instanceof AppError) {
    return { status: err.status, code: err.code, detail: err.message, extra: err.details };
  }
  if (err instanceof ZodError) {
    return {
      status: 400,
      code: 'invalid_input',
      detail: 'The request is not valid.',
      errors: err.issues.map((i) => ({ path: i.path.join('.'), message: t(i.message) })),
    };
  }
  const e = err as { type?: string; status?: number; statusCode?: number; expose?: boolean; message?: string };
  const status = e.status ?? e.statusCode;
  // body-parser and friends: malformed JSON, too large, unsupported charset
  if (status && status >= 400 && status < 500 && e.expose) {
    return { status, code: e.type ?? 'bad_request', detail: e.message ?? 'Bad request.' };
  }
  return null;
}

/** One error handler: problem+json for /api and /xapi, an error page in the user's language elsewhere. */
export function errorHandler(log: Logger, i18n: i18n, programmeName: string): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (!req.t) applyLocals(req, res, i18n, programmeName);
    const known = toProblem(err, req);
    const errorId = randomUUID();
    const problem = known ?? { status: 500, code: 'internal_error', detail: 'Something went wrong on our side.' };
    if (!known) log.error({ err, errorId, reqId: req.id }, 'unhandled error');
    // Shedding load is the plan working, not a fault: one short line, not a stack per refused sign-in.
    else if (problem.code === 'overloaded') log.warn({ errorId, reqId: req.id, code: problem.code }, 'shed under load');
    else if (problem.status >= 500) log.error({ err, errorId }, 'server error');
    if (res.headersSent) return res.end();
    if (err instanceof AppError && err.status === 401 && err.details?.challenge) {
      res.set('WWW-Authenticate', String(err.details.challenge));
    }
    if (err instanceof AppError && typeof err.details?.retryAfter === 'number') {
      res.set('Retry-After', String(err.details.retryAfter));
    }
    if (wantsProblemJson(req)) {
      res
        .status(problem.status)
        .type('application/problem+json')
        .json({
          type: `about:blank`,
          title: problem.code,
          status: problem.status,
          detail: problem.detail,
          errorId,
          ...(problem.errors ? { errors: problem.errors } : {}),
        });
      return;
    }
    const t = req.t ?? ((k: string) => k);
    res.status(problem.status).render('error', {
      title: t(`errors:title.${problem.status}`, { defaultValue: t('errors:title.generic') }),
      message: t(`errors:code.${problem.code}`, {
        ...problem.extra,
        defaultValue: known ? problem.detail : t('errors:code.internal_error'),
      }),
      status: problem.status,
      errors: problem.errors,
      errorId,
    });
  };
}
