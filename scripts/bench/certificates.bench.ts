import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCertificatePdf, type CertificatePage } from '../../server/certificates/certificate-pdf.js';
import { openBadgeCredential, signCredential, verifyCredentialJws } from '../../server/certificates/open-badge.js';
import { loadSigningKey } from '../../server/certificates/signing-key.js';
import { createLogger } from '../../server/log.js';
import type { CertificateRecord } from '../../server/store/store.js';

import type { BenchOptions, BenchRow } from '../bench.js';
import { sample } from './timing.js';

async function timeIt(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f(); // warm-up: fonts parsed, code compiled
  return (await sample(runs, f)).p50;
}

const page = (lang: 'en' | 'ar'): CertificatePage => ({
  lang,
  direction: lang === 'ar' ? 'rtl' : 'ltr',
  programme: 'Praxis eLearning Programme',
  heading: lang === 'ar' ? 'شهادة إتمام' : 'Certificate of completion',
  certifies: lang === 'ar' ? 'نشهد بأن' : 'This certifies that',
  learnerName: lang === 'ar' ? 'أمينة ديالو' : 'Amina Diallo',
  completed: lang === 'ar' ? 'قد أتم بنجاح الدورة التدريبية' : 'has successfully completed the course',
  courseTitle: lang === 'ar' ? 'بدائل السجن' : 'Essential Services Package for Women and Girls Subject to Violence',
  details:
    lang === 'ar'
      ? 'تاريخ الإتمام: ١ مارس ٢٠٢٥ · عدد ساعات الدراسة: ٦'
      : 'Completed on 1 March 2025 · Hours of study: 6',
  codeLine: '7K3M-Q9XD-2B4R-HT0W',
  verifyUrl: 'https://praxis.example.org/verify/7K3M-Q9XD-2B4R-HT0W',
  verifyHint: 'Scan the QR code',
});

/** Median times of the certificate hot paths: one PDF (target 50 ms), one credential signed, one verified. */
export async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  const runs = opts.quick ? 10 : 30;
  const key = await loadSigningKey({
    dataDir: mkdtempSync(join(tmpdir(), 'praxis-bench-')),
    production: false,
    log: createLogger('silent'),
  });
  const salt = 'bench';
  const cert: CertificateRecord = {
    id: crypto.randomUUID(),
    code: '7K3M-Q9XD-2B4R-HT0W',
    userId: crypto.randomUUID(),
    learnerName: 'Amina Diallo',
    courseSlug: 'alternatives-to-imprisonment',
    courseVersion: '1.0.0',
    courseTitle: { en: 'Alternatives to imprisonment' },
    defaultLanguage: 'en',
    languages: ['en'],
    hours: 6,
    completedAt: new Date(),
    issuedAt: new Date(),
    identityHash: `sha256$${createHash('sha256').update(`amina@example.org${salt}`).digest('hex')}`,
    identitySalt: salt,
    revokedAt: null,
    revokedReason: null,
    revokedBy: null,
  };
  const issuer = { publicUrl: 'https://praxis.example.org', programme: 'Praxis eLearning Programme' };
  const credential = openBadgeCredential(cert, issuer, {
    name: 'Alternatives to imprisonment',
    description: 'Awarded.',
    criteria: 'Complete the course.',
  });
  const jws = await signCredential(credential, key);
  const jwks = { keys: [key.publicJwk] };
  opts.log(`certificates: ${runs} runs each`);
  const row = (name: string, ms: number, note?: string): BenchRow => ({
    group: 'certificates',
    name,
    value: Math.round(ms * 100) / 100,
    unit: 'ms p50',
    ...(note ? { note } : {}),
  });
  return [
    row('PDF, English', await timeIt(runs, () => renderCertificatePdf(page('en'))), 'target 50 ms'),
    row('PDF, Arabic', await timeIt(runs, () => renderCertificatePdf(page('ar'))), 'target 50 ms'),
    row('Open Badges credential: sign (EdDSA)', await timeIt(runs, () => signCredential(credential, key))),
    row('Open Badges credential: verify', await timeIt(runs, () => verifyCredentialJws(jws, jwks))),
  ];
}
