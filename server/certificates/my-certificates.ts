import { isLanguage, LANGUAGE_NAMES } from '../http/i18n.js';
import type { UserRecord } from '../store/store.js';
import type { CertificateService } from './certificate-service.js';
import { courseTitleIn, PDF_LANGUAGES } from './certificate-text.js';

/** The learner's certificates as "My learning" and /my/certificates list them, with a PDF link per printable language. */
export async function myCertificatesView(certificates: CertificateService, user: UserRecord, lang: string) {
  const list = await certificates.listForLearner(user);
  return list.map((c) => ({
    ...c,
    title: courseTitleIn(c, lang),
    revoked: !!c.revokedAt,
    languages: c.languages
      .filter((l) => PDF_LANGUAGES.has(l) && isLanguage(l))
      .map((code) => ({ code, name: LANGUAGE_NAMES[code as keyof typeof LANGUAGE_NAMES] })),
  }));
}
