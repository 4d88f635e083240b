import { describe, expect } from 'vitest';
import type request from 'supertest';
import { PDF_LANGUAGES } from '../../server/certificates/certificate-text.js';
import { registeredAgent, testApp } from '../support/app.js';
import { issueCertificate, itWithPdftotext, pdfText } from '../support/certificates.js';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
/**
 * Every word of the title is printed. A long title wraps, a title mixing scripts is reordered in bidi
 * runs, and pdftotext splits some Arabic words at a kerned glyph, so words are looked for in the
 * text without its white space.
 */
const words = (s: string) =>
  s
    .replace(/[\u200e\u200f\u202a-\u202e]/g, '')
    .split(/[\s:،,.()«»"']+/u)
    .filter(Boolean);
const printedAll = (pdf: string, title: string) => {
  const text = pdf.replace(/[\s\u200e\u200f\u202a-\u202e]+/g, '');
  return words(title).every((w) => text.includes(w));
};

describe('certificates in every language a course offers', () => {
  itWithPdftotext(
    "prints each course's certificate with its title in each of its languages",
    async () => {
      const t = await testApp();
      const { agent, email } = await registeredAgent(t.app, { displayName: 'Rosa Quispe' });
      const user = (await t.deps.store.users.findByEmail(email))!;
      let printed = 0;

      for (const summary of t.deps.catalogue.list('en')) {
        const m = t.deps.catalogue.get(summary.slug).manifest;
        const title = m.title as Record<string, string>;
        const cert = await issueCertificate(
          t.deps.store,
          user,
          {
            slug: summary.slug,
            version: m.version,
            title,
            defaultLanguage: m.defaultLanguage,
            languages: [...m.languages],
            estimatedMinutes: m.estimatedMinutes,
            certificate: true,
          },
          t.deps.config.PUBLIC_URL,
        );
        for (const lang of m.languages.filter((l) => PDF_LANGUAGES.has(l))) {
          const res = await agent
            .get(`/my/certificates/${cert.id}/certificate.pdf?lang=${lang}`)
            .buffer(true)
            .parse(binary);

          expect({ course: summary.slug, lang, status: res.status }).toEqual({
            course: summary.slug,
            lang,
            status: 200,
          });
          expect({ course: summary.slug, lang, found: printedAll(pdfText(res.body as Buffer), title[lang]!) }).toEqual({
            course: summary.slug,
            lang,
            found: true,
          });
          printed++;
        }
      }
      expect(printed).toBeGreaterThanOrEqual(10);
    },
    120_000,
  );
});
