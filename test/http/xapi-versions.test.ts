import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';
import { aStatement, lrsAuth } from '../support/xapi.js';

const V2 = { 'X-Experience-API-Version': '2.0.0' };
const V1 = { 'X-Experience-API-Version': '1.0.3' };
const agent = { objectType: 'Agent', mbox: 'mailto:coach@example.org' };
const contextAgents = [{ objectType: 'contextAgent', agent, relevantTypes: ['https://praxis.test/roles/coach'] }];
const contextGroups = [{ objectType: 'contextGroup', group: { objectType: 'Group', member: [agent] } }];

describe('/xapi speaks 2.0.0 and 1.0.3', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  beforeEach(async () => {
    t = await testApp();
    auth = { Authorization: (await lrsAuth(t)).Authorization };
  });

  it('answers in the version the request names, lists both in /about and refuses others', async () => {
    const two = await request(t.app)
      .get('/xapi/statements')
      .set({ ...auth, 'X-Experience-API-Version': '2.0.4' });
    const one = await request(t.app)
      .get('/xapi/statements')
      .set({ ...auth, 'X-Experience-API-Version': '1.0' });
    const three = await request(t.app)
      .get('/xapi/statements')
      .set({ ...auth, 'X-Experience-API-Version': '3.0.0' });
    const about = await request(t.app).get('/xapi/about');

    expect([two.status, one.status, three.status]).toEqual([200, 200, 400]);
    expect(two.headers['x-experience-api-version']).toBe('2.0.0');
    expect(one.headers['x-experience-api-version']).toBe('1.0.3');
    expect(three.body.detail).toMatch(/3\.0\.0/);
    expect(about.body.version).toEqual(['2.0.0', '1.0.3', '1.0.2', '1.0.1', '1.0.0']);
  });

  it('a 1.0.3-only LRS (XAPI_VERSIONS=1.0.3) refuses 2.0 clients and answers headerless requests in 1.0.3', async () => {
    const only = await testApp({ XAPI_VERSIONS: '1.0.3' });
    const a = { Authorization: (await lrsAuth(only)).Authorization };
    const two = await request(only.app)
      .get('/xapi/statements')
      .set({ ...a, ...V2 });
    const none = await request(only.app).get('/xapi/statements').set(a);
    const about = await request(only.app).get('/xapi/about');

    expect(two.status).toBe(400);
    expect(none.headers['x-experience-api-version']).toBe('1.0.3');
    expect(about.body.version).not.toContain('2.0.0');
  });

  it('keeps a 2.0 statement as sent for 2.0 readers and gives 1.0.3 readers a statement they accept', async () => {
    const id = crypto.randomUUID();
    const s = aStatement({ id, context: { contextAgents, contextGroups } });
    const put = await request(t.app)
      .put(`/xapi/statements?statementId=${id}`)
      .set({ ...auth, ...V2 })
      .send(s);
    const as2 = await request(t.app)
      .get(`/xapi/statements?statementId=${id}`)
      .set({ ...auth, ...V2 });
    const as1 = await request(t.app)
      .get(`/xapi/statements?statementId=${id}`)
      .set({ ...auth, ...V1 });
    const list1 = await request(t.app)
      .get('/xapi/statements')
      .set({ ...auth, ...V1 });

    expect(put.status).toBe(204);
    expect(as2.body.version).toBe('2.0.0');
    expect(as2.body.context).toEqual({ contextAgents, contextGroups });
    expect(as1.body.version).toBe('1.0.0');
    expect(as1.body.context).toBeUndefined();
    expect(list1.body.statements[0].context).toBeUndefined();
  });

  it('validates contextAgents and contextGroups in 2.0 and refuses them in 1.0.3', async () => {
    const send = (v: Record<string, string>, context: unknown) =>
      request(t.app)
        .post('/xapi/statements')
        .set({ ...auth, ...v })
        .send(aStatement({ context }));
    const wrongType = await send(V2, { contextAgents: [{ ...contextAgents[0], objectType: 'Agent' }] });
    const emptyTypes = await send(V2, { contextAgents: [{ objectType: 'contextAgent', agent, relevantTypes: [] }] });
    const notArray = await send(V2, { contextGroups: contextGroups[0] });
    const badGroup = await send(V2, { contextGroups: [{ objectType: 'contextGroup', group: agent }] });
    const inOne = await send(V1, { contextAgents });
    const ok = await send(V2, { contextAgents, contextGroups });

    expect([wrongType.status, emptyTypes.status, notArray.status, badGroup.status, inOne.status]).toEqual([
      400, 400, 400, 400, 400,
    ]);
    expect(wrongType.body.detail).toMatch(/contextAgents\[0\]\.objectType/);
    expect(ok.status).toBe(200);
  });

  it('stores version 2.0.0 when a 2.0 client sends none, and refuses 2.0.x statements from 1.0.3 clients', async () => {
    const posted = await request(t.app)
      .post('/xapi/statements')
      .set({ ...auth, ...V2 })
      .send(aStatement());
    const back = await request(t.app)
      .get(`/xapi/statements?statementId=${posted.body[0]}`)
      .set({ ...auth, ...V2 });
    const old = await request(t.app)
      .post('/xapi/statements')
      .set({ ...auth, ...V1 })
      .send(aStatement({ version: '2.0.0' }));

    expect(back.body.version).toBe('2.0.0');
    expect(old.status).toBe(400);
  });

  it('refuses the alternate request syntax in 2.0 but keeps it for 1.0.3', async () => {
    const form = (version: string) =>
      new URLSearchParams({
        'X-Experience-API-Version': version,
        Authorization: auth.Authorization,
        'Content-Type': 'application/json',
        content: JSON.stringify(aStatement()),
      }).toString();
    const two = await request(t.app).post('/xapi/statements?method=POST').type('form').send(form('2.0.0'));
    const one = await request(t.app).post('/xapi/statements?method=POST').type('form').send(form('1.0.3'));

    expect(two.status).toBe(400);
    expect(two.body.title).toBe('alternate_syntax_removed');
    expect(one.status).toBe(200);
  });

  it('in 2.0 a State PUT without If-Match / If-None-Match may create but not overwrite (409)', async () => {
    const q =
      `/xapi/activities/state?activityId=${encodeURIComponent('https://praxis.test/a')}` +
      `&agent=${encodeURIComponent(JSON.stringify(agent))}&stateId=s1`;
    const create = await request(t.app)
      .put(q)
      .set({ ...auth, ...V2 })
      .send({ a: 1 });
    const overwrite = await request(t.app)
      .put(q)
      .set({ ...auth, ...V2 })
      .send({ a: 2 });
    const legacy = await request(t.app)
      .put(q)
      .set({ ...auth, ...V1 })
      .send({ a: 3 });
    const got = await request(t.app)
      .get(q)
      .set({ ...auth, ...V2 });

    expect([create.status, overwrite.status, legacy.status]).toEqual([204, 409, 204]);
    expect(got.body).toEqual({ a: 3 });
    expect(got.headers['last-modified']).toBeTruthy();
  });
});
