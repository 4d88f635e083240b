import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError, NotFoundError } from '../../errors.js';
import { currentUser, requireUser } from '../../http/auth.js';
import type { CatalogueService } from '../../courses/catalogue-service.js';
import type { ScormRuntime } from './scorm-runtime-service.js';
import { playerView } from './scorm-player-view.js';
import { SCORM_AGAIN_FILES, scormAgainFile } from './scorm-again-files.js';

export interface ScormRouteDeps {
  runtime: ScormRuntime;
  publicUrl: string;
  /** The iframe's sandbox tokens: `allow-same-origin` only when content has its own origin. */
  sandbox: string;
  /** The course title in the learner's language (the catalogue's choice of fallback). */
  courseTitle: (title: Record<string, string>, lang: string) => string;
  catalogue: Pick<CatalogueService, 'find'>;
  /** Set when package content has its own origin: the player page lets its frame load from there. */
  contentOrigin?: string;
}

const RUNTIME_SCRIPT: Record<string, string> = { '1.2': 'scorm12.min.js' };

const Slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(100);
const PlayParams = z.object({ slug: Slug });
const PlayQuery = z.object({ sco: z.string().max(200).optional().catch(undefined) });
const LessonParams = z.object({ slug: Slug, moduleId: z.string().max(100), lessonId: z.string().max(100) });
const LaunchBody = z.strictObject({
  course: Slug,
  sco: z.string().min(1).max(200),
  newAttempt: z.boolean().optional(),
});

/**
 * Commits come as JSON from our own page (fetch keepalive on unload). The session cookie is SameSite=Lax
 * and cross-site pages cannot send JSON without CORS; an Origin header, when the browser sends one, must be ours.
 */
function requireOwnOrigin(req: Request, publicUrl: string) {
  const origin = req.get('origin');
  const own = [new URL(publicUrl).origin, `${req.protocol}://${req.get('host')}`];
  if (origin && !own.includes(origin))
    throw new AppError(403, 'foreign_origin', 'SCORM data is accepted only from Praxis pages.');
}

/** scorm-again's browser files, mounted before /public's static files (which answer 404 for anything they lack). */
export function scormStaticRoutes(): Router {
  const router = Router();
  router.get('/public/vendor/scorm-again/:file', (req, res, next) => {
    const file = String(req.params.file);
    if (!SCORM_AGAIN_FILES.has(file)) return next();
    res.sendFile(scormAgainFile(file), { maxAge: '7d' });
  });
  return router;
}

export function scormRoutes(deps: ScormRouteDeps): Router {
  const router = Router();
  const { runtime } = deps;

  const unitOf = (slug: string, moduleId: string, lessonId: string) => {
    const course = deps.catalogue.find(slug);
    return course?.package?.kind === 'scorm'
      ? (course.package.units.get(`${moduleId}/${lessonId}`) ?? null)
      : undefined;
  };

  // A SCORM course's lessons are its SCOs: the catalogue's lesson links (and the package player's) open them here.
  router.get(
    ['/courses/:slug/modules/:moduleId/lessons/:lessonId', '/courses/:slug/play/:moduleId/:lessonId'],
    (req, res, next) => {
      const p = LessonParams.safeParse(req.params);
      const unit = p.success ? unitOf(p.data.slug, p.data.moduleId, p.data.lessonId) : undefined;
      if (unit === undefined) return next();
      res.redirect(303, `/courses/${p.data?.slug}/play${unit ? `?sco=${encodeURIComponent(unit)}` : ''}`);
    },
  );
  // ...and only the SCO says when it is done: a learner cannot mark a SCORM lesson done by hand.
  router.post('/courses/:slug/modules/:moduleId/lessons/:lessonId/done', (req, _res, next) => {
    const p = LessonParams.safeParse(req.params);
    if (p.success && unitOf(p.data.slug, p.data.moduleId, p.data.lessonId) !== undefined) {
      return next(
        new AppError(409, 'scorm_lesson', 'A SCORM lesson is completed by the course itself, in the player.'),
      );
    }
    next();
  });

  router.get('/courses/:slug/play', requireUser, async (req, res) => {
    const { slug } = PlayParams.parse(req.params);
    const { sco } = PlayQuery.parse(req.query);
    const o = await runtime.overview(currentUser(req), slug).catch((err: unknown) => {
      if (err instanceof NotFoundError && err.code === 'not_enrolled') return null;
      throw err;
    });
    if (!o) return res.redirect(303, `/courses/${slug}`);
    const title = deps.courseTitle(o.course.title, req.lang);
    if (deps.contentOrigin) {
      const policy = String(res.getHeader('Content-Security-Policy') ?? '');
      res.setHeader('Content-Security-Policy', `${policy}; frame-src 'self' ${deps.contentOrigin}`);
    }
    res.render('scorm/player', {
      title,
      courseTitle: title,
      sandbox: deps.sandbox,
      player: playerView({
        course: o.course,
        done: o.done,
        latest: o.latest,
        bar: o.bar,
        current: sco ?? null,
        completed: !!o.enrolment.completedAt,
      }),
      headLinks: [{ rel: 'stylesheet', href: '/public/css/scorm.css' }],
      scripts: [
        `/public/vendor/scorm-again/${RUNTIME_SCRIPT[o.course.manifest.version] ?? 'scorm2004.min.js'}`,
        '/public/js/scorm-player.js',
      ],
    });
  });

  router.post('/api/scorm/launch', requireUser, async (req, res) => {
    requireOwnOrigin(req, deps.publicUrl);
    const body = LaunchBody.parse(req.body);
    const launch = await runtime.launch(currentUser(req), body.course, body.sco, {
      newAttempt: body.newAttempt,
      language: req.lang,
    });
    res.set('Cache-Control', 'no-store').json(launch);
  });

  router.post('/api/scorm/commit', requireUser, async (req, res) => {
    requireOwnOrigin(req, deps.publicUrl);
    const result = await runtime.commit(currentUser(req), req.body, req.lang);
    res.set('Cache-Control', 'no-store').json(result);
  });

  return router;
}
