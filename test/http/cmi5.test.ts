import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { registeredAgent, testApp, type Agent } from '../support/app.js';
import { cmi5Package } from '../support/cmi5-packages.js';

const V = (v: string) => `http://adlnet.gov/expapi/verbs/${v}`;
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const CATEGORY = [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }];
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const unescapeHtml = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#x3D;/g, '=')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");

async function course() {
  const t = await testApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'praxis-cmi5-http-')) });
  const { slug } = await t.deps.packages.importZip(cmi5Package(), { by: null, publish: true });
  const { agent, email } = await registeredAgent(t.app);
  const page = await agent.get(`/courses/${slug}`);
  await agent
    .post(`/courses/${slug}/enrol`)
    .type('form')
    .send({ _csrf: csrfOf(page.text) });
  const user = (await t.deps.store.users.findByEmail(email))!;
  return { t, agent, slug, user, lrs: request(t.app) };
}

/** Launches an AU as the learner's browser does, and reads the launch parameters from the frame. */
async function launch(agent: Agent, slug: string, lesson: string) {
  const play = await agent.get(`/courses/${slug}/play/${lesson}`);
  const res = await agent
    .post(`/courses/${slug}/play/${lesson}/launch`)
    .type('form')
    .send({ _csrf: csrfOf(play.text) });
  const src = unescapeHtml(/<iframe class="package-frame" src="([^"]+)"/.exec(res.text)![1]!);
  const q = new URL(src).searchParams;
  return {
    src,
    endpoint: q.get('endpoint')!,
    fetch: q.get('fetch')!,
    actor: JSON.parse(q.get('actor')!),
    registration: q.get('registration')!,
    activityId: q.get('activityId')!,
  };
}

