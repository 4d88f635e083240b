import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { registeredAgent, signedInWithRoles, submitForm, testApp } from '../support/app.js';
import { aLearnerStatement, recordAll } from '../support/statements.js';
import { lrsAuth, V } from '../support/xapi.js';

async function withLearner() {
  const t = await testApp();
  const url = t.deps.config.PUBLIC_URL;
  const admin = await signedInWithRoles(t, ['admin']);
  const learner = await registeredAgent(t.app, { displayName: 'Kofi Mensah' });
  const user = (await t.deps.store.users.findByEmail(learner.email))!;
  const agent = { objectType: 'Agent', account: { homePage: url, name: user.id } };
  return { t, url, admin, learner, user, agent };
}

const confirmPage = (email: string) => `/admin/erasure?email=${encodeURIComponent(email)}`;

describe('erasure of a learner', () => {
  it('asks for the learner by e-mail, then for the e-mail again; a wrong one erases nothing', async () => {
    const { t, admin, learner, user } = await withLearner();

    const confirm = await admin.agent.get(confirmPage(learner.email));
    const wrong = await submitForm(admin.agent, confirmPage(learner.email), `/admin/erasure/${user.id}`, {
      confirm: 'someone@example.org',
    });
    const empty = await submitForm(admin.agent, confirmPage(learner.email), `/admin/erasure/${user.id}`, {});

    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Erase everything about Kofi Mensah?');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('does not match');
    expect(empty.status).toBe(422);
    expect(await t.deps.store.users.findById(user.id)).not.toBeNull();
    expect(await t.deps.store.audit.list({ targetType: 'user', targetId: user.id, limit: 5 })).toEqual([]);
  });

  it('answers 422 when no learner has the e-mail address', async () => {
    const { admin } = await withLearner();

    const res = await admin.agent.get(confirmPage('nobody@example.org'));

    expect(res.status).toBe(422);
    expect(res.text).toContain('No learner has this e-mail address.');
  });

  it('erases statements, documents, sessions and the profile, and audits that it happened', async () => {
    const { t, url, admin, learner, user, agent } = await withLearner();
    const other = aLearnerStatement(url, 'someone-else');
    await recordAll(t.deps.store, [
      aLearnerStatement(url, user.id),
      aLearnerStatement(url, user.id, { verb: 'passed' }),
      other,
    ]);
    const tool = await lrsAuth(t, ['all']);
    const state = await learnerState(t, tool, agent);
    await t.deps.accounts.sendPasswordReset(learner.email);

    const res = await submitForm(admin.agent, confirmPage(learner.email), `/admin/erasure/${user.id}`, {
      confirm: learner.email.toUpperCase(),
    });
    const audit = await t.deps.store.audit.list({ targetType: 'user', targetId: user.id, limit: 5 });
    const afterState = await learnerState(t, tool, agent, 'GET');
    const learnerSession = await learner.agent.get('/profile');

    expect(state.status).toBe(204);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/erasure?done=1');
    expect(await t.deps.store.users.findById(user.id)).toBeNull();
    expect(await t.deps.store.users.findByEmail(learner.email)).toBeNull();
    expect(
      (await t.deps.store.statements.query({ agent: `account:${url}|${user.id}`, relatedAgents: true, limit: 10 }))
        .statements,
    ).toEqual([]);
    expect(await t.deps.store.statements.get(other.id)).not.toBeNull();
    expect(afterState.status).toBe(404);
    expect(learnerSession.status).toBe(303); // signed out: the session is gone
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'user.erased',
      actorId: admin.user.id,
      details: { counts: { statements: 2, documents: 1, users: 1, resetTokens: 1 } },
    });
    expect(JSON.stringify(audit[0])).not.toContain(learner.email);
    expect(JSON.stringify(audit[0])).not.toContain('Kofi');
  });

  it('refuses erasure pages to a learner', async () => {
    const { t, user } = await withLearner();
    const other = await signedInWithRoles(t, ['learner']);

    const page = await other.agent.get('/admin/erasure');
    const post = await other.agent.post(`/admin/erasure/${user.id}`).type('form').send({ confirm: 'x' });

    expect(page.status).toBe(403);
    expect(post.status).toBe(403);
    expect(await t.deps.store.users.findById(user.id)).not.toBeNull();
  });
});

async function learnerState(
  t: Awaited<ReturnType<typeof testApp>>,
  tool: Awaited<ReturnType<typeof lrsAuth>>,
  agent: object,
  method: 'PUT' | 'GET' = 'PUT',
) {
  const query = {
    activityId: 'http://localhost:3000/courses/line-up-live-up',
    agent: JSON.stringify(agent),
    stateId: 'bookmark',
  };
  const req = request(t.app)
    [method === 'PUT' ? 'put' : 'get']('/xapi/activities/state')
    .query(query)
    .set({ Authorization: tool.Authorization, ...V });
  return method === 'PUT' ? req.set('Content-Type', 'application/json').send('{"page":3}') : req;
}
