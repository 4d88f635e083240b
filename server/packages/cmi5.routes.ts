import { Router, json } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { currentUser, requireUser } from '../http/auth.js';
import { texts } from '../learning/learning-views.js';
import type { Cmi5Runtime } from './cmi5-runtime.js';

const PlayParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(100),
  moduleId: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(100),
  lessonId: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(100),
});
const FetchParams = z.object({ sessionId: z.uuid() });

export const playHref = (slug: string, moduleId: string, lessonId: string) =>
  `/courses/${slug}/play/${moduleId}/${lessonId}`;

/**
 * The fetch URL is called by the AU itself, from its own origin (a sandboxed frame has none):
 * no session, no CSRF token, CORS open; the single-use token in the URL is the credential.
 */
export function cmi5FetchRoutes(runtime: Cmi5Runtime): Router {
  const router = Router();
  router.options('/cmi5/fetch/:sessionId', (_req, res) => {
    res
      .set({
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Content-Type',
      })
      .status(204)
      .end();
  });
  router.post('/cmi5/fetch/:sessionId', json({ limit: '1kb' }), async (req, res) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' });
    const params = FetchParams.safeParse(req.params);
    const token = typeof req.query.t === 'string' ? req.query.t : '';
    const result = params.success
      ? await runtime.fetch(params.data.sessionId, token)
      : { ok: false as const, code: '2' as const, text: 'No such launch session.' };
    if (result.ok) return void res.json({ 'auth-token': result.authToken });
    // cmi5 8.2.2.0-3: the fetch URL answers 200 even with an error; the error is in the body.
    res.json({ 'error-code': result.code, 'error-text': result.text });
  });
  return router;
}

/** The AU's page in Praxis: what it is, where the learner stands, and the launch. */
export function cmi5Routes(deps: Pick<AppDeps, 'catalogue' | 'learning'>, runtime: Cmi5Runtime): Router {
  const router = Router();
  const { catalogue, learning } = deps;

  router.get('/courses/:slug/play/:moduleId/:lessonId', requireUser, async (req, res) => {
    const { slug, moduleId, lessonId } = PlayParams.parse(req.params);
    const course = catalogue.get(slug);
    const lesson = catalogue.lesson(course, moduleId, lessonId);
    const progress = await learning.progressOf(currentUser(req), slug);
    if (!progress) return res.redirect(303, `/courses/${slug}`);
    const t = texts(course, req.lang);
    res.render('packages/play', {
      title: t(lesson.title)!.value,
      slug,
      courseTitle: t(course.manifest.title),
      lessonTitle: t(lesson.title),
      done: progress.doneLessons.some((l) => l.moduleId === moduleId && l.lessonId === lessonId),
      action: `${playHref(slug, moduleId, lessonId)}/launch`,
      returned: req.query.returned === '1',
    });
  });

  router.post('/courses/:slug/play/:moduleId/:lessonId/launch', requireUser, async (req, res) => {
    const { slug, moduleId, lessonId } = PlayParams.parse(req.params);
    const launch = await runtime.launch(
      currentUser(req),
      slug,
      moduleId,
      lessonId,
      req.lang,
      `${req.protocol}://${req.get('host')}`,
    );
    if (launch.ownWindow) return res.redirect(303, launch.url);
    const course = catalogue.get(slug);
    const t = texts(course, req.lang);
    const lesson = catalogue.lesson(course, moduleId, lessonId);
    res.set('Cache-Control', 'no-store').render('packages/frame', {
      title: t(lesson.title)!.value,
      slug,
      src: launch.url,
      lessonTitle: t(lesson.title)!.value,
      back: playHref(slug, moduleId, lessonId),
      layout: 'main',
    });
  });

  return router;
}
