import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createCmi5Runtime } from '../../server/packages/cmi5-runtime.js';
import { testApp } from '../support/app.js';
import { cmi5Package, cmi5Xml } from '../support/cmi5-packages.js';

const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'learner-7' } };
const COURSE = 'https://praxis.example.org/test/cmi5/road-safety';
const verbsOf = async (t: Awaited<ReturnType<typeof testApp>>, registration: string) =>
  (await t.deps.store.statements.query({ registration, ascending: true, limit: 50 })).statements.map((s) =>
    String((s.verb as { id: string }).id)
      .split('/')
      .pop(),
  );

async function setup() {
  const t = await testApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'praxis-lms-api-')) });
  const client = await t.deps.xapi.clients.create({ name: 'integration', scopes: ['cmi5/lms', 'statements/read'] });
  const plain = await t.deps.xapi.clients.create({ name: 'reporting', scopes: ['all'] });
  const basic = (c: { key: string; secret: string }) =>
    `Basic ${Buffer.from(`${c.key}:${c.secret}`).toString('base64')}`;
  return { t, api: request(t.app), auth: basic(client), other: basic(plain) };
}

describe('the cmi5 LMS API (integrations, the CATAPULT adapter)', () => {
  it('only answers an LRS client an administrator gave the cmi5/lms scope (not even one with all)', async () => {
    const { api, other } = await setup();

    expect((await api.post('/api/cmi5/courses').type('application/zip').send('x')).status).toBe(401);
    expect(
      (await api.post('/api/cmi5/courses').set('Authorization', other).type('application/zip').send('x')).status,
    ).toBe(403);
  });

  it('imports a zip and a course structure alone, refusing a relative AU url without a zip and what is not a package', async () => {
    const { api, auth } = await setup();
    const absolute = cmi5Xml({
      courseId: 'https://praxis.example.org/test/cmi5/remote',
      title: 'Remote AUs',
      aus: [
        {
          id: 'https://praxis.example.org/test/cmi5/remote/au/1',
          title: 'One',
          url: 'https://content.example.org/au.html',
        },
      ],
    });
    const relative = absolute.replace('https://content.example.org/au.html', 'au.html');

    const zip = await api
      .post('/api/cmi5/courses')
      .set('Authorization', auth)
      .type('application/zip')
      .send(readFileSync(cmi5Package()));
    const xml = await api.post('/api/cmi5/courses').set('Authorization', auth).type('text/xml').send(absolute);
    const rel = await api.post('/api/cmi5/courses').set('Authorization', auth).type('text/xml').send(relative);
    const md = await api.post('/api/cmi5/courses').set('Authorization', auth).type('text/markdown').send('# no');

    expect(zip.status).toBe(201);
    expect(zip.body).toMatchObject({ slug: 'road-safety-for-first-responders', kind: 'cmi5', version: 1 });
    expect(xml.status).toBe(201);
    expect(rel.status).toBe(422);
    expect(rel.body.detail).toMatch(/fully qualified URLs \(cmi5 14\.2\.0\.0-1\)/);
    expect(md.status).toBe(415);
  });

  it('launches for any actor and registration, keeps a registration to its learner, waives with a reason (audited) and abandons', async () => {
    const { t, api, auth } = await setup();
    const { slug } = (
      await api
        .post('/api/cmi5/courses')
        .set('Authorization', auth)
        .type('application/zip')
        .send(readFileSync(cmi5Package()))
    ).body;
    const registration = crypto.randomUUID();

    const launch = await api
      .post(`/api/cmi5/courses/${slug}/launch-url`)
      .set('Authorization', auth)
      .send({ au: 0, actor: ACTOR, registration, launchMode: 'Browse' });
    const taken = await api
      .post(`/api/cmi5/courses/${slug}/launch-url`)
      .set('Authorization', auth)
      .send({ au: 0, actor: { account: { homePage: 'https://lms.example.org', name: 'someone-else' } }, registration });
    const noAu = await api
      .post(`/api/cmi5/courses/${slug}/launch-url`)
      .set('Authorization', auth)
      .send({ au: 9, actor: ACTOR });
    const q = new URL(launch.body.url).searchParams;

    expect(launch.status).toBe(200);
    expect(JSON.parse(q.get('actor')!)).toEqual(ACTOR);
    expect(q.get('registration')).toBe(registration);
    expect(q.get('activityId')).toBe(launch.body.activityId);
    expect(launch.body.activityId).not.toBe(`${COURSE}/au/1`);
    expect(taken.status).toBe(409);
    expect(noAu.status).toBe(404);

    const abandon = await api.post(`/api/cmi5/sessions/${launch.body.sessionId}/abandon`).set('Authorization', auth);
    const again = await api.post(`/api/cmi5/sessions/${launch.body.sessionId}/abandon`).set('Authorization', auth);
    expect([abandon.status, again.status]).toEqual([204, 409]);

    const waive = await api
      .post(`/api/cmi5/registrations/${registration}/waive`)
      .set('Authorization', auth)
      .send({ au: 0, reason: 'Administrative' });
    const twice = await api
      .post(`/api/cmi5/registrations/${registration}/waive`)
      .set('Authorization', auth)
      .send({ au: 0, reason: 'Again' });
    expect(waive.status).toBe(200);
    expect(twice.status).toBe(409);
    expect(await verbsOf(t, registration)).toEqual(['launched', 'abandoned', 'waived']);
    const waived = (
      await t.deps.store.statements.query({ registration, verb: 'https://w3id.org/xapi/adl/verbs/waived', limit: 1 })
    ).statements[0]!;
    expect(waived.result).toMatchObject({
      success: true,
      completion: true,
      extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/reason': 'Administrative' },
    });
    const audit = await t.deps.store.audit.list({ targetType: 'cmi5.registration', targetId: registration, limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'cmi5.waived', details: { reason: 'Administrative' } });
  });

  it('abandons sessions idle longer than CMI5_SESSION_TIMEOUT, with their duration, and leaves active ones', async () => {
    const { t } = await setup();
    const { slug } = await t.deps.packages.importZip(cmi5Package(), { by: null, publish: true });
    let clock = new Date('2026-12-04T08:00:00Z');
    const runtime = createCmi5Runtime({
      store: t.deps.store,
      catalogue: t.deps.catalogue,
      learning: t.deps.learning,
      publicUrl: t.deps.config.PUBLIC_URL,
      contentBase: (s, v) => `/content/${s}/${v}/`,
      secret: 'test-secret',
      now: () => clock,
      sessionTimeoutMinutes: 30,
    });
    const idle = await runtime.launchFor({ slug, auIndex: 0, actor: { account: ACTOR.account } });
    clock = new Date('2026-12-04T08:20:00Z');
    const busy = await runtime.launchFor({ slug, auIndex: 1, actor: { account: ACTOR.account } });

    clock = new Date('2026-12-04T08:29:00Z');
    const early = await runtime.sweep();
    clock = new Date('2026-12-04T08:31:00Z');
    const late = await runtime.sweep();

    expect([early, late]).toEqual([0, 1]);
    expect((await t.deps.store.cmi5.find(idle.sessionId))?.abandonedAt).toEqual(clock);
    expect((await t.deps.store.cmi5.find(busy.sessionId))?.abandonedAt).toBeNull();
    const abandoned = (
      await t.deps.store.statements.query({
        registration: idle.registration,
        verb: 'https://w3id.org/xapi/adl/verbs/abandoned',
        limit: 5,
      })
    ).statements;
    expect(abandoned).toHaveLength(1);
    expect(abandoned[0]!.result).toEqual({ duration: 'PT0S' });
  });
});
