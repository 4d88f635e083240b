import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { safeNext } from './auth.js';
import { isLanguage } from './i18n.js';
import { LANG_COOKIE } from './locals.js';

export function pageRoutes(deps: Pick<AppDeps, 'config' | 'log' | 'store'>): Router {
  const router = Router();

  router.get('/', (_req, res) => res.render('home'));

  /** The language switcher: plain links, so it works without JavaScript; the choice is remembered for a year. */
  router.get('/lang/:code', (req, res) => {
    const code = req.params.code;
    const next = safeNext(req.query.next, '/');
    if (!isLanguage(code)) return res.redirect(303, next);
    res.cookie(LANG_COOKIE, code, {
      maxAge: 365 * 24 * 3600 * 1000,
      sameSite: 'lax',
      httpOnly: true,
      secure: deps.config.PUBLIC_URL.startsWith('https:'),
    });
    res.redirect(303, next);
  });

  router.get('/healthz', (_req, res) => res.json({ status: 'ok' }));

  router.get('/readyz', async (_req, res) => {
    try {
      await deps.store.ping();
      res.json({ status: 'ready', store: deps.store.kind });
    } catch (err) {
      deps.log.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', store: deps.store.kind });
    }
  });

  return router;
}
