import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { currentUser, requireRole } from '../http/auth.js';
import { parseForm, type FieldErrors } from '../http/forms.js';
import { courseTitleIn } from './certificate-text.js';
import { AdminSearchQuery, CertificateIdParam, ReinstateForm, RevokeForm } from './certificate.schema.js';

/** Administrators find certificates by code or learner e-mail, and revoke or reinstate them. */
export function adminCertificateRoutes(deps: Pick<AppDeps, 'certificates'>): Router {
  const router = Router();
  const { certificates } = deps;
  router.use('/admin/certificates', requireRole('admin'));

  const render = async (
    req: Request,
    res: Response,
    status: number,
    q: string | undefined,
    form: { id?: string; errors?: FieldErrors; reason?: string } = {},
  ) => {
    const rows = await certificates.search(q);
    res.status(status).render('certificates/admin', {
      title: req.t('certificates:admin.title'),
      q: q ?? '',
      saved: typeof req.query.saved === 'string' ? req.query.saved : null,
      rows: rows.map(({ cert, email }) => ({
        ...cert,
        email,
        title: courseTitleIn(cert, req.lang),
        revoked: !!cert.revokedAt,
        errors: form.id === cert.id ? form.errors : undefined,
        reason: form.id === cert.id ? form.reason : '',
      })),
    });
  };
  const back = (q: string | undefined, saved: string) =>
    `/admin/certificates?${new URLSearchParams({ ...(q ? { q } : {}), saved })}`;

  router.get('/admin/certificates', async (req, res) => {
    await render(req, res, 200, AdminSearchQuery.parse(req.query).q);
  });

  router.post('/admin/certificates/:id/revoke', async (req, res) => {
    const { id } = CertificateIdParam.parse(req.params);
    const form = parseForm(RevokeForm, req.body);
    const q = typeof req.body?.q === 'string' ? req.body.q : undefined;
    if (!form.ok) return render(req, res, 422, q, { id, errors: form.errors });
    await certificates.revoke(currentUser(req), id, form.data.reason);
    res.redirect(303, back(form.data.q, 'revoked'));
  });

  router.post('/admin/certificates/:id/reinstate', async (req, res) => {
    const { id } = CertificateIdParam.parse(req.params);
    const form = ReinstateForm.parse(req.body);
    await certificates.reinstate(currentUser(req), id, form.note);
    res.redirect(303, back(form.q, 'reinstated'));
  });

  return router;
}
