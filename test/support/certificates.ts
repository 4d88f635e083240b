import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { certificateCompletionHook } from '../../server/certificates/certificate-hook.js';
import type { CourseCompletedEvent } from '../../server/learning/course-completion.js';
import type { LedgerChange, Store, UserRecord } from '../../server/store/store.js';

export const aCourse = (over: Partial<CourseCompletedEvent['course']> = {}): CourseCompletedEvent['course'] => ({
  slug: 'alternatives-to-imprisonment',
  version: '1.0.0',
  title: { en: 'Alternatives to imprisonment', fr: "Les alternatives à l'emprisonnement", ar: 'بدائل السجن' },
  defaultLanguage: 'en',
  languages: ['en', 'fr', 'ar'],
  estimatedMinutes: 360,
  certificate: true,
  ...over,
});

export const aCompletion = (
  user: UserRecord,
  course = aCourse(),
  over: Partial<CourseCompletedEvent> = {},
): CourseCompletedEvent => ({
  user,
  course,
  registration: crypto.randomUUID(),
  completedAt: new Date('2025-03-01T10:00:00Z'),
  ...over,
});

/** Issues a certificate the way the learning service will: the hook's change, recorded in one transaction. */
export async function issueCertificate(
  store: Store,
  user: UserRecord,
  course = aCourse(),
  publicUrl = 'http://localhost:3000',
) {
  const change = await certificateCompletionHook({ publicUrl })(aCompletion(user, course));
  await store.record({ entries: [], ...change } as LedgerChange);
  return (await store.certificates.findForUserCourse(user.id, course.slug))!;
}

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

/** Like the browser tests: skipped with a warning on a machine without poppler-utils, required in CI. */
export const itWithPdftotext: typeof it = (hasPdftotext || process.env.CI ? it : it.skip) as typeof it;
if (!hasPdftotext && !process.env.CI)
  console.warn('PDF text tests skipped: pdftotext (poppler-utils) is not installed');

/** The text of a PDF as pdftotext reads it (in logical order, as a reader or a search engine would get it). */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-pdf-'));
  const file = join(dir, 'c.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Page count and size from pdfinfo. */
export function pdfInfo(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-pdf-'));
  const file = join(dir, 'c.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
}
