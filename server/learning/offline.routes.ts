import { Router } from 'express';
import { join } from 'node:path';
import type { AppDeps } from '../deps.js';
import { currentUser, requireUser } from '../http/auth.js';
import { texts } from './learning-views.js';
import { CourseParams } from './learning.schema.js';
import { offlinePlan } from './offline-plan.js';

/**
 * The service worker and the app manifest need no session: mounted with the static files. The
 * worker is served from the root so its scope covers every page (Service-Worker-Allowed), and it
 * is revalidated on every load so a new release reaches learners at once.
 */
export function offlineStaticRoutes(root: string): Router {
  const router = Router();
  router.get('/sw.js', (_req, res) => {
    res.sendFile(join(root, 'public', 'js', 'sw.js'), {
      headers: {
        'Service-Worker-Allowed': '/',
        'Cache-Control': 'no-cache',
        'Content-Type': 'text/javascript; charset=utf-8',
      },
    });
  });
  return router;
}

export function offlineRoutes(deps: Pick<AppDeps, 'catalogue' | 'learning' | 'root' | 'config'>): Router {
  const router = Router();
  const { catalogue, learning } = deps;

  /** Installable as an app; names in the visitor's language. */
  router.get('/manifest.webmanifest', (req, res) => {
    res
      .type('application/manifest+json')
      .set('Cache-Control', 'public, max-age=86400')
      .send(
        JSON.stringify({
          name: deps.config.PROGRAMME_NAME,
          short_name: req.t('common:appName'),
          description: req.t('learning:offline.appDescription'),
          lang: req.lang,
          dir: res.locals.dir,
          start_url: '/my',
          scope: '/',
          display: 'standalone',
          background_color: '#ffffff',
          theme_color: '#0b4f8a',
          icons: [
            { src: '/public/img/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
            { src: '/public/img/icon-192.png', sizes: '192x192', type: 'image/png' },
            { src: '/public/img/icon-512.png', sizes: '512x512', type: 'image/png' },
          ],
        }),
      );
  });

  /** What "make available offline" will download, with its size, for an enrolled learner. */
  router.get('/courses/:slug/offline.json', requireUser, async (req, res) => {
    const { slug } = CourseParams.parse(req.params);
    const course = catalogue.get(slug);
    await learning.requireProgress(currentUser(req), slug);
    res.set('Cache-Control', 'private, no-store').json(offlinePlan(course, req.lang, deps.root));
  });

  /** Stands in, on the device, for every page of the course that was not saved: quizzes above all. */
  router.get('/offline/:slug', requireUser, (req, res) => {
    const { slug } = CourseParams.parse(req.params);
    const course = catalogue.get(slug);
    const t = texts(course, req.lang);
    res.set('Cache-Control', 'private, no-cache');
    res.render('learning/offline', {
      title: req.t('learning:offline.pageTitle'),
      slug,
      courseTitle: t(course.manifest.title),
    });
  });

  return router;
}
