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
const MOVE_ON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const PREFS = 'cmi5LearnerPreferences';
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
    expect(fetch2.status).toBe(200); // cmi5 8.2.2.0-3: the error is in the body
    expect(fetch2.body['error-code']).toBe('1');
    expect(fetch2.body['auth-token']).toBeUndefined();
    expect(l.activityId).not.toBe('https://praxis.example.org/test/cmi5/road-safety/au/1'); // generated (8.1.5.0-3)
    expect(launchData.status).toBe(200);
    expect(launchData.body).toMatchObject({
      launchMode: 'Normal',
      moveOn: 'Completed',
      returnURL: expect.stringContaining(`/courses/${slug}/play/m0/au-1`),
    });
    expect(Object.keys(launchData.body.contextTemplate.extensions)).toEqual([SESSION]);
    expect(launchData.body.contextTemplate.contextActivities.grouping).toEqual([
      { objectType: 'Activity', id: 'https://praxis.example.org/test/cmi5/road-safety/au/1' },
    ]);
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
      const moveOn = ['completed', 'passed', 'failed'].includes(verb);
      return lrs
        .post('/xapi/statements')
        .set({ Authorization: auth, 'X-Experience-API-Version': '1.0.3' })
        .send({
          id: crypto.randomUUID(),
          timestamp: new Date().toISOString(),
          actor: l.actor,
          verb: { id: V(verb) },
          object: { id: l.activityId },
          context: {
            registration: l.registration,
            contextActivities: { category: moveOn ? [...CATEGORY, { id: MOVE_ON }] : CATEGORY },
            extensions: { [SESSION]: sessionId },
          },
          ...over,
        });
    };
    /** The AU's start: the token, then its learner's preferences (cmi5 11.0.0.0-3: before initialized). */
    const tokenOf = async (l: Awaited<ReturnType<typeof launch>>) => {
      const auth = `Basic ${(await lrs.post(new URL(l.fetch).pathname + new URL(l.fetch).search)).body['auth-token']}`;
      await lrs
        .get('/xapi/agents/profile')
        .query({ profileId: PREFS, agent: JSON.stringify(l.actor) })
        .set({ Authorization: auth, 'X-Experience-API-Version': '1.0.3' });
      return auth;
    };

    const au1 = await launch(agent, slug, 'm0/au-1');
    const a1 = await tokenOf(au1);
    expect((await send(au1, a1, 'initialized')).status).toBe(200);
    const done = { completion: true, duration: 'PT1M' };
    expect((await send(au1, a1, 'completed', { result: { completion: true } })).status).toBe(403); // no duration
    expect((await send(au1, a1, 'completed', { result: done })).status).toBe(200);
    expect((await send(au1, a1, 'completed', { result: done })).status).toBe(403); // a second completed
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
    expect((await send(au1, a1, 'terminated', { result: { duration: 'PT2M' } })).status).toBe(200);
    // After terminated the session's token opens nothing (cmi5 8.1.2.0-2).
    expect(
      (await lrs.post('/xapi/statements').set({ Authorization: a1, 'X-Experience-API-Version': '1.0.3' }).send({}))
        .status,
    ).toBe(401);

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
    ).toHaveLength(0); // the course is not satisfied yet; AUs get no satisfied statement (cmi5 9.3.9)

    const au2 = await launch(agent, slug, 'm0/au-2');
    const a2 = await tokenOf(au2);
    await send(au2, a2, 'initialized');
    const mastery = (over: Record<string, unknown>) => ({
      ...over,
      context: {
        registration: au2.registration,
        contextActivities: { category: [...CATEGORY, { id: MOVE_ON }] },
        extensions: { [SESSION]: au2Session, 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': 0.8 },
      },
    });
    const au2Session = (
      await lrs
        .get('/xapi/activities/state')
        .query({
          stateId: 'LMS.LaunchData',
          activityId: au2.activityId,
          agent: JSON.stringify(au2.actor),
          registration: au2.registration,
        })
        .set({ Authorization: a2, 'X-Experience-API-Version': '1.0.3' })
    ).body.contextTemplate.extensions[SESSION];
    const below = { success: true, score: { scaled: 0.5 }, duration: 'PT1M' };
    const above = { success: true, score: { scaled: 0.9 }, duration: 'PT1M' };
    expect((await send(au2, a2, 'passed', mastery({ result: below }))).status).toBe(403); // below mastery 0.8
    expect((await send(au2, a2, 'passed', { result: above })).status).toBe(403); // without the masteryScore it used
    expect((await send(au2, a2, 'passed', mastery({ result: above }))).status).toBe(200);

    const finished = await t.deps.learning.requireProgress(user, slug);
    expect(finished.enrolment.completedAt).not.toBeNull();
    expect(await t.deps.store.certificates.findForUserCourse(user.id, slug)).not.toBeNull();
    const satisfied = (
      await t.deps.store.statements.query({
        registration: au2.registration,
        verb: 'https://w3id.org/xapi/adl/verbs/satisfied',
        limit: 5,
      })
    ).statements;
    // The course's satisfied statement: a generated id, the publisher's id in grouping (cmi5 9.3.9.0-8, 9.6.2.3-2).
    expect(satisfied).toHaveLength(1);
    expect(satisfied[0]!.object).toMatchObject({
      id: `${t.deps.config.PUBLIC_URL}/cmi5/${slug}/course`,
      definition: { type: 'https://w3id.org/xapi/cmi5/activitytype/course' },
    });
    expect(JSON.stringify(satisfied[0]!.context)).toContain('https://praxis.example.org/test/cmi5/road-safety');
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
