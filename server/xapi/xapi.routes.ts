import express, { type Request, type Response, type Router } from 'express';
import { AppError, BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.js';
import { authFailureLimiter } from './auth-failures.js';
import { documentRoutes } from './documents.routes.js';
import { LearnerTokenError } from './learner-token-service.js';
import type { LrsPrincipal } from './lrs-client-service.js';
import { agentKeyFromParam } from './statement-params.js';
import type { UnitGrant } from './unit-grant.js';
import type { XapiServices } from './xapi-services.js';
import { statementRoutes } from './statements.routes.js';
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
  opts: { rateLimit: boolean; versions?: readonly XapiVersion[] },
): Router {
  const versions = opts.versions ?? ['2.0.0', '1.0.3'];
  const latest = versions[0] ?? '2.0.0';
  const router = express.Router();
  const failures = authFailureLimiter({ limit: 30, windowMs: 15 * 60 * 1000, enabled: opts.rateLimit });
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
  router.use(express.raw({ type: () => true, limit: '50mb' }));

  async function authenticate(req: Request, x: XapiRequest): Promise<LrsPrincipal> {
    const address = req.ip ?? 'unknown';
    if (failures.blocked(address)) throw new TooManyFailuresError();
    const header = x.headers.authorization ?? '';
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (bearer?.[1]) return learnerPrincipal(bearer[1], address);
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    const decoded = m?.[1] ? Buffer.from(m[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const user = colon > 0 ? decoded.slice(0, colon) : '';
    const principal =
      user === UNIT_USER
        ? ((await services.units?.verify(decoded.slice(colon + 1))) ?? null)
        : colon > 0
          ? await services.clients.authenticateBasic(user, decoded.slice(colon + 1))
          : null;
    if (!principal) {
      if (header) failures.fail(address);
      const error = new UnauthorizedError('lrs_unauthorized', 'Valid LRS client credentials are required.');
      // A Basic challenge makes a browser's fetch() wait on a login prompt (a headless one, forever):
      // script requests from pages (content, AUs) get a plain 401.
      throw fromScript(req) ? error : withChallenge(error);
    }
    return principal;
  }

  /** An expired token is routine (a tab left open), so only forged tokens count as failures. */
  function learnerPrincipal(token: string, address: string): LrsPrincipal {
    try {
      return services.learnerTokens.principal(services.learnerTokens.verify(token));
    } catch (err) {
      if (err instanceof LearnerTokenError && err.code === 'lrs_token_invalid') failures.fail(address);
      throw err instanceof LearnerTokenError ? withChallenge(err, 'Bearer realm="Praxis LRS"') : err;
    }
  }

  router.use(async (req: Request, res: Response) => {
    const x = normaliseRequest({
      method: req.method,
      query: req.query as Record<string, unknown>,
      headers: req.headers,
      body: Buffer.isBuffer(req.body) ? req.body : undefined,
    });
    // AUs join the launch's endpoint (which ends in /) and '/statements': /xapi//statements is /xapi/statements.
    const resource = req.path.replace(/\/{2,}/g, '/').replace(/\/+$/, '') || '/';
    const byMethod = handlers[resource];
    if (!byMethod) throw new NotFoundError('xapi_resource_not_found', `No xAPI resource at ${resource}.`);
    const method = x.method === 'HEAD' ? 'GET' : x.method;
    const handler = byMethod[method];
    if (!handler) {
      res.set('Allow', Object.keys(byMethod).join(', '));
      throw new AppError(405, 'method_not_allowed', `${x.method} is not allowed on ${resource}.`);
    }
    // /about needs no version header; every other request names one and is answered in it.
    const asked = x.headers['x-experience-api-version'];
    const version = resource === '/about' && !asked ? latest : negotiateVersion(asked, versions);
    res.set('X-Experience-API-Version', version);
    if (x.alternate && version === '2.0.0') {
      throw new BadRequestError(
        'alternate_syntax_removed',
        'xAPI 2.0 removed the alternate request syntax (POST ?method=...).',
      );
    }
    const principal = resource === '/about' ? ANONYMOUS : await authenticate(req, x);
    if (principal?.learner && !(resource === '/statements' && (method === 'PUT' || method === 'POST'))) {
      throw new ForbiddenError(
        'learner_token_write_only',
        'A learner token may only send statements (PUT or POST /xapi/statements); it cannot read statements or use the document resources.',
      );
    }
    if (principal?.unit) {
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
    await handler({ req: x, principal, res, version, versions });
  });
  return router;
}
