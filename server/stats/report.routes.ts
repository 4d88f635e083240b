import { type Request, Router } from 'express';
import type { AppDeps } from '../deps.js';
import { requireRole } from '../http/auth.js';
import { LANGUAGES } from '../http/i18n.js';
import { renderReportPdf } from './report-pdf.js';
import { reportContent, reportView } from './report-view.js';
import { ReportQuery } from './stats.schema.js';

/** The yearly report, as a page (with print CSS) and as a PDF drawn on the server, in any UI language. */
export function reportRoutes(deps: Pick<AppDeps, 'stats' | 'i18n' | 'courseTitles' | 'config'>): Router {
  const router = Router();
  const guard = requireRole('manager', 'admin');

  const content = async (req: Request) => {
    const { year, lang } = ReportQuery.parse(req.query);
    const language = lang ?? req.lang;
    const y = year ?? new Date().getUTCFullYear() - 1;
    // The same figures as the dashboard shows for that year: one service, one query.
    const d = await deps.stats.dashboard({ period: 'year', year: y });
    const t = deps.i18n.getFixedT(language);
    return { t, c: reportContent(d, y, t, language, deps.courseTitles, deps.config.PROGRAMME_NAME, new Date()) };
  };

  router.get('/stats/report', guard, async (req, res) => {
    const { t, c } = await content(req);
    res.locals.lang = c.lang;
    res.locals.t = t;
    res.locals.dir = c.dir;
    res.render('stats/report', reportView(c, t, LANGUAGES));
  });

  router.get('/stats/report.pdf', guard, async (req, res) => {
    const { t, c } = await content(req);
    const pdf = await renderReportPdf(c, t);
    res.type('application/pdf').attachment(`praxis-report-${c.year}-${c.lang}.pdf`).send(pdf);
  });

  router.get('/api/stats/report', guard, async (req, res) => {
    const { c } = await content(req);
    res.json({ year: c.year, lang: c.lang, figures: c.figures, paragraphs: c.sections.flatMap((s) => s.paragraphs) });
  });

  return router;
}
