import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';
import { aStatement, headersOf, lrsAuth, V } from '../support/xapi.js';

describe('/xapi statements', () => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeEach(async () => {
    t = await testApp();
    h = headersOf(await lrsAuth(t));
  });

  it('requires X-Experience-API-Version and sends it on every response, errors and 404s included', async () => {
    const missing = await request(t.app).get('/xapi/statements').set({ Authorization: h.Authorization });
    const unknown = await request(t.app).get('/xapi/nothing-here').set(h);
    const about = await request(t.app).get('/xapi/about');

    expect(missing.status).toBe(400);
    expect(unknown.status).toBe(404);
    expect(missing.headers['x-experience-api-version']).toBe('2.0.0');
    for (const res of [unknown]) expect(res.headers['x-experience-api-version']).toBe('1.0.3');
    expect(about.headers['x-experience-api-version']).toBe('2.0.0');
    expect(about.body.version).toContain('1.0.3');
  });

  it('answers 401 with a Basic challenge without valid credentials, and for a revoked client', async () => {
    const client = await lrsAuth(t);
    await t.deps.xapi.clients.revoke(client.key);

    const none = await request(t.app).get('/xapi/statements').set(V);
    const revoked = await request(t.app).get('/xapi/statements').set(headersOf(client));

    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic/);
    expect(revoked.status).toBe(401);
  });

  it('stores with PUT, reads it back with authority and version, and tells a duplicate from a conflict', async () => {
    const id = crypto.randomUUID();
    const s = aStatement({ id });

    const put = await request(t.app).put(`/xapi/statements?statementId=${id}`).set(h).send(s);
    const again = await request(t.app).put(`/xapi/statements?statementId=${id}`).set(h).send(s);
    const conflict = await request(t.app)
      .put(`/xapi/statements?statementId=${id}`)
      .set(h)
      .send({ ...s, verb: { id: 'http://example.org/other' } });
    const got = await request(t.app).get(`/xapi/statements?statementId=${id}`).set(h);

    expect([put.status, again.status, conflict.status]).toEqual([204, 204, 409]);
    expect(got.body).toMatchObject({ id, version: '1.0.0', authority: { objectType: 'Agent', name: 'Test tool' } });
    expect(got.headers['x-experience-api-consistent-through']).toBeTruthy();
  });

  it('stores nothing from a batch with one bad statement', async () => {
    const good = aStatement({ id: crypto.randomUUID() }) as ReturnType<typeof aStatement> & { id: string };

    const res = await request(t.app)
      .post('/xapi/statements')
      .set(h)
      .send([good, aStatement({ verb: { id: 'not an iri' } })]);

    expect(res.status).toBe(400);
    expect((await request(t.app).get(`/xapi/statements?statementId=${good.id}`).set(h)).status).toBe(404);
  });

  it('hides a voided statement from statementId and queries, but returns it by voidedStatementId', async () => {
    const [id] = (await request(t.app).post('/xapi/statements').set(h).send(aStatement())).body;
    await request(t.app)
      .post('/xapi/statements')
      .set(h)
      .send(
        aStatement({
          verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
          object: { objectType: 'StatementRef', id },
        }),
      );

    const byId = await request(t.app).get(`/xapi/statements?statementId=${id}`).set(h);
    const byVoided = await request(t.app).get(`/xapi/statements?voidedStatementId=${id}`).set(h);
    const all = await request(t.app).get('/xapi/statements').set(h);

    expect(byId.status).toBe(404);
    expect(byVoided.body.id).toBe(id);
    expect(all.body.statements.map((s: { id: string }) => s.id)).not.toContain(id);
  });

  it('pages with a more link until the end', async () => {
    const ids = (
      await request(t.app)
        .post('/xapi/statements')
        .set(h)
        .send([1, 2, 3, 4, 5].map(() => aStatement()))
    ).body as string[];

    const seen: string[] = [];
    let url = '/xapi/statements?limit=2&ascending=true';
    while (url) {
      const res = await request(t.app).get(url).set(h);
      seen.push(...res.body.statements.map((s: { id: string }) => s.id));
      url = res.body.more;
    }

    expect(seen).toEqual(ids);
  });

  it('accepts the alternate request syntax', async () => {
    const id = crypto.randomUUID();
    const form = {
      statementId: id,
      Authorization: h.Authorization,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
      content: JSON.stringify(aStatement()),
    };

    const res = await request(t.app).post('/xapi/statements?method=PUT').type('form').send(form);

    expect(res.status).toBe(204);
    expect((await request(t.app).get(`/xapi/statements?statementId=${id}`).set(h)).status).toBe(200);
  });

  it('answers a CORS preflight without credentials', async () => {
    const res = await request(t.app).options('/xapi/statements').set('Origin', 'https://tool.example.org');

    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://tool.example.org');
    expect(res.headers['access-control-allow-headers']).toMatch(/X-Experience-API-Version/);
  });
});

describe('/xapi scopes', () => {
  it('enforces the scope matrix, and statements/read/mine sees only its own statements', async () => {
    const t = await testApp();
    const writer = headersOf(await lrsAuth(t, ['statements/write', 'statements/read/mine']));
    const other = headersOf(await lrsAuth(t, ['statements/write']));
    const reader = headersOf(await lrsAuth(t, ['statements/read']));
    const stateOnly = headersOf(await lrsAuth(t, ['state']));
    const [mine] = (await request(t.app).post('/xapi/statements').set(writer).send(aStatement())).body;
    const [theirs] = (await request(t.app).post('/xapi/statements').set(other).send(aStatement())).body;

    const mineList = await request(t.app).get('/xapi/statements').set(writer);
    const theirsById = await request(t.app).get(`/xapi/statements?statementId=${theirs}`).set(writer);
    const all = await request(t.app).get('/xapi/statements').set(reader);

    expect(mineList.body.statements.map((s: { id: string }) => s.id)).toEqual([mine]);
    expect(theirsById.status).toBe(404);
    expect(all.body.statements).toHaveLength(2);
    expect((await request(t.app).get('/xapi/statements').set(other)).status).toBe(403);
    expect((await request(t.app).post('/xapi/statements').set(reader).send(aStatement())).status).toBe(403);
    expect((await request(t.app).post('/xapi/statements').set(stateOnly).send(aStatement())).status).toBe(403);
    expect((await request(t.app).get('/xapi/activities/profile?activityId=http://a').set(stateOnly)).status).toBe(403);
  });

  it('rate-limits failed authentication', async () => {
    const t = await testApp({ RATE_LIMIT: 'true' });
    const wrong = { Authorization: `Basic ${Buffer.from('nobody:wrong').toString('base64')}`, ...V };

    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await request(t.app).get('/xapi/statements').set(wrong)).status);

    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
