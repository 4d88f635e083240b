import { stringifyJson } from '../ledger/json-text.js';
import { Router, type Request, type Response } from 'express';
import { once } from 'node:events';
import type { AppDeps } from '../deps.js';
import { FieldError } from '../accounts/account-service.js';
import { requireRole } from '../http/auth.js';
import { parseForm, type FieldErrors } from '../http/forms.js';
import { NotFoundError } from '../errors.js';
import { ViewerQuery, StatementIdParam, type ViewerInput } from './lrs-admin.schema.js';
import { VIEWER_VERBS, type Selection } from './statement-viewer-service.js';

const FILTERS = ['learner', 'verb', 'course', 'since', 'until'] as const;

/** The statement viewer, its NDJSON export of the same selection, and one statement in full. */
export function statementViewerRoutes(deps: Pick<AppDeps, 'catalogue' | 'lrsAdmin' | 'log'>): Router {
  const router = Router();
  const { viewer } = deps.lrsAdmin;
  router.use('/admin/lrs', requireRole('admin'));

  const filterParams = (input: Record<string, unknown>) =>
    new URLSearchParams(
      FILTERS.flatMap((k) => (typeof input[k] === 'string' && input[k] !== '' ? [[k, input[k] as string]] : [])),
    );

  const renderPage = (
    res: Response,
    status: number,
    values: Record<string, unknown>,
    errors: FieldErrors,
    extra: Record<string, unknown> = {},
  ) => {
    const known = deps.catalogue.list(res.locals.lang);
    res.status(status).render('lrsadmin/statements', {
      values,
      errors,
      hasErrors: Object.keys(errors).length > 0,
      verbs: VIEWER_VERBS.map((v) => ({ value: v, selected: values.verb === v })),
      courses: known.map((c) => ({ slug: c.slug, title: c.title.value, selected: values.course === c.slug })),
      // A course given by its activity IRI (an external tool's) stays selectable.
      otherCourse:
        typeof values.course === 'string' && values.course !== '' && !known.some((c) => c.slug === values.course)
          ? values.course
          : null,
      // Results first: the filters fold away unless something in them needs fixing.
      activeFilters: FILTERS.filter((k) => typeof values[k] === 'string' && values[k] !== '').length,
      filtersOpen: Object.keys(errors).length > 0,
      ...extra,
    });
  };

  /** Parses the filters into a selection, or answers 422 with the form and what is wrong. */
  const selectionOf = async (
    req: Request,
    res: Response,
  ): Promise<{ input: ViewerInput; selection: Selection } | null> => {
    const form = parseForm(ViewerQuery, req.query);
    if (!form.ok) {
      renderPage(res, 422, req.query, form.errors);
      return null;
    }
    try {
      return { input: form.data, selection: await viewer.selection(form.data) };
    } catch (err) {
      if (err instanceof FieldError) {
        renderPage(res, 422, req.query, { [err.field]: err.key });
        return null;
      }
      throw err;
    }
  };

  router.get('/admin/lrs/statements', async (req, res) => {
    const parsed = await selectionOf(req, res);
    if (!parsed) return;
    const page = await viewer.page(parsed.selection, parsed.input.after as number | undefined);
    const params = filterParams(req.query);
    const next =
      page.nextSeq === null
        ? null
        : `/admin/lrs/statements?${new URLSearchParams([...params, ['after', String(page.nextSeq)]])}`;
    renderPage(
      res,
      200,
      req.query,
      {},
      {
        rows: page.rows,
        next,
        firstPage: parsed.input.after ? `/admin/lrs/statements?${params}` : null,
        exportLink: `/admin/lrs/statements/export?${params}`,
      },
    );
  });

  router.get('/admin/lrs/statements/export', async (req, res) => {
    const parsed = await selectionOf(req, res);
    if (!parsed) return;
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    res.set({
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="praxis-statements-${stamp}.ndjson"`,
      'Cache-Control': 'no-store',
    });
    try {
      for await (const statements of viewer.export(parsed.selection)) {
        if (res.destroyed) return; // the administrator went away: stop reading pages
        if (statements.length > 0 && !res.write(statements.map((s) => `${stringifyJson(s)}\n`).join('')))
          await once(res, 'drain');
      }
      res.end();
    } catch (err) {
      // Once lines have gone out no error page can follow: cut the download so it is visibly incomplete.
      if (!res.headersSent) throw err;
      deps.log.error({ err, reqId: req.id }, 'statement export failed mid-stream');
      res.destroy(err as Error);
    }
  });

  router.get('/admin/lrs/statements/:id', async (req, res) => {
    const { id } = StatementIdParam.parse(req.params);
    const found = await viewer.statement(id.toLowerCase());
    if (!found) throw new NotFoundError('statement_not_found', 'No such statement.');
    res.render('lrsadmin/statement', {
      row: found.row,
      voided: found.voided,
      statementJson: stringifyJson(found.statement, 2),
    });
  });

  return router;
}
