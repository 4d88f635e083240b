import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { AppError, BadRequestError, ForbiddenError } from '../errors.js';
import type { LrsPrincipal } from '../xapi/lrs-client-service.js';

/** The scope an administrator grants an LRS client to use the LMS API (docs/packages.md). */
export const LMS_SCOPE = 'cmi5/lms';

const Actor = z.object({
  objectType: z.literal('Agent').optional(),
  name: z.string().max(200).optional(),
  account: z.object({ homePage: z.url().max(500), name: z.string().min(1).max(200) }),
});
const LaunchBody = z.object({
  au: z.number().int().min(0),
  actor: Actor,
  registration: z.uuid().optional(),
  launchMode: z.enum(['Normal', 'Browse', 'Review']).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,8}(-[a-z0-9]{1,8})*$/i)
    .optional(),
  returnURL: z.url().max(2000).optional(),
});
const WaiveBody = z.object({ au: z.number().int().min(0), reason: z.string().trim().min(1).max(500) });
const Slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(100);

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new BadRequestError(
      'invalid_request',
      r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return r.data;
}

/**
 * The cmi5 LMS API for integrations (and the CATAPULT suite's adapter): import a package, ask for a
 * launch URL for any actor and registration, waive an AU, abandon a session. Stateless, before the
 * session middleware: an LRS client's Basic credentials with the `cmi5/lms` scope, which only an
 * administrator grants (Administration → LRS clients, or `npm run lrs-client`).
 */
export function cmi5LmsRoutes(deps: Pick<AppDeps, 'xapi' | 'packages' | 'cmi5' | 'config'>): Router {
  const router = Router();
  const maxBytes = deps.config.PACKAGE_MAX_MB * 1024 ** 2;

  router.use(async (req, res, next) => {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.get('authorization') ?? '');
    const decoded = m?.[1] ? Buffer.from(m[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const principal: LrsPrincipal | null =
      colon > 0 ? await deps.xapi.clients.authenticateBasic(decoded.slice(0, colon), decoded.slice(colon + 1)) : null;
    if (!principal) {
      throw new AppError(401, 'lms_api_unauthorized', 'LRS client credentials with the cmi5/lms scope are required.', {
        challenge: 'Basic realm="Praxis LMS API"',
      });
    }
    if (!principal.scopes.has(LMS_SCOPE))
      throw new ForbiddenError('scope_missing', 'This client lacks the cmi5/lms scope, which an administrator grants.');
    res.locals.lmsClient = principal.clientId;
    next();
  });

  /** The package, streamed to a temporary file (never held in memory), refused past PACKAGE_MAX_MB. */
  async function receive(req: Request): Promise<string> {
    const dir = join(deps.config.DATA_DIR, 'packages', '.uploads');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `api-${randomUUID()}`);
    let seen = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        seen += chunk.length;
        cb(
          seen > maxBytes
            ? new AppError(413, 'package_too_large', `The package is larger than ${deps.config.PACKAGE_MAX_MB} MB.`)
            : null,
          chunk,
        );
      },
    });
    try {
      await pipeline(req, limit, createWriteStream(file));
    } catch (err) {
      rmSync(file, { force: true });
      throw err;
    }
    return file;
  }

  router.post('/courses', async (req, res) => {
    const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const xml = type === 'text/xml' || type === 'application/xml';
    if (!xml && type !== 'application/zip' && type !== 'application/x-zip-compressed')
      throw new AppError(
        415,
        'package_type_unsupported',
        'Send a package as application/zip, or a cmi5 course structure alone as text/xml.',
      );
    const file = await receive(req);
    try {
      const opts = { by: null, publish: req.query.publish !== 'false' };
      const result = xml
        ? await deps.packages.importCourseStructure(file, opts)
        : await deps.packages.importZip(file, opts);
      res.status(201).json(result);
    } finally {
      rmSync(file, { force: true });
    }
  });

  router.post('/courses/:slug/launch-url', express.json({ limit: '20kb' }), async (req, res) => {
    const slug = parse(Slug, req.params.slug);
    const body = parse(LaunchBody, req.body);
    const launch = await deps.cmi5.launchFor({ ...body, slug, auIndex: body.au });
    res.set('Cache-Control', 'no-store').json({
      url: launch.url,
      registration: launch.registration,
      sessionId: launch.sessionId,
      activityId: launch.activityId,
      launchMethod: launch.ownWindow ? 'OwnWindow' : 'AnyWindow',
    });
  });

  router.post('/registrations/:registration/waive', express.json({ limit: '5kb' }), async (req, res) => {
    const registration = parse(z.uuid(), req.params.registration);
    const body = parse(WaiveBody, req.body);
    const sessionId = await deps.cmi5.waiveFor({
      registration,
      auIndex: body.au,
      reason: body.reason,
      by: typeof res.locals.lmsClient === 'string' ? res.locals.lmsClient : null,
    });
    res.json({ sessionId });
  });

  router.post('/sessions/:sessionId/abandon', async (req, res) => {
    await deps.cmi5.abandonSession(parse(z.uuid(), req.params.sessionId));
    res.status(204).end();
  });

  return router;
}
