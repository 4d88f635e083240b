import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { signedInWithRoles, submitForm, testApp } from '../support/app.js';
import { V } from '../support/xapi.js';

const basic = (key: string, secret: string) => ({
  Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
  ...V,
});
const secretOn = (html: string) => /class="secret">([^<]+)</.exec(html)?.[1];
const keyOn = (html: string) => /<dt>Key<\/dt><dd><code>([0-9a-f]{24})</.exec(html)?.[1];

describe('LRS client administration', () => {
  it('refuses every LRS admin page to a learner with 403 and sends a visitor to sign in', async () => {
    const t = await testApp();
    const { agent } = await signedInWithRoles(t, ['learner']);

    const pages = await Promise.all(
      ['/admin/lrs/clients', '/admin/lrs/statements', '/admin/lrs/statements/export', '/admin/erasure'].map((p) =>
        agent.get(p),
      ),
    );
    const visitor = await request(t.app).get('/admin/lrs/clients');

    expect(pages.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/signin/);
  });

  it('shows the secret once, stores only its hash, and the credentials work against /xapi', async () => {
    const t = await testApp();
    const { agent } = await signedInWithRoles(t, ['admin']);

    const created = await submitForm(agent, '/admin/lrs/clients', '/admin/lrs/clients', {
      name: 'Authoring tool',
      scopes: ['statements/write', 'statements/read'],
    });
    const secret = secretOn(created.text)!;
    const key = keyOn(created.text)!;
    const list = await agent.get('/admin/lrs/clients');
    const stored = await t.deps.store.lrsClients.findByKey(key);
    const lrs = await request(t.app).get('/xapi/statements').set(basic(key, secret));

    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(list.text).toContain(key);
    expect(list.text).toContain('Authoring tool');
    expect(list.text).not.toContain(secret);
    expect(stored?.secretHash).not.toContain(secret);
    expect(stored?.scopes).toEqual(['statements/write', 'statements/read']);
    expect(lrs.status).toBe(200);
  });

  it('re-renders with 422 when no scope is chosen, and creates nothing', async () => {
    const t = await testApp();
    const { agent } = await signedInWithRoles(t, ['admin']);

    const res = await submitForm(agent, '/admin/lrs/clients', '/admin/lrs/clients', { name: 'Keep this name' });

    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose at least one permission.');
    expect(res.text).toContain('value="Keep this name"');
    expect(await t.deps.store.lrsClients.list()).toEqual([]);
  });

  it('asks for confirmation, then revokes: the LRS refuses the client and the audit log says who did it', async () => {
    const t = await testApp();
    const { agent, user } = await signedInWithRoles(t, ['admin']);
    const client = await t.deps.xapi.clients.create({ name: 'Old tool', scopes: ['all'] });

    const confirm = await agent.get(`/admin/lrs/clients/${client.key}/revoke`);
    const stillWorks = await request(t.app).get('/xapi/statements').set(basic(client.key, client.secret));
    const revoked = await submitForm(
      agent,
      `/admin/lrs/clients/${client.key}/revoke`,
      `/admin/lrs/clients/${client.key}/revoke`,
      {},
    );
    const refused = await request(t.app).get('/xapi/statements').set(basic(client.key, client.secret));
    const audit = await t.deps.store.audit.list({ targetType: 'lrs_client', targetId: client.key, limit: 5 });

    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Revoke the LRS client');
    expect(stillWorks.status).toBe(200);
    expect(revoked.status).toBe(303);
    expect(revoked.headers.location).toBe('/admin/lrs/clients?revoked=1');
    expect(refused.status).toBe(401);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['lrs.client.revoked', user.id]]);
  });

  it('answers 404 for an unknown client and 400 for a malformed key', async () => {
    const t = await testApp();
    const { agent } = await signedInWithRoles(t, ['admin']);

    const unknown = await agent.get(`/admin/lrs/clients/${'a'.repeat(24)}/revoke`);
    const malformed = await agent.get('/admin/lrs/clients/not-a-key/revoke');

    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
  });

  it("sets a client's own limits on its limits page, refuses a bad number in the administrator's language, and the LRS applies them", async () => {
    const t = await testApp({ RATE_LIMIT: 'true' });
    const { agent } = await signedInWithRoles(t, ['admin']);
    const client = await t.deps.xapi.clients.create({ name: 'Quiz tool', scopes: ['statements/read'] });
    const page = `/admin/lrs/clients/${client.key}/limits`;

    const list = await agent.get('/admin/lrs/clients');
    const form = await agent.get(page);
    const bad = await submitForm(agent, page, page, { bodyBytes: '-5', requestsPerMinute: 'many' });
    const saved = await submitForm(agent, page, page, { bodyBytes: '', requestsPerMinute: '1', batchSize: '10' });
    const reread = await agent.get(page);
    const lrs = [1, 2].map(() => request(t.app).get('/xapi/statements').set(basic(client.key, client.secret)));
    const statuses = [(await lrs[0]!).status, (await lrs[1]!).status];

    expect(list.text).toContain(`href="${page}"`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`placeholder="${t.deps.config.XAPI_CLIENT_BODY_MB * 1024 * 1024}"`);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter a whole number, or leave the field empty.');
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/admin/lrs/clients?limits=1');
    expect((await t.deps.store.lrsClients.findByKey(client.key))?.limits).toEqual({
      requestsPerMinute: 1,
      batchSize: 10,
    });
    expect(reread.text).toMatch(/name="requestsPerMinute"[^>]*value="1"/);
    expect(statuses).toEqual([200, 429]);
    expect((await t.deps.store.audit.list({ targetId: client.key, limit: 5 })).map((e) => e.action)).toContain(
      'lrs.client.limits',
    );
  });

  it('offers the praxis/void-platform scope apart from all', async () => {
    const t = await testApp();
    const { agent } = await signedInWithRoles(t, ['admin']);

    const page = await agent.get('/admin/lrs/clients');

    expect(page.text).toContain('value="praxis/void-platform"');
    expect(page.text).toContain('not part of all');
  });
});
