import { describe, expect, it } from 'vitest';
import { registeredAgent, signedInWithRoles, submitForm, testApp, type TestApp } from '../support/app.js';
import { aUser } from '../store/builders.js';
import { issueCertificate } from '../support/certificates.js';

async function issued(t: TestApp, email = `l-${crypto.randomUUID()}@example.org`) {
  const user = await t.deps.store.users.create(aUser({ email, displayName: 'Lucía Fernández' }));
  return issueCertificate(t.deps.store, user, undefined, t.deps.config.PUBLIC_URL);
}

describe('certificate administration', () => {
  it('finds certificates by code and by learner e-mail', async () => {
    const t = await testApp();
    const cert = await issued(t, 'lucia@example.org');
    const other = await issued(t);
    const { agent } = await signedInWithRoles(t, ['learner', 'admin']);

    const byCode = await agent.get('/admin/certificates').query({ q: cert.code.toLowerCase() });
    const byEmail = await agent.get('/admin/certificates').query({ q: 'LUCIA@example.org' });
    const recent = await agent.get('/admin/certificates');

    expect(byCode.text).toContain(cert.code);
    expect(byCode.text).not.toContain(other.code);
    expect(byEmail.text).toContain(cert.code);
    expect(byEmail.text).toContain('lucia@example.org');
    expect(recent.text).toContain(other.code);
  });

  it('requires a reason to revoke, re-rendering the form with 422', async () => {
    const t = await testApp();
    const cert = await issued(t);
    const { agent } = await signedInWithRoles(t, ['learner', 'admin']);

    const res = await submitForm(agent, '/admin/certificates', `/admin/certificates/${cert.id}/revoke`, {
      reason: '  ',
    });

    expect(res.status).toBe(422);
    expect(res.text).toContain('This field is required.');
    expect((await t.deps.store.certificates.findById(cert.id))?.revokedAt).toBeNull();
    expect(await t.deps.store.audit.list({ targetType: 'certificate', limit: 10 })).toEqual([]);
  });

  it('revokes and reinstates, writing each change to the audit log', async () => {
    const t = await testApp();
    const cert = await issued(t);
    const { agent, user: admin } = await signedInWithRoles(t, ['learner', 'admin']);

    const revoke = await submitForm(agent, '/admin/certificates', `/admin/certificates/${cert.id}/revoke`, {
      reason: 'Identity fraud',
      q: cert.code,
    });
    const afterRevoke = await t.deps.store.certificates.findById(cert.id);
    const reinstate = await submitForm(agent, '/admin/certificates', `/admin/certificates/${cert.id}/reinstate`, {
      note: 'Appeal upheld',
      q: cert.code,
    });
    const page = await agent.get(reinstate.headers.location);

    expect(revoke.status).toBe(303);
    expect(revoke.headers.location).toBe(`/admin/certificates?q=${cert.code}&saved=revoked`);
    expect(afterRevoke).toMatchObject({ revokedReason: 'Identity fraud', revokedBy: admin.id });
    expect(reinstate.status).toBe(303);
    expect((await t.deps.store.certificates.findById(cert.id))?.revokedAt).toBeNull();
    expect(page.text).toContain('The certificate has been reinstated.');
    const audit = await t.deps.store.audit.list({ targetType: 'certificate', targetId: cert.id, limit: 10 });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ['certificate.reinstated', admin.id],
      ['certificate.revoked', admin.id],
    ]);
    expect(audit[1].details).toEqual({ code: cert.code, reason: 'Identity fraud' });
    expect(audit[0].details).toMatchObject({ note: 'Appeal upheld', previousReason: 'Identity fraud' });
  });

  it('refuses to revoke a certificate twice', async () => {
    const t = await testApp();
    const cert = await issued(t);
    const { agent } = await signedInWithRoles(t, ['learner', 'admin']);
    await submitForm(agent, '/admin/certificates', `/admin/certificates/${cert.id}/revoke`, { reason: 'First' });

    const again = await submitForm(agent, '/admin/certificates', `/admin/certificates/${cert.id}/revoke`, {
      reason: 'Second',
    });

    expect(again.status).toBe(409);
    expect((await t.deps.store.certificates.findById(cert.id))?.revokedReason).toBe('First');
  });

  it('is for administrators only', async () => {
    const t = await testApp();
    const cert = await issued(t);
    const { agent } = await registeredAgent(t.app);

    const page = await agent.get('/admin/certificates');
    const post = await submitForm(agent, '/my/certificates', `/admin/certificates/${cert.id}/revoke`, { reason: 'x' });

    expect(page.status).toBe(403);
    expect(post.status).toBe(403);
    expect((await t.deps.store.certificates.findById(cert.id))?.revokedAt).toBeNull();
  });
});
