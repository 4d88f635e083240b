import { Router, type Request } from 'express';
import { Readable } from 'node:stream';
import type { AppDeps } from '../deps.js';
import { requireRole } from '../http/auth.js';
import { dashboardTables, csvHeader, csvLine, type Column } from './stats-tables.js';
import { dashboardView } from './stats-view.js';
import { overviewView } from './overview-view.js';
import { StatsQuery, TableParam } from './stats.schema.js';
import { moduleTitles } from './module-titles.js';
import { reportRoutes } from './report.routes.js';

/** The columns of the delivered-sessions CSV export (also driven by the CSV bench). */
export const SESSION_COLUMNS: Column[] = [
  'date',
  'country',
  'town',
  'venue',
  'sessions',
  'girls',
  'boys',
  'other',
  'under13',
  'from13to15',
  'from16to18',
  'over18',
].map((key, i) => ({ key, numeric: i >= 5 }));

export function statsRoutes(
  deps: Pick<AppDeps, 'catalogue' | 'config' | 'courseSlugs' | 'courseTitles' | 'i18n' | 'stats'>,
): Router {
  const router = Router();
  const { stats } = deps;
  const dir = (req: Request) => (req.lang === 'ar' ? 'rtl' : 'ltr') as 'rtl' | 'ltr';
  // Per route, not router.use on a path: requireUser tells /api callers (401) from pages (redirect) by the full path.
  const guard = requireRole('manager', 'admin');

  router.get('/stats', guard, async (req, res) => {
    const q = StatsQuery.parse(req.query);
    const o = await stats.overview(q);
    const overview = overviewView(o, req.t, req.lang, dir(req));
    res.render('stats/dashboard', {
      headLinks: [{ rel: 'stylesheet', href: '/public/css/stats.css' }],
      overview,
      ...dashboardView(
        o.current,
        q,
        req.t,
        req.lang,
        dir(req),
        deps.courseTitles,
        deps.courseSlugs,
        moduleTitles(deps.catalogue, req.lang),
        o.preset,
        Object.fromEntries(overview.figures.map((f) => [f.key, f.delta])),
      ),
    });
  });

  // Before /stats/:file, which would take report.pdf for a table export.
  router.use(reportRoutes(deps));

  // Streamed: rows are written as they are produced, so a large export never sits in memory.
  router.get('/stats/:file', guard, async (req, res) => {
    const m = /^([a-z]+)\.csv$/.exec(String(req.params.file));
    const { table } = TableParam.parse({ table: m?.[1] });
    const q = StatsQuery.parse(req.query);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`praxis-${table}-${stats.periodOf(q).label.replace(/\W+/g, '-')}.csv`);
    const lines = async function* () {
      if (table === 'sessions') {
        yield csvHeader(SESSION_COLUMNS);
        for await (const s of stats.sessionRecords(q))
          yield csvLine(SESSION_COLUMNS, {
            date: s.date,
            country: s.country,
            town: s.town,
            venue: s.venue,
            sessions: s.sessions.join(' '),
            ...s.counts,
          });
        return;
      }
      const found = dashboardTables(
        await stats.dashboard(q),
        req.t,
        req.lang,
        (s) => deps.courseTitles(s, req.lang),
        moduleTitles(deps.catalogue, req.lang),
      ).find((x) => x.name === table)!;
      yield csvHeader(found.columns);
      for (const row of found.rows) yield csvLine(found.columns, row);
    };
    Readable.from(lines()).pipe(res);
  });

  router.get('/api/stats/dashboard', guard, async (req, res) => {
    res.json(await stats.dashboard(StatsQuery.parse(req.query)));
  });

  router.get('/api/stats/tables/:table', guard, async (req, res) => {
    const { table } = TableParam.parse(req.params);
    if (table === 'sessions') {
      const rows = [];
      for await (const s of stats.sessionRecords(StatsQuery.parse(req.query))) rows.push(s);
      return res.json({ table, rows });
    }
    const found = dashboardTables(
      await stats.dashboard(StatsQuery.parse(req.query)),
      req.t,
      req.lang,
      (s) => deps.courseTitles(s, req.lang),
      moduleTitles(deps.catalogue, req.lang),
    ).find((x) => x.name === table)!;
    res.json({ table, columns: found.columns, rows: found.rows });
  });

  return router;
}
