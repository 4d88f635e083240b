import { Router } from 'express';
import { courseCards } from '../courses/course-cards.js';
import { loadIllustrations } from '../courses/illustrations.js';
import type { AppDeps } from '../deps.js';
import { createHomeFigures } from '../home/home-figures.js';
import { safeNext } from './auth.js';
import { isLanguage } from './i18n.js';
import { LANG_COOKIE } from './locals.js';

export function pageRoutes(deps: Pick<AppDeps, 'config' | 'log' | 'store' | 'stats' | 'catalogue' | 'root'>): Router {
  const router = Router();

  const illustrations = loadIllustrations(deps.root);
  const figures = createHomeFigures({ stats: deps.stats });

  router.get('/', async (req, res) => {
    // The story and the courses are worth showing even when the statistics cannot be read.
    const headline = await figures.get().catch((err: unknown) => {
      deps.log.warn({ err }, 'home page figures unavailable');
      return null;
    });
    res.render('home', {
      figures: headline,
      courses: courseCards(deps.catalogue, illustrations, req.lang),
    });
  });

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

  return router;
}
