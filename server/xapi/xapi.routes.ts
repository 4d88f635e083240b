import express, { type Request, type Response, type Router } from 'express';
import { AppError, BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.js';
import { addressOf } from '../http/rate-limit.js';
import { hasBody, readBody } from '../http/read-body.js';
import { authFailureLimiter } from './auth-failures.js';
import { documentRoutes } from './documents.routes.js';
import { LearnerTokenError } from './learner-token-service.js';
import type { LrsPrincipal } from './lrs-client-service.js';
import { agentKeyFromParam } from './statement-params.js';
import type { UnitGrant } from './unit-grant.js';
import type { XapiServices } from './xapi-services.js';
import { statementRoutes } from './statements.routes.js';
import {
  type LrsLimits,
  limitsOf,
  RateLimitedError,
  rateKeyOf,
  requestRateLimiter,
  type XapiLimitDefaults,
} from './xapi-limits.js';
import { normaliseRequest, type XapiRequest } from './xapi-request.js';
import { negotiateVersion, versionLine, type XapiVersion } from './xapi-version.js';

/** The user name of a launched unit's Basic credentials (`cmi5:<token>`, the cmi5 fetch URL's auth-token). */
export const UNIT_USER = 'cmi5';

/** A unit's token reaches only its own statements, state and learner (cmi5 spec, section 11). */
function unitMayUse(unit: UnitGrant, resource: string, method: string, q: Record<string, string>): void {
  const own = (p: string | undefined) => {
    try {
      return p !== undefined && agentKeyFromParam(p) === unit.agentKey;
    } catch {
      return false;
    }
  };
  if (resource === '/agents/profile' && q.agent === undefined)
    throw new BadRequestError('agent_required', 'The agent parameter is required.');
  const ok =
    (resource === '/statements' && (method === 'PUT' || method === 'POST')) ||
    (resource === '/activities/state' &&
      q.activityId === unit.activityId &&
      own(q.agent) &&
      (q.registration ?? '').toLowerCase() === unit.registration) ||
    (resource === '/agents/profile' && (method === 'GET' || unit.document !== undefined) && own(q.agent)) ||
    (resource === '/activities' && method === 'GET');
  if (!ok)
    throw new ForbiddenError(
      'unit_token_scope',
      "A launched unit may only send its statements, use its own state and read its learner's preferences.",
    );
}
const CORS_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, X-Requested-With',
  'Access-Control-Expose-Headers':
    'ETag, Last-Modified, Content-Type, X-Experience-API-Version, X-Experience-API-Consistent-Through',
  'Access-Control-Max-Age': '600',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

export interface XapiContext {
  req: XapiRequest;
  principal: LrsPrincipal;
  /** What this principal may send (xapi-limits.ts). */
  limits: LrsLimits;
  res: Response;
  version: XapiVersion;
  versions: readonly XapiVersion[];
}
export type XapiHandler = (ctx: XapiContext) => Promise<void>;

function withChallenge<E extends AppError>(err: E, challenge = 'Basic realm="Praxis LRS"'): E {
  (err as { details?: Record<string, unknown> }).details = { challenge };
  return err;
}

/** A request made by a page's script (fetch, XHR), not typed into the address bar nor sent by a tool. */
const fromScript = (req: Request) => {
  const mode = req.get('sec-fetch-mode');
  return mode !== undefined ? mode !== 'navigate' : req.get('origin') !== undefined;
};

/** A header's one value (a repeated header's values joined, as normaliseRequest does). */
const x1 = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);

/** The most an alternate-syntax form without an Authorization header may carry before it is authenticated. */
const ALTERNATE_FORM_LIMIT = 1024 * 1024;

/** /about answers GET only; a stray body there is at most this. */
const ABOUT_BODY_LIMIT = 1024;

/** Who calls /about: it needs no credentials, and this principal may do nothing else. */
const ANONYMOUS: LrsPrincipal = { clientId: null, scopes: new Set(), authority: {} };

class TooManyFailuresError extends AppError {
  constructor() {
    super(429, 'too_many_failed_logins', 'Too many failed authentications; wait a few minutes.');
  }
}

