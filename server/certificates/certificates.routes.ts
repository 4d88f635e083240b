import { Router, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { currentUser, requireUser } from '../http/auth.js';
import { CertificateIdParam, LanguageQuery } from './certificate.schema.js';
import { myCertificatesView } from './my-certificates.js';

const download = (res: Response, type: string, filename: string, body: Buffer | string) => {
  res.set({
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'private, no-store',
  });
  res.send(body);
};

/** The learner's own certificates: the list, the PDF and the Open Badges credential. */
export function certificateRoutes(deps: Pick<AppDeps, 'badges' | 'certificates'>): Router {
  const router = Router();
  const { certificates, badges } = deps;
  router.use('/my/certificates', requireUser);

  router.get('/my/certificates', async (req, res) => {
    res.render('certificates/mine', {
      title: req.t('certificates:mine.title'),
      certificates: await myCertificatesView(certificates, currentUser(req), req.lang),
    });
  });

  router.get('/my/certificates/:id/certificate.pdf', async (req, res) => {
    const { id } = CertificateIdParam.parse(req.params);
    const { lang } = LanguageQuery.parse(req.query);
    const { cert, body } = await certificates.pdf(currentUser(req), id, lang ?? req.lang);
    download(res, 'application/pdf', `certificate-${cert.courseSlug}-${cert.code}.pdf`, body);
  });

  router.get('/my/certificates/:id/credential.json', async (req, res) => {
    const { id } = CertificateIdParam.parse(req.params);
    const { cert, json } = await badges.credentialJson(currentUser(req), id, req.lang);
    download(res, 'application/json', `open-badge-${cert.courseSlug}-${cert.code}.json`, JSON.stringify(json, null, 2));
  });

  router.get('/my/certificates/:id/badge.png', async (req, res) => {
    const { id } = CertificateIdParam.parse(req.params);
    const { cert, png } = await badges.bakedBadge(currentUser(req), id, req.lang);
    download(res, 'image/png', `open-badge-${cert.courseSlug}-${cert.code}.png`, png);
  });

  return router;
}
