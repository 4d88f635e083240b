import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCertificatePdf, type CertificatePage } from '../../server/certificates/certificate-pdf.js';
import { openBadgeCredential, signCredential, verifyCredentialJws } from '../../server/certificates/open-badge.js';
import { loadSigningKey } from '../../server/certificates/signing-key.js';
import { createLogger } from '../../server/log.js';
import type { CertificateRecord } from '../../server/store/store.js';

export interface BenchRow { name: string; value: number; unit: string }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeIt(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f(); // warm-up: fonts parsed, code compiled
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    times.push(performance.now() - start);
  }
  return median(times);
}

const page = (lang: 'en' | 'ar'): CertificatePage => ({
  lang, direction: lang === 'ar' ? 'rtl' : 'ltr', programme: 'Praxis eLearning Programme',
  heading: lang === 'ar' ? 'شهادة إتمام' : 'Certificate of completion',
  certifies: lang === 'ar' ? 'نشهد بأن' : 'This certifies that',
  learnerName: lang === 'ar' ? 'أمينة ديالو' : 'Amina Diallo',
  completed: lang === 'ar' ? 'قد أتم بنجاح الدورة التدريبية' : 'has successfully completed the course',
  courseTitle: lang === 'ar' ? 'بدائل السجن' : 'Essential Services Package for Women and Girls Subject to Violence',
  details: lang === 'ar' ? 'تاريخ الإتمام: ١ مارس ٢٠٢٥ · عدد ساعات الدراسة: ٦' : 'Completed on 1 March 2025 · Hours of study: 6',
  codeLine: '7K3M-Q9XD-2B4R-HT0W', verifyUrl: 'https://praxis.example.org/verify/7K3M-Q9XD-2B4R-HT0W', verifyHint: 'Scan the QR code',
});

/** Median times of the certificate hot paths: one PDF (target 50 ms), one credential signed, one verified. */
export async function certificatesBench(runs = 30): Promise<BenchRow[]> {
  const key = await loadSigningKey({ dataDir: mkdtempSync(join(tmpdir(), 'praxis-bench-')), production: false, log: createLogger('silent') });
  const salt = 'bench';
  const cert: CertificateRecord = {
    id: crypto.randomUUID(), code: '7K3M-Q9XD-2B4R-HT0W', userId: crypto.randomUUID(), learnerName: 'Amina Diallo',
    courseSlug: 'alternatives-to-imprisonment', courseVersion: '1.0.0', courseTitle: { en: 'Alternatives to imprisonment' },
    defaultLanguage: 'en', languages: ['en'], hours: 6, completedAt: new Date(), issuedAt: new Date(),
    identityHash: `sha256$${createHash('sha256').update(`amina@example.org${salt}`).digest('hex')}`, identitySalt: salt,
    revokedAt: null, revokedReason: null, revokedBy: null,
  };
  const issuer = { publicUrl: 'https://praxis.example.org', programme: 'Praxis eLearning Programme' };
  const credential = openBadgeCredential(cert, issuer, { name: 'Alternatives to imprisonment', description: 'Awarded.', criteria: 'Complete the course.' });
  const jws = await signCredential(credential, key);
  const jwks = { keys: [key.publicJwk] };
  return [
    { name: 'certificate PDF (English), median', value: await timeIt(runs, () => renderCertificatePdf(page('en'))), unit: 'ms' },
    { name: 'certificate PDF (Arabic), median', value: await timeIt(runs, () => renderCertificatePdf(page('ar'))), unit: 'ms' },
    { name: 'Open Badges credential sign (EdDSA), median', value: await timeIt(runs, () => signCredential(credential, key)), unit: 'ms' },
    { name: 'Open Badges credential verify, median', value: await timeIt(runs, () => verifyCredentialJws(jws, jwks)), unit: 'ms' },
  ].map((r) => ({ ...r, value: Math.round(r.value * 100) / 100 }));
}
