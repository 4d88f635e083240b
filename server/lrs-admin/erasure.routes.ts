import { Router, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { FieldError } from '../accounts/account-service.js';
import { currentUser, requireRole } from '../http/auth.js';
import { parseForm, type FieldErrors } from '../http/forms.js';
import type { UserRecord } from '../store/store.js';
import { ErasureConfirm, ErasureLookup, UserIdParam } from './lrs-admin.schema.js';

/** Erasure of one learner: look them up by e-mail, then confirm by typing the e-mail again. */
export function erasureRoutes(deps: Pick<AppDeps, 'lrsAdmin'>): Router {
  const router = Router();
  const { erasure } = deps.lrsAdmin;
  router.use('/admin/erasure', requireRole('admin'));

  const renderLookup = (res: Response, status: number, email: unknown, errors: FieldErrors = {}, done = false) =>
    res.status(status).render('lrsadmin/erasure', {
      email: typeof email === 'string' ? email : '',
      errors,
      hasErrors: Object.keys(errors).length > 0,
      done,
    });
  const renderConfirm = (res: Response, status: number, learner: UserRecord, errors: FieldErrors = {}) =>
    res
      .status(status)
      .render('lrsadmin/erasure-confirm', { learner, errors, hasErrors: Object.keys(errors).length > 0 });

  router.get('/admin/erasure', async (req, res) => {
    if (req.query.email === undefined) return renderLookup(res, 200, '', {}, req.query.done === '1');
    const form = parseForm(ErasureLookup, req.query);
    if (!form.ok) return renderLookup(res, 422, req.query.email, form.errors);
    try {
      renderConfirm(res, 200, await erasure.find(form.data.email));
    } catch (err) {
      if (err instanceof FieldError) return renderLookup(res, 422, req.query.email, { [err.field]: err.key });
      throw err;
    }
  });

  router.post('/admin/erasure/:id', async (req, res) => {
    const { id } = UserIdParam.parse(req.params);
    const learner = await erasure.require(id);
    const form = parseForm(ErasureConfirm, req.body);
    if (!form.ok) return renderConfirm(res, 422, learner, form.errors);
    try {
      await erasure.erase(currentUser(req), id, form.data.confirm);
    } catch (err) {
      if (err instanceof FieldError) return renderConfirm(res, 422, learner, { [err.field]: err.key });
      throw err;
    }
    res.redirect(303, '/admin/erasure?done=1');
  });

  return router;
}