/**
 * The LRS. Mounted before sessions and body parsers: it reads its own bodies (JSON, multipart/mixed,
 * the alternate request syntax) and authenticates every request itself.
 */
export function xapiRoutes(
  services: XapiServices,
  opts: { rateLimit: boolean; versions?: readonly XapiVersion[]; limits: XapiLimitDefaults },
): Router {
  const versions = opts.versions ?? ['2.0.0', '1.0.3'];
  const latest = versions[0] ?? '2.0.0';
  const router = express.Router();
  const failures = authFailureLimiter({
    limits: services.rateLimits,
    limit: 30,
    windowMs: 15 * 60 * 1000,
    enabled: opts.rateLimit,
  });
  const rate = requestRateLimiter({ limits: services.rateLimits, enabled: opts.rateLimit });
  const handlers: Record<string, Record<string, XapiHandler>> = {
    ...statementRoutes(services),
    ...documentRoutes(services),
  };

  router.use((req, res, next) => {
    // Answer in the request's version; when it names none (or an unknown one), in the newest enabled.
    const line = versionLine(req.get('x-experience-api-version'));
    res.set('X-Experience-API-Version', line && versions.includes(line) ? line : latest);
    res.set('Access-Control-Allow-Origin', req.get('origin') ?? '*');
    res.set('Vary', 'Origin');
    // Writes are synchronous with the response, so everything stored so far is visible now.
    res.set('X-Experience-API-Consistent-Through', new Date().toISOString());
    res.set(CORS_HEADERS);
    // Answers depend on who asks and change with every write: a browser must not reuse one (a
    // cached learner-preferences read would hide from the LMS that a cmi5 AU read them).
    res.set('Cache-Control', 'no-store');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  });
  /** Who is calling, from an Authorization header value; a 401 (or 429) before any body is read. */
  async function authenticate(req: Request, header: string): Promise<LrsPrincipal> {
    const address = addressOf(req);
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    const decoded = m?.[1] ? Buffer.from(m[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const user = colon > 0 ? decoded.slice(0, colon) : '';
    // Failures count per address and credential: the client key, or the token itself.
    const token = bearer?.[1];
    const credential = token ? `bearer:${token}` : user === UNIT_USER ? `unit:${decoded}` : `basic:${user}`;
    if (await failures.blocked(address, credential)) throw new TooManyFailuresError();
    if (token) return learnerPrincipal(token, address, credential);
    const principal =
      user === UNIT_USER
        ? ((await services.units?.verify(decoded.slice(colon + 1))) ?? null)
        : colon > 0
          ? await services.clients.authenticateBasic(user, decoded.slice(colon + 1))
          : null;
    if (!principal) {
      if (header) await failures.fail(address, credential);
      const error = new UnauthorizedError('lrs_unauthorized', 'Valid LRS client credentials are required.');
      // A Basic challenge makes a browser's fetch() wait on a login prompt (a headless one, forever):
      // script requests from pages (content, AUs) get a plain 401.
      throw fromScript(req) ? error : withChallenge(error);
    }
    return principal;
  }

  /** An expired token is routine (a tab left open), so only forged tokens count as failures. */
  async function learnerPrincipal(token: string, address: string, credential: string): Promise<LrsPrincipal> {
    try {
      const grant = services.learnerTokens.verify(token);
      await services.learnerTokens.checkAccount(grant);
      return services.learnerTokens.principal(grant);
    } catch (err) {
      if (err instanceof LearnerTokenError && err.code === 'lrs_token_invalid')
        await failures.fail(address, credential);
      throw err instanceof LearnerTokenError ? withChallenge(err, 'Bearer realm="Praxis LRS"') : err;
    }
  }

  function findHandler(resource: string, method: string, res: Response): XapiHandler {
    const byMethod = handlers[resource];
    if (!byMethod) throw new NotFoundError('xapi_resource_not_found', `No xAPI resource at ${resource}.`);
    const handler = byMethod[method === 'HEAD' ? 'GET' : method];
    if (!handler) {
      res.set('Allow', Object.keys(byMethod).join(', '));
      throw new AppError(405, 'method_not_allowed', `${method} is not allowed on ${resource}.`);
    }
    return handler;
  }

  /**
   * Credentials first, body second: a request without valid credentials is answered 401 before its
   * body is read, and an authenticated one may send only as much as its principal's limits allow.
   * The alternate request syntax (1.0.3) carries its credentials inside its form body, so without an
   * Authorization header that form is read under a small limit before authenticating.
   */
  async function serve(req: Request, res: Response): Promise<void> {
    // AUs join the launch's endpoint (which ends in /) and '/statements': /xapi//statements is /xapi/statements.
    const resource = req.path.replace(/\/{2,}/g, '/').replace(/\/+$/, '') || '/';
    const alternate = req.query.method !== undefined;
    const header = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    let version = latest;
    if (!alternate) {
      findHandler(resource, req.method, res);
      // /about needs no version header; every other request names one and is answered in it.
      const asked = x1(req.headers['x-experience-api-version']);
      version = resource === '/about' && !asked ? latest : negotiateVersion(asked, versions);
      res.set('X-Experience-API-Version', version);
    } else if (!handlers[resource]) findHandler(resource, 'POST', res);
    let principal: LrsPrincipal | null =
      resource === '/about' ? ANONYMOUS : !alternate || header ? await authenticate(req, header) : null;
    // /about is read anonymously and takes no body: it gets no room for one.
    const limits = principal && principal !== ANONYMOUS ? limitsOf(principal, opts.limits) : null;
    if (principal && limits) await rate.hit(rateKeyOf(principal), limits.requestsPerMinute);
    const body = await readBody(
      req,
      limits?.bodyBytes ?? (principal === ANONYMOUS ? ABOUT_BODY_LIMIT : ALTERNATE_FORM_LIMIT),
    );
    const x = normaliseRequest({
      method: req.method,
      query: req.query as Record<string, unknown>,
      headers: req.headers,
      body,
    });
    const handler = findHandler(resource, x.method, res);
    if (alternate) {
      const asked = x.headers['x-experience-api-version'];
      version = resource === '/about' && !asked ? latest : negotiateVersion(asked, versions);
      res.set('X-Experience-API-Version', version);
      if (version === '2.0.0')
        throw new BadRequestError(
          'alternate_syntax_removed',
          'xAPI 2.0 removed the alternate request syntax (POST ?method=...).',
        );
      const inForm = x.headers.authorization ?? '';
      if (resource !== '/about' && (!principal || inForm !== header)) {
        principal = await authenticate(req, inForm);
        await rate.hit(rateKeyOf(principal), limitsOf(principal, opts.limits).requestsPerMinute);
      }
    }
    if (!principal) {
      const error = new UnauthorizedError('lrs_unauthorized', 'Valid LRS client credentials are required.');
      throw fromScript(req) ? error : withChallenge(error);
    }
    if (principal.learner && !(resource === '/statements' && (x.method === 'PUT' || x.method === 'POST'))) {
      throw new ForbiddenError(
        'learner_token_write_only',
        'A learner token may only send statements (PUT or POST /xapi/statements); it cannot read statements or use the document resources.',
      );
    }
    const method = x.method === 'HEAD' ? 'GET' : x.method;
    if (principal.unit) {
      unitMayUse(principal.unit, resource, method, x.params);
      if (resource === '/activities/state' || resource === '/agents/profile')
        await principal.unit.document?.({
          resource,
          method,
          params: x.params,
          contentType: x.contentType,
          body: x.body,
        });
    }
    await handler({ req: x, principal, limits: limits ?? limitsOf(principal, opts.limits), res, version, versions });
  }

  router.use(async (req: Request, res: Response) => {
    try {
      await serve(req, res);
    } catch (err) {
      // Refused before its body was read: close the connection rather than drain what is left of it.
      if (!req.complete && hasBody(req)) res.set('Connection', 'close');
      if (err instanceof RateLimitedError) res.set('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
  });
  return router;
}
