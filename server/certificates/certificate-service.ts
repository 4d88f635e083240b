import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import type { CertificateRecord, Store, UserRecord } from '../store/store.js';
import { normaliseCode } from './certificate-code.js';
import { renderCertificatePdf, type CertificatePage } from './certificate-pdf.js';
import { certificateLanguage, courseTitleIn, hoursText, longDate, RTL, type Translate } from './certificate-text.js';

export interface CertificateServiceDeps {
  store: Store;
  publicUrl: string;
  programme: string;
  translate: Translate;
  clock?: () => Date;
}

/** What the public verification page may show: name, course, date and status, nothing more. */
export type Verification =
  | { status: 'unknown' }
  | {
      status: 'valid' | 'revoked';
      code: string;
      learnerName: string;
      courseSlug: string;
      courseTitle: string;
      completedAt: Date;
      revokedAt: Date | null;
      revokedReason: string | null;
    };

// Never issued: the alphabet has no U. Malformed input is looked up as this, so it costs what an unknown code costs.
const NEVER_ISSUED = '0000-0000-0000-000U';

export function createCertificateService(deps: CertificateServiceDeps) {
  const { store } = deps;
  const now = deps.clock ?? (() => new Date());
  const t = deps.translate;

  const requireOwn = async (user: UserRecord, id: string) => {
    const cert = await store.certificates.findById(id);
    // Someone else's certificate is "not found", so ids of other learners' certificates are not confirmed.
    if (!cert || cert.userId !== user.id) throw new NotFoundError('certificate_not_found', 'No such certificate.');
    return cert;
  };
  const requireValidOwn = async (user: UserRecord, id: string) => {
    const cert = await requireOwn(user, id);
    if (cert.revokedAt) throw new ForbiddenError('certificate_revoked', 'This certificate has been revoked.');
    return cert;
  };
  const requireAny = async (id: string) => {
    const cert = await store.certificates.findById(id);
    if (!cert) throw new NotFoundError('certificate_not_found', 'No such certificate.');
    return cert;
  };

  return {
    requireValidOwn,
    listForLearner: (user: UserRecord) => store.certificates.listForUser(user.id),

    /** The printable page in the learner's language if the course has it. */
    page(cert: CertificateRecord, wanted: string | undefined): CertificatePage {
      const lang = certificateLanguage(cert, wanted);
      const verifyUrl = `${deps.publicUrl}/verify/${cert.code}`;
      return {
        lang,
        direction: RTL.has(lang) ? 'rtl' : 'ltr',
        programme: deps.programme,
        heading: t(lang, 'certificates:pdf.heading'),
        certifies: t(lang, 'certificates:pdf.certifies'),
        learnerName: cert.learnerName,
        completed: t(lang, 'certificates:pdf.completed'),
        courseTitle: courseTitleIn(cert, lang),
        details: t(lang, 'certificates:pdf.details', {
          date: longDate(cert.completedAt, lang),
          hours: hoursText(cert.hours, lang),
        }),
        codeLine: t(lang, 'certificates:pdf.code', { code: cert.code }),
        verifyUrl,
        verifyHint: t(lang, 'certificates:pdf.verifyHint'),
      };
    },

    async pdf(user: UserRecord, id: string, wanted: string | undefined) {
      const cert = await requireValidOwn(user, id);
      return { cert, body: await renderCertificatePdf(this.page(cert, wanted)) };
    },

    /** The public code of a certificate by its id (credential and activity ids resolve to the verify page). */
    async codeOf(id: string): Promise<string | null> {
      return (await store.certificates.findById(id))?.code ?? null;
    },

    /** Same work and the same answer for malformed and unknown codes. */
    async verifyCode(input: unknown, lang: string): Promise<Verification> {
      const code = normaliseCode(input);
      const cert = await store.certificates.findByCode(code ?? NEVER_ISSUED);
      return cert ? verificationOf(cert, lang) : { status: 'unknown' };
    },

    async search(q: string | undefined): Promise<{ cert: CertificateRecord; email: string | null }[]> {
      const query = q?.trim() ?? '';
      const code = normaliseCode(query);
      let certs: CertificateRecord[];
      if (code) certs = [await store.certificates.findByCode(code)].filter((c): c is CertificateRecord => !!c);
      else if (query.includes('@')) {
        const user = await store.users.findByEmail(query);
        certs = user ? await store.certificates.listForUser(user.id) : [];
      } else certs = await store.certificates.list({ limit: 50 });
      return Promise.all(
        certs.map(async (cert) => ({ cert, email: (await store.users.findById(cert.userId))?.email ?? null })),
      );
    },

    async revoke(admin: UserRecord, id: string, reason: string): Promise<CertificateRecord> {
      const cert = await requireAny(id);
      if (cert.revokedAt)
        throw new ConflictError('certificate_already_revoked', 'This certificate is already revoked.');
      const at = now();
      const revoked = (await store.certificates.revoke(id, { at, by: admin.id, reason }))!;
      await store.audit.append({
        at,
        actorId: admin.id,
        action: 'certificate.revoked',
        targetType: 'certificate',
        targetId: id,
        details: { code: cert.code, reason },
      });
      return revoked;
    },

    async reinstate(admin: UserRecord, id: string, note = ''): Promise<CertificateRecord> {
      const cert = await requireAny(id);
      if (!cert.revokedAt) throw new ConflictError('certificate_not_revoked', 'This certificate is not revoked.');
      const reinstated = (await store.certificates.reinstate(id))!;
      await store.audit.append({
        at: now(),
        actorId: admin.id,
        action: 'certificate.reinstated',
        targetType: 'certificate',
        targetId: id,
        details: { code: cert.code, note, previousReason: cert.revokedReason },
      });
      return reinstated;
    },

    history: (id: string) => store.audit.list({ targetType: 'certificate', targetId: id, limit: 20 }),
  };
}

export function verificationOf(cert: CertificateRecord, lang: string): Verification {
  return {
    status: cert.revokedAt ? 'revoked' : 'valid',
    code: cert.code,
    learnerName: cert.learnerName,
    courseSlug: cert.courseSlug,
    courseTitle: courseTitleIn(cert, lang),
    completedAt: cert.completedAt,
    revokedAt: cert.revokedAt,
    revokedReason: cert.revokedReason,
  };
}

export type CertificateService = ReturnType<typeof createCertificateService>;