describe('cmi5 launch and tracking (the LMS side)', () => {
  it("launches with the spec's parameters, hands out the token once, and writes launched, LaunchData and the learner's preferences", async () => {
    const { t, agent, slug, lrs } = await course();

    const l = await launch(agent, slug, 'm0/au-1');
    const fetch1 = await lrs.post(new URL(l.fetch).pathname + new URL(l.fetch).search);
    const fetch2 = await lrs.post(new URL(l.fetch).pathname + new URL(l.fetch).search);
    const auth = `Basic ${fetch1.body['auth-token']}`;
    const stateQuery = {
      stateId: 'LMS.LaunchData',
      activityId: l.activityId,
      agent: JSON.stringify(l.actor),
      registration: l.registration,
    };
    const launchData = await lrs
      .get('/xapi/activities/state')
      .query(stateQuery)
      .set({ Authorization: auth, 'X-Experience-API-Version': '1.0.3' });
    const prefs = await lrs
      .get('/xapi/agents/profile')
      .query({ profileId: 'cmi5LearnerPreferences', agent: JSON.stringify(l.actor) })
      .set({ Authorization: auth, 'X-Experience-API-Version': '1.0.3' });

    expect(l.src).toMatch(new RegExp(`/content/${slug}/1/au\\.html\\?`));
    expect(l.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/xapi\/$/); // where the browser is
    expect(l.actor).toEqual({
      objectType: 'Agent',
      account: { homePage: t.deps.config.PUBLIC_URL, name: expect.any(String) },
    });
    expect(fetch1.status).toBe(200);
    expect(fetch2.status).toBe(400);
    expect(fetch2.body['error-code']).toBe('1');
    expect(launchData.status).toBe(200);
    expect(launchData.body).toMatchObject({
      launchMode: 'Normal',
      moveOn: 'Completed',
      returnURL: expect.stringContaining(`/courses/${slug}/play/m0/au-1`),
    });
    expect(Object.keys(launchData.body.contextTemplate.extensions)).toEqual([SESSION]);
    expect(prefs.body).toEqual({ languagePreference: 'en', audioPreference: 'on' });
    const launched = (
      await t.deps.store.statements.query({ registration: l.registration, verb: V('launched'), limit: 5 })
    ).statements;
    expect(launched).toHaveLength(1);
  });

  it('counts an AU done when its moveOn is met, refuses what the statement rules forbid, and completes the course with a certificate', async () => {
    const { t, agent, slug, user, lrs } = await course();
    const send = async (
      l: Awaited<ReturnType<typeof launch>>,
      auth: string,
      verb: string,
      over: Record<string, unknown> = {},
    ) => {
      const sessionId = (
        await lrs
          .get('/xapi/activities/state')
          .query({
            stateId: 'LMS.LaunchData',
            activityId: l.activityId,
            agent: JSON.stringify(l.actor),
            registration: l.registration,
          })
          .set({ Authorization: auth, 'X-Experience-API-Version': '1.0.3' })
      ).body.contextTemplate.extensions[SESSION];
      return lrs
        .post('/xapi/statements')
        .set({ Authorization: auth, 'X-Experience-API-Version': '1.0.3' })
        .send({
          actor: l.actor,
          verb: { id: V(verb) },
          object: { id: l.activityId },
          context: {
            registration: l.registration,
            contextActivities: { category: CATEGORY },
            extensions: { [SESSION]: sessionId },
          },
          ...over,
        });
    };
    const tokenOf = async (l: Awaited<ReturnType<typeof launch>>) =>
      `Basic ${(await lrs.post(new URL(l.fetch).pathname + new URL(l.fetch).search)).body['auth-token']}`;

    const au1 = await launch(agent, slug, 'm0/au-1');
    const a1 = await tokenOf(au1);
    expect((await send(au1, a1, 'initialized')).status).toBe(200);
    expect((await send(au1, a1, 'completed', { result: { completion: true } })).status).toBe(200);
    expect((await send(au1, a1, 'completed', { result: { completion: true } })).status).toBe(403); // a second completed
    expect(
      (
        await send(au1, a1, 'initialized', {
          actor: { objectType: 'Agent', account: { homePage: 'https://evil.example', name: 'x' } },
        })
      ).status,
    ).toBe(403);
    expect(
      (await send(au1, a1, 'initialized', { context: { registration: crypto.randomUUID(), extensions: {} } })).status,
    ).toBe(403);
    expect(
      (await lrs.get('/xapi/statements').set({ Authorization: a1, 'X-Experience-API-Version': '1.0.3' })).status,
    ).toBe(403);
    expect((await send(au1, a1, 'terminated')).status).toBe(200);
    expect((await send(au1, a1, 'initialized')).status).toBe(403); // after terminated

    const progress1 = await t.deps.learning.requireProgress(user, slug);
    expect(progress1.doneLessons.map((l) => l.lessonId)).toEqual(['au-1']);
    expect(
      (
        await t.deps.store.statements.query({
          registration: au1.registration,
          verb: 'https://w3id.org/xapi/adl/verbs/satisfied',
          limit: 5,
        })
      ).statements,
    ).toHaveLength(1);

    const au2 = await launch(agent, slug, 'm0/au-2');
    const a2 = await tokenOf(au2);
    await send(au2, a2, 'initialized');
    expect((await send(au2, a2, 'passed', { result: { success: true, score: { scaled: 0.5 } } })).status).toBe(403); // below mastery 0.8
    expect((await send(au2, a2, 'passed', { result: { success: true, score: { scaled: 0.9 } } })).status).toBe(200);

    const done = await t.deps.learning.requireProgress(user, slug);
    expect(done.enrolment.completedAt).not.toBeNull();
    expect(await t.deps.store.certificates.findForUserCourse(user.id, slug)).not.toBeNull();
    const satisfied = (
      await t.deps.store.statements.query({
        registration: au2.registration,
        verb: 'https://w3id.org/xapi/adl/verbs/satisfied',
        limit: 5,
      })
    ).statements;
    expect(satisfied.map((s) => (s.object as { id: string }).id)).toContain(
      'https://praxis.example.org/test/cmi5/road-safety',
    );
  });

  it('abandons a session left without terminated when the AU is launched again', async () => {
    const { t, agent, slug } = await course();

    const first = await launch(agent, slug, 'm0/au-1');
    await launch(agent, slug, 'm0/au-1');

    const abandoned = (
      await t.deps.store.statements.query({
        registration: first.registration,
        verb: 'https://w3id.org/xapi/adl/verbs/abandoned',
        limit: 5,
      })
    ).statements;
    expect(abandoned).toHaveLength(1);
  });

  it('lets an administrator waive an AU for a learner with a reason: it counts as done, and the audit log says who and why', async () => {
    const { t, slug, user } = await course();
    const { signedInWithRoles } = await import('../support/app.js');
    const { agent: admin, user: adminUser } = await signedInWithRoles(t, ['learner', 'admin']);
    const page = await admin.get(`/admin/packages/${slug}`);

    const res = await admin
      .post(`/admin/packages/${slug}/waive`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: user.email, unit: 'm0/au-1', reason: 'Recognised prior learning' });

    expect(res.status).toBe(303);
    const progress = await t.deps.learning.requireProgress(user, slug);
    expect(progress.doneLessons.map((l) => l.lessonId)).toEqual(['au-1']);
    const waived = (
      await t.deps.store.statements.query({
        registration: progress.enrolment.id,
        verb: 'https://w3id.org/xapi/adl/verbs/waived',
        limit: 5,
      })
    ).statements;
    expect(waived).toHaveLength(1);
    const audit = await t.deps.store.audit.list({ targetType: 'user', targetId: user.id, limit: 5 });
    expect(audit[0]).toMatchObject({
      actorId: adminUser.id,
      action: 'cmi5.waived',
      details: { reason: 'Recognised prior learning' },
    });
  });
});
