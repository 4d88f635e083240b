import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import type { AppDeps } from '../deps.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { limiter } from '../http/security.js';
import type { CredentialCheck } from './badge-service.js';
import { CodeInput, CredentialForm } from './certificate.schema.js';

const FIFTEEN_MIN = 15 * 60 * 1000;
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: 512 * 1024, files: 1, fields: 4, fieldSize: 100_000 },
}).single('credentialFile');

/**
 * Parses the credential upload form before the CSRF check (which needs its `_csrf` field).
 * Mounted by app.ts ahead of csrf protection, for this one path only.
 */
export const credentialUpload: RequestHandler = (req, res, next) =>
  upload(req, res, (err?: unknown) =>
    next(err ? new BadRequestError('upload_invalid', 'The file could not be read (at most 512 KB).') : undefined),
  );

/** Public verification, without login: codes, credentials, the issuer profile and its key. */
export function verifyRoutes(deps: Pick<AppDeps, 'badges' | 'catalogue' | 'certificates' | 'config'>): Router {
  const router = Router();
  const { certificates, badges } = deps;
  const limit = limiter({ enabled: deps.config.RATE_LIMIT, windowMs: FIFTEEN_MIN, limit: 60 });

  /** A course translated after the certificate was issued: the viewer still reads its title in their language. */
  const inViewersLanguage = (result: CredentialCheck | null, lang: string): CredentialCheck | null => {
    if (!result || !('courseSlug' in result)) return result;
    const title = (
      deps.catalogue.find(result.courseSlug)?.manifest.title as Partial<Record<string, string>> | undefined
    )?.[lang];
    return title ? { ...result, courseTitle: title } : result;
  };
  const show = (req: Request, res: Response, result: CredentialCheck | null, extra: Record<string, unknown> = {}) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
    res.render('certificates/verify', {
      title: req.t('certificates:verify.title'),
      result: inViewersLanguage(result, req.lang),
      ...extra,
    });
  };

  router.get('/verify', limit, async (req, res) => {
    if (req.query.code === undefined) return show(req, res, null);
    const code = CodeInput.parse(req.query.code);
    show(req, res, await certificates.verifyCode(code, req.lang), { code });
  });

  router.get('/verify/:code', limit, async (req, res) => {
    const code = CodeInput.parse(req.params.code);
    show(req, res, await certificates.verifyCode(code, req.lang), { code });
  });

  router.post('/verify/credential', limit, async (req, res) => {
    const { credential } = CredentialForm.parse(req.body);
    const input = req.file?.buffer ?? credential ?? '';
    show(req, res, await badges.verifyCredential(input, req.lang), { credentialChecked: true });
  });

  router.get('/issuer', (_req, res) => {
    res
      .type('application/ld+json')
      .set('Cache-Control', 'public, max-age=3600')
      .send(JSON.stringify(badges.issuerProfile(), null, 2));
  });

  router.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').json(badges.jwks());
  });

  router.get('/badges/certificate.png', (_req, res) => {
    res.type('image/png').set('Cache-Control', 'public, max-age=86400').send(badges.image());
  });

  // Credential ids and xAPI activity ids of certificates resolve to their public verification page.
  router.get(['/credentials/:id', '/certificates/:id'], async (req, res) => {
    const code = await deps.certificates.codeOf(String(req.params.id));
    if (!code) throw new NotFoundError('certificate_not_found', 'No such certificate.');
    res.redirect(303, `/verify/${code}`);
  });

  return router;
}
