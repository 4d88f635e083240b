import { Router, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { currentUser, requireRole } from '../http/auth.js';
import { packageDir } from './package-course.js';
import { PackageRefused } from './package-service.js';

const SlugParam = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(100),
});
const VersionParam = SlugParam.extend({ version: z.coerce.number().int().min(1).max(100_000) });
const WaiveForm = z.object({
  email: z.email().max(254),
  unit: z
    .string()
    .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/)
    .max(200),
  reason: z.string().trim().min(3).max(500),
});

/**
 * The upload is streamed to disk by multer (never held in memory), and only an administrator's:
 * mounted before the CSRF check (which reads the token from the parsed multipart body) but after
 * the role check, so nobody else can make the server receive a file.
 */
export function packageUpload(deps: Pick<AppDeps, 'config'>): RequestHandler[] {
  const dir = join(deps.config.DATA_DIR, 'packages', '.uploads');
  const upload = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, cb) => {
        mkdirSync(dir, { recursive: true });
        cb(null, dir);
      },
    }),
    limits: { fileSize: deps.config.PACKAGE_MAX_MB * 1024 ** 2, files: 1, fields: 5, fieldSize: 10_000 },
  }).single('package');
  const tooLarge: RequestHandler = (req, res, next) =>
    upload(req, res, (err?: unknown) => {
      if ((err as { code?: string } | undefined)?.code === 'LIMIT_FILE_SIZE') {
        return next(
          new AppError(413, 'package_too_large', `The package is larger than ${deps.config.PACKAGE_MAX_MB} MB.`),
        );
      }
      next(err as Error | undefined);
    });
  return [requireRole('admin'), tooLarge];
}

export function packageAdminRoutes(
  deps: Pick<AppDeps, 'packages' | 'catalogue' | 'config' | 'cmi5' | 'accounts'>,
): Router {
  const router = Router();
  router.use('/admin/packages', requireRole('admin'));

  const renderCourses = (res: Response, status: number, extra: Record<string, unknown> = {}) => {
    res.status(status).render('admin/courses', {
      title: res.locals.t('courses:admin.title'),
      loaded: deps.catalogue
        .list(res.locals.lang)
        .map((c) => ({ slug: c.slug, title: c.title, package: deps.catalogue.get(c.slug).package })),
      broken: deps.catalogue.broken(),
      maxMb: deps.config.PACKAGE_MAX_MB,
      ...extra,
    });
  };

  // The courses the catalogue serves (from the courses folder and imported), the broken ones, and the upload.
  router.get('/admin/courses', requireRole('admin'), (_req, res) => renderCourses(res, 200));

  router.post('/admin/packages', async (req, res) => {
    const file = req.file;
    if (!file) return renderCourses(res, 422, { problems: [res.locals.t('packages:noFile')] });
    try {
      const r = await deps.packages.importZip(file.path, {
        by: currentUser(req).id,
        publish: (req.body as { publish?: string }).publish === 'yes',
      });
      res.redirect(303, `/admin/packages/${r.slug}?imported=${r.version}`);
    } catch (err) {
      if (!(err instanceof PackageRefused)) throw err;
      renderCourses(res, 422, { problems: err.problems });
    } finally {
      rmSync(file.path, { force: true });
    }
  });

  router.get('/admin/packages/:slug', async (req, res) => {
    const { slug } = SlugParam.parse(req.params);
    const versions = await deps.packages.versions(slug);
    if (versions.length === 0) throw new AppError(404, 'package_not_found', 'No such course package.');
    const course = deps.catalogue.find(slug);
    res.render('packages/versions', {
      title: Object.values(versions[0]!.title)[0] ?? slug,
      slug,
      versions,
      waived: req.query.waived === '1',
      units:
        course?.package?.kind === 'cmi5'
          ? course.modules.flatMap((m) =>
              m.lessons.map((l) => ({ value: `${m.id}/${l.id}`, title: Object.values(l.title)[0] ?? l.id })),
            )
          : [],
      imported: typeof req.query.imported === 'string' ? req.query.imported : null,
      published: req.query.published === '1',
    });
  });

  router.post('/admin/packages/:slug/waive', async (req, res) => {
    const { slug } = SlugParam.parse(req.params);
    const form = WaiveForm.safeParse(req.body);
    const learner = form.success ? await deps.accounts.findByEmail(form.data.email) : null;
    if (!form.success || !learner)
      throw new AppError(
        422,
        'waive_invalid',
        "Give the learner's e-mail, the unit and a reason of at least three characters.",
      );
    const [moduleId, lessonId] = form.data.unit.split('/') as [string, string];
    await deps.cmi5.waive(currentUser(req), learner, slug, moduleId, lessonId, form.data.reason);
    res.redirect(303, `/admin/packages/${slug}?waived=1`);
  });

  router.post('/admin/packages/:slug/versions/:version/publish', async (req, res) => {
    const { slug, version } = VersionParam.parse(req.params);
    await deps.packages.publish(slug, version);
    res.redirect(303, `/admin/packages/${slug}?published=1`);
  });

  return router;
}

/** The CSP of package content: its own scripts and styles, framed only by Praxis (shared with the SCORM run-time files). */
export function contentCsp(config: Pick<AppDeps['config'], 'PUBLIC_URL'>, origin: string): string {
  return [
    "default-src 'self' data: blob:",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${config.PUBLIC_URL} ${origin}`,
    `frame-ancestors 'self' ${config.PUBLIC_URL} ${origin}`,
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Package content: its own scripts and styles, so its own CSP, never Praxis's session (mounted
 * before the session middleware), immutable caching (the version is in the path), Range requests
 * for audio and video (send's own), only files under the version's folder.
 */
export function contentRoutes(deps: Pick<AppDeps, 'config'>): Router {
  const router = Router();
  const { config } = deps;
  const csp = (origin: string) => contentCsp(config, origin);
  router.get('/content/:slug/:version/*path', (req, res, next) => {
    const parsed = VersionParam.safeParse(req.params);
    const rest = ([] as string[]).concat((req.params as { path?: string | string[] }).path ?? []);
    if (!parsed.success || rest.some((p) => p === '..' || p.startsWith('.'))) return next();
    res.removeHeader('X-Frame-Options');
    // The LRS the AU talks to is the address the learner used (PUBLIC_URL or, behind a proxy, the request's).
    res.set({
      'Content-Security-Policy': csp(`${req.protocol}://${req.get('host')}`),
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    });
    res.sendFile(
      rest.join('/'),
      {
        root: packageDir(config.DATA_DIR, parsed.data.slug, parsed.data.version),
        dotfiles: 'deny',
        maxAge: '365d',
        immutable: true,
        acceptRanges: true,
      },
      (err) => {
        if (err) next((err as { status?: number }).status === 404 ? undefined : err);
      },
    );
  });
  return router;
}

/** Where a version's files are served: the separate content origin when configured. */
export const contentBase = (config: AppDeps['config'], slug: string, version: number) =>
  `${config.CONTENT_ORIGIN ?? ''}/content/${slug}/${version}/`;
