import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { registeredAgent, signedInWithRoles, testApp, type TestApp } from '../support/app.js';
import { aCourse, issueCertificate, itWithPdftotext, pdfInfo, pdfText } from '../support/certificates.js';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function learnerWithCertificate(t: TestApp, over: Record<string, string> = {}, course = aCourse()) {
  const { agent, email } = await registeredAgent(t.app, over);
  const user = (await t.deps.store.users.findByEmail(email))!;
  const cert = await issueCertificate(t.deps.store, user, course, t.deps.config.PUBLIC_URL);
  return { agent, user, cert };
}

describe('learner certificates', () => {
  it("lists the learner's certificates with download links", async () => {
    const t = await testApp();
    const { agent, cert } = await learnerWithCertificate(t);

    const res = await agent.get('/my/certificates');

    expect(res.status).toBe(200);
    expect(res.text).toContain('Alternatives to imprisonment');
    expect(res.text).toContain(cert.code);
    expect(res.text).toContain(`/my/certificates/${cert.id}/certificate.pdf?lang=fr`);
    expect(res.text).toContain(`/my/certificates/${cert.id}/badge.png`);
  });

  it('sends visitors who are not signed in to the sign-in page', async () => {
    const t = await testApp();

    const res = await request(t.app).get('/my/certificates');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Fmy%2Fcertificates');
  });

  itWithPdftotext('downloads a valid A4 landscape PDF that contains the name and the code', async () => {
    const t = await testApp();
    const { agent, cert } = await learnerWithCertificate(t, { displayName: 'Kofi Mensah' });

    const res = await agent.get(`/my/certificates/${cert.id}/certificate.pdf?lang=en`).buffer(true).parse(binary);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`certificate-alternatives-to-imprisonment-${cert.code}.pdf`);
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfInfo(body)).toMatch(/Pages:\s+1\n[\s\S]*Page size:\s+841\.89 x 595\.28/);
    const text = pdfText(body);
    expect(text).toContain('Kofi Mensah');
    expect(text).toContain(cert.code);
    expect(text).toContain('Alternatives to imprisonment');
    expect(text).toContain('Hours of study: 6');
    expect(text).toContain(`http://localhost:3000/verify/${cert.code}`);
  });

  itWithPdftotext('prints an Arabic certificate whose text reads correctly, right to left', async () => {
    const t = await testApp();
    const { agent, cert } = await learnerWithCertificate(t, { displayName: 'أمينة ديالو' });

    const res = await agent.get(`/my/certificates/${cert.id}/certificate.pdf?lang=ar`).buffer(true).parse(binary);

    const lines = pdfText(res.body as Buffer)
      .split('\n')
      .map((l) => l.replace(/[\u200e\u200f\u202a-\u202e]/g, '').trim());
    expect(lines).toContain('شهادة إتمام');
    expect(lines).toContain('أمينة ديالو');
    expect(lines).toContain('بدائل السجن');
    expect(lines.join('\n')).toContain(cert.code);
  });

  itWithPdftotext(
    "prints Chinese with a CJK font, and falls back to the course's default language when it does not offer the chosen one",
    async () => {
      const t = await testApp();
      const { agent, cert } = await learnerWithCertificate(
        t,
        {},
        aCourse({ languages: ['en', 'zh'], title: { en: 'Line Up Live Up', zh: '排队生活' } }),
      );

      const zh = await agent.get(`/my/certificates/${cert.id}/certificate.pdf?lang=zh`).buffer(true).parse(binary);
      const pt = await agent.get(`/my/certificates/${cert.id}/certificate.pdf?lang=pt`).buffer(true).parse(binary);

      expect(pdfText(zh.body as Buffer)).toContain('结业证书');
      expect(pdfText(zh.body as Buffer)).toContain('排队生活');
      expect(pdfText(pt.body as Buffer)).toContain('Certificate of completion');
      expect(pdfText(pt.body as Buffer)).toContain('Line Up Live Up');
    },
  );

  it("does not let a learner download another learner's certificate", async () => {
    const t = await testApp();
    const { cert } = await learnerWithCertificate(t);
    const { agent: other } = await registeredAgent(t.app);

    const pdf = await other.get(`/my/certificates/${cert.id}/certificate.pdf`);
    const badge = await other.get(`/my/certificates/${cert.id}/badge.png`);
    const json = await other.get(`/my/certificates/${cert.id}/credential.json`);

    expect([pdf.status, badge.status, json.status]).toEqual([404, 404, 404]);
  });

  it('refuses the downloads once the certificate is revoked', async () => {
    const t = await testApp();
    const { agent, cert } = await learnerWithCertificate(t);
    const { user: admin } = await signedInWithRoles(t, ['learner', 'admin']);
    await t.deps.certificates.revoke(admin, cert.id, 'Assessment taken by someone else');

    const pdf = await agent.get(`/my/certificates/${cert.id}/certificate.pdf`);
    const badge = await agent.get(`/my/certificates/${cert.id}/badge.png`);
    const list = await agent.get('/my/certificates');

    expect(pdf.status).toBe(403);
    expect(pdf.text).toContain('This certificate has been revoked, so it can no longer be downloaded.');
    expect(badge.status).toBe(403);
    expect(list.text).toContain('This certificate has been revoked');
    expect(list.text).not.toContain(`/my/certificates/${cert.id}/certificate.pdf`);
  });
});
