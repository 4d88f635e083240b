import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { JSON_MAX_DEPTH } from '../../server/ledger/json-text.js';
import type { StoredStatement } from '../../server/store/store.js';
import { testApp } from '../support/app.js';
import { aStatement, headersOf, lrsAuth } from '../support/xapi.js';

/** A value nested `depth` levels deep: {"a":{"a":...1...}}. */
const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
const EXT = 'https://example.org/ext/deep';
/** The statement is level 1, result 2, extensions 3: the extension value adds its own depth. */
const deepStatement = (valueDepth: number, over: Record<string, unknown> = {}) =>
  aStatement({ id: randomUUID(), result: { extensions: { [EXT]: nested(valueDepth) } }, ...over });

describe('JSON nesting depth', () => {
  it(`stores a statement ${JSON_MAX_DEPTH} levels deep and refuses deeper ones, even 5,000 deep, with a 400 naming the limit`, async () => {
    const t = await testApp();
    const tool = headersOf(await lrsAuth(t));
    const before = await t.deps.store.statements.count();

    const atLimit = await request(t.app)
      .post('/xapi/statements')
      .set(tool)
      .send(deepStatement(JSON_MAX_DEPTH - 3));
    const over = await request(t.app)
      .post('/xapi/statements')
      .set(tool)
      .send(deepStatement(JSON_MAX_DEPTH - 2));
    const huge = await request(t.app)
      .post('/xapi/statements')
      .set(tool)
      .type('application/json')
      .send(JSON.stringify(deepStatement(1)).replace('"a":1}', `"a":${'['.repeat(5000)}${']'.repeat(5000)}}`));

    expect(atLimit.status).toBe(200);
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({
      title: 'json_too_deep',
      detail: expect.stringContaining(`limit is ${JSON_MAX_DEPTH}`),
    });
    expect(huge.status).toBe(400);
    expect(huge.body).toMatchObject({ title: 'json_too_deep' });
    expect(await t.deps.store.statements.count()).toBe(before + 1);
  });

  it('refuses deep JSON documents (PUT and the POST merge) and deep JSON on /api with 400', async () => {
    const t = await testApp();
    const tool = headersOf(await lrsAuth(t));
    const agent = JSON.stringify({ mbox: 'mailto:ada@example.org' });
    const path = `/xapi/activities/state?activityId=${encodeURIComponent('https://example.org/a')}&agent=${encodeURIComponent(agent)}&stateId=s`;
    const deep = `{"top":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;

    const put = await request(t.app)
      .put(path)
      .set(tool)
      .type('application/json')
      .send(JSON.stringify({ top: nested(100) }));
    const post = await request(t.app).post(path).set(tool).type('application/json').send(deep);
    const api = await request(t.app).post('/api/scorm/commit').type('application/json').send(deep);

    expect(put.status).toBe(400);
    expect(put.body).toMatchObject({ title: 'json_too_deep' });
    expect(post.status).toBe(400);
    expect(post.body).toMatchObject({ title: 'json_too_deep' });
    expect(api.status).toBe(400);
    expect(api.body).toMatchObject({ title: 'json_too_deep' });
  });

  it('reads a statement already stored 10,000 levels deep in every format and page, and answers a retry with 409, never 500', async () => {
    const t = await testApp();
    const tool = headersOf(await lrsAuth(t));
    const stored = new Date().toISOString();
    const deep: StoredStatement = {
      id: randomUUID(),
      actor: { objectType: 'Agent', mbox: 'mailto:deep@example.org' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { objectType: 'Activity', id: 'https://praxis.test/courses/c/lessons/l1' },
      result: { extensions: { [EXT]: nested(10_000) } },
      stored,
      timestamp: stored,
      version: '1.0.0',
      authority: { objectType: 'Agent', account: { homePage: 'https://tool.example.org', name: 'old-tool' } },
    };
    await t.deps.store.record({ entries: [{ statement: deep, clientId: null }] });

    const page = await request(t.app).get('/xapi/statements').set(tool);
    const single = await request(t.app).get(`/xapi/statements?statementId=${deep.id}`).set(tool);
    const ids = await request(t.app).get('/xapi/statements?format=ids').set(tool);
    const canonical = await request(t.app).get('/xapi/statements?format=canonical').set(tool);
    const withAttachments = await request(t.app).get('/xapi/statements?attachments=true').set(tool);
    const retry = await request(t.app)
      .put(`/xapi/statements?statementId=${deep.id}`)
      .set(tool)
      .send({ ...deepStatement(3), id: deep.id, actor: deep.actor });

    for (const res of [page, single, ids, canonical, withAttachments]) expect(res.status).toBe(200);
    expect(page.body.statements.map((s: { id: string }) => s.id)).toContain(deep.id);
    let v: unknown = single.body.result.extensions[EXT];
    let depth = 0;
    while (v && typeof v === 'object') {
      v = (v as { a: unknown }).a;
      depth++;
    }
    expect(depth).toBe(10_000);
    expect(retry.status).toBe(409);
  });
});
