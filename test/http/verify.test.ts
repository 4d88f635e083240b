import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { signedInWithRoles, testApp, type TestApp } from '../support/app.js';
import { aUser } from '../store/builders.js';
import { issueCertificate } from '../support/certificates.js';

async function issued(t: TestApp, displayName = 'Amina Diallo') {
  const user = await t.deps.store.users.create(aUser({ displayName }));
  return issueCertificate(t.deps.store, user, undefined, t.deps.config.PUBLIC_URL);
}

/** The verdict section only: what the page says about the code. */
const verdict = (html: string) => /<section class="verdict[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe('public certificate verification', () => {
  it('shows a valid certificate with name, course and date only, without login', async () => {
    const t = await testApp();
    const cert = await issued(t);

    const res = await request(t.app).get(`/verify/${cert.code}`);

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const v = verdict(res.text);
    expect(v).toContain('Valid certificate');
    expect(v).toContain('Amina Diallo');
    expect(v).toContain('Alternatives to imprisonment');
    expect(v).toContain('datetime="2025-03-01"');
    expect(v).not.toContain('@example.org');
  });

  it('accepts the code as typed: lower case, no dashes, O for zero', async () => {
    const t = await testApp();
    const cert = await issued(t);
    const typed = cert.code.toLowerCase().replace(/-/g, '').replace(/0/g, 'o');

    const res = await request(t.app).get('/verify').query({ code: typed });

    expect(verdict(res.text)).toContain('Valid certificate');
  });

  it('says when and why a certificate was revoked', async () => {
    const t = await testApp();
    const cert = await issued(t);
    const { user: admin } = await signedInWithRoles(t, ['learner', 'admin']);
    await t.deps.certificates.revoke(admin, cert.id, 'Assessment taken by someone else');

    const res = await request(t.app).get(`/verify/${cert.code}`);

    const v = verdict(res.text);
    expect(v).toContain('This certificate has been revoked');
    expect(v).toContain('Assessment taken by someone else');
    expect(v).toMatch(/Revoked on[\s\S]*datetime="\d{4}-\d{2}-\d{2}"/);
  });

  it('answers unknown and malformed codes with the same page', async () => {
    const t = await testApp();
    await issued(t);

    const unknown = await request(t.app).get('/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    const malformed = await request(t.app).get('/verify/not-a-code!');
    const viaForm = await request(t.app).get('/verify').query({ code: '<script>' });

    expect([unknown.status, malformed.status, viaForm.status]).toEqual([200, 200, 200]);
    expect(verdict(unknown.text)).toContain('No certificate matches this code');
    expect(verdict(malformed.text)).toBe(verdict(unknown.text));
    expect(verdict(viaForm.text)).toBe(verdict(unknown.text));
    expect(viaForm.text).not.toContain('<script>');
  });

  it('looks malformed input up like any unknown code, so timing reveals nothing', async () => {
    const t = await testApp();
    const looked: string[] = [];
    const findByCode = t.deps.store.certificates.findByCode;
    t.deps.store.certificates.findByCode = (code) => {
      looked.push(code);
      return findByCode(code);
    };

    await t.deps.certificates.verifyCode('garbage', 'en');
    await t.deps.certificates.verifyCode('ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'en');

    expect(looked).toHaveLength(2);
  });

  it("shows the form on /verify in the visitor's language", async () => {
    const t = await testApp();

    const res = await request(t.app).get('/verify').set('Accept-Language', 'ar');

    expect(res.text).toContain('<html lang="ar" dir="rtl">');
    expect(res.text).toContain('التحقق من شهادة');
    expect(res.text).toContain('<label for="code">');
  });

  it('rate-limits verification', async () => {
    const t = await testApp({ RATE_LIMIT: 'true' });
    const agent = request(t.app);

    const statuses: number[] = [];
    for (let i = 0; i < 61; i++)
      statuses.push((await agent.get(`/verify/AAAA-AAAA-AAAA-AA${String(i).padStart(2, '0')}`)).status);

    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it('sends credential and certificate ids to the verification page', async () => {
    const t = await testApp();
    const cert = await issued(t);

    const res = await request(t.app).get(`/credentials/${cert.id}`);

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/verify/${cert.code}`);
  });
});
