import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';
import { aStatement, headersOf, lrsAuth } from '../support/xapi.js';

const agent = JSON.stringify({ objectType: 'Agent', mbox: 'mailto:ada@example.org' });
const stateUrl = (stateId?: string, extra = '') =>
  `/xapi/activities/state?activityId=${encodeURIComponent('https://praxis.test/courses/c')}&agent=${encodeURIComponent(agent)}${stateId ? `&stateId=${stateId}` : ''}${extra}`;

describe('/xapi documents', () => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeEach(async () => {
    t = await testApp();
    h = headersOf(await lrsAuth(t));
  });

  it('stores state per registration and returns it with an ETag', async () => {
    const reg = crypto.randomUUID();

    await request(t.app)
      .put(stateUrl('bookmark', `&registration=${reg}`))
      .set(h)
      .type('text/plain')
      .send('page-3');
    const got = await request(t.app)
      .get(stateUrl('bookmark', `&registration=${reg}`))
      .set(h);
    const otherRegistration = await request(t.app)
      .get(stateUrl('bookmark', `&registration=${crypto.randomUUID()}`))
      .set(h);

    expect(got.status).toBe(200);
    expect(got.text).toBe('page-3');
    expect(got.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(otherRegistration.status).toBe(404);
  });

  it('lets only one of two writers holding the same ETag win (If-Match, 412)', async () => {
    await request(t.app).put(stateUrl('s')).set(h).send({ v: 0 });
    const etag = (await request(t.app).get(stateUrl('s')).set(h)).headers.etag;

    const [a, b] = await Promise.all([
      request(t.app).put(stateUrl('s')).set(h).set('If-Match', etag).send({ v: 'a' }),
      request(t.app).put(stateUrl('s')).set(h).set('If-Match', etag).send({ v: 'b' }),
    ]);

    expect([a.status, b.status].sort()).toEqual([204, 412]);
    expect((await request(t.app).put(stateUrl('s')).set(h).set('If-None-Match', '*').send({})).status).toBe(412);
  });

  it('merges JSON objects on POST and refuses to merge into a non-JSON document', async () => {
    await request(t.app)
      .post(stateUrl('progress'))
      .set(h)
      .send({ a: 1, b: { x: 1 } });
    await request(t.app)
      .post(stateUrl('progress'))
      .set(h)
      .send({ b: { y: 2 }, c: 3 });
    await request(t.app).put(stateUrl('text')).set(h).type('text/plain').send('plain');

    const merged = await request(t.app).get(stateUrl('progress')).set(h);
    const refused = await request(t.app).post(stateUrl('text')).set(h).send({ a: 1 });

    expect(merged.body).toEqual({ a: 1, b: { y: 2 }, c: 3 });
    expect(refused.status).toBe(400);
  });

  it('lists ids with since and deletes every state of an activity and agent', async () => {
    await request(t.app).put(stateUrl('one')).set(h).send({});
    await request(t.app).put(stateUrl('two')).set(h).send({});

    const ids = await request(t.app).get(stateUrl()).set(h);
    const later = await request(t.app)
      .get(stateUrl(undefined, `&since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`))
      .set(h);
    await request(t.app).delete(stateUrl()).set(h);

    expect(ids.body).toEqual(['one', 'two']);
    expect(later.body).toEqual([]);
    expect((await request(t.app).get(stateUrl()).set(h)).body).toEqual([]);
  });

  it('asks profile writers for a precondition: 409 when it exists, 400 when it does not', async () => {
    const url = `/xapi/agents/profile?agent=${encodeURIComponent(agent)}&profileId=prefs`;

    const bare = await request(t.app).put(url).set(h).send({ a: 1 });
    const created = await request(t.app).put(url).set(h).set('If-None-Match', '*').send({ a: 1 });
    const again = await request(t.app).put(url).set(h).send({ a: 2 });

    expect([bare.status, created.status, again.status]).toEqual([400, 204, 409]);
  });

  it('returns an activity definition merged from statements sent with the define scope, and a Person', async () => {
    const id = 'https://praxis.test/courses/c/quiz';
    await request(t.app)
      .post('/xapi/statements')
      .set(h)
      .send(aStatement({ object: { id, definition: { name: { en: 'Quiz' } } } }));
    await request(t.app)
      .post('/xapi/statements')
      .set(h)
      .send(aStatement({ object: { id, definition: { name: { fr: 'Quiz (fr)' } } } }));

    const activity = await request(t.app)
      .get(`/xapi/activities?activityId=${encodeURIComponent(id)}`)
      .set(h);
    const person = await request(t.app)
      .get(`/xapi/agents?agent=${encodeURIComponent(agent)}`)
      .set(h);

    expect(activity.body).toEqual({
      objectType: 'Activity',
      id,
      definition: { name: { en: 'Quiz', fr: 'Quiz (fr)' } },
    });
    expect(person.body).toEqual({ objectType: 'Person', mbox: ['mailto:ada@example.org'] });
  });
});
