import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { aLearnerStatement } from '../support/statements.js';
import { aStatement, headersOf, lrsAuth } from '../support/xapi.js';

const voiding = (id: string) =>
  aStatement({
    verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
    object: { objectType: 'StatementRef', id },
  });

describe("voiding the platform's own statements", () => {
  it('needs the scope praxis/void-platform, which even `all` does not include', async () => {
    const t = await testApp();
    const completion = aLearnerStatement(t.deps.config.PUBLIC_URL, crypto.randomUUID(), { verb: 'completed' });
    await t.deps.store.record({ entries: [{ statement: completion, clientId: null }] });
    const writer = headersOf(await lrsAuth(t, ['statements/write']));
    const everything = headersOf(await lrsAuth(t, ['all']));
    const trusted = headersOf(await lrsAuth(t, ['statements/write', 'praxis/void-platform']));

    const byWriter = await request(t.app).post('/xapi/statements').set(writer).send(voiding(completion.id));
    const byAll = await request(t.app).post('/xapi/statements').set(everything).send(voiding(completion.id));
    const stillThere = (await t.deps.store.statements.get(completion.id))!.voided;
    const byTrusted = await request(t.app).post('/xapi/statements').set(trusted).send(voiding(completion.id));

    expect(byWriter.status).toBe(403);
    expect(byWriter.body).toMatchObject({
      title: 'void_platform_scope',
      detail: expect.stringContaining('praxis/void-platform'),
    });
    expect(byAll.status).toBe(403);
    expect(stillThere).toBe(false);
    expect(byTrusted.status).toBe(200);
    expect((await t.deps.store.statements.get(completion.id))!.voided).toBe(true);
  });

  it('still lets a client void a statement it stored itself with statements/write', async () => {
    const t = await testApp();
    const writer = headersOf(await lrsAuth(t, ['statements/write']));
    const own = await request(t.app).post('/xapi/statements').set(writer).send(aStatement());

    const res = await request(t.app).post('/xapi/statements').set(writer).send(voiding(own.body[0]));

    expect(res.status).toBe(200);
    expect((await t.deps.store.statements.get(own.body[0]))!.voided).toBe(true);
  });
});
