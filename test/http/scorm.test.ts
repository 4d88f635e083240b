import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { registeredAgent, submitForm, testApp, type TestApp } from '../support/app.js';
import { scormPackages, scormZip } from '../support/scorm-packages.js';

describe('SCORM courses over HTTP', () => {
  let t: TestApp;
  let single: string;
  let nested: string;

  beforeEach(async () => {
    t = await testApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'praxis-scorm-http-')) });
    single = (await t.deps.packages.importZip(scormZip(scormPackages.single12()), { by: null, publish: true })).slug;
    nested = (await t.deps.packages.importZip(scormZip(scormPackages.nestedHidden()), { by: null, publish: true }))
      .slug;
  });

  async function enrolled(slug: string) {
    const r = await registeredAgent(t.app);
    const res = await submitForm(r.agent, `/courses/${slug}`, `/courses/${slug}/enrol`, {});
    expect(res.status).toBe(303);
    const user = (await t.deps.store.users.findByEmail(r.email))!;
    return { ...r, user };
  }
  const launch = (agent: Awaited<ReturnType<typeof enrolled>>['agent'], course: string, sco: string) =>
    agent
      .post('/api/scorm/launch')
      .send({ course, sco })
      .expect(200)
      .then((r) => r.body as { attemptId: string; sessionId: string; frameUrl: string });

  it('imports our packages as catalogue courses whose lessons are the SCOs', async () => {
    const { agent } = await enrolled(nested);

    const page = await agent.get(`/courses/${nested}`).expect(200);
    const lesson = await agent.get(`/courses/${nested}/modules/m1/lessons/sco-1`);

    expect(page.text).toContain('Nested and hidden items');
    expect(lesson.status).toBe(303);
    expect(lesson.headers.location).toBe(`/courses/${nested}/play?sco=ITEM-1`);
  });

  it('shows the table of contents without hidden items, in a sandboxed frame, with the course bar', async () => {
    const { agent } = await enrolled(nested);

    const res = await agent.get(`/courses/${nested}/play`).expect(200);

    expect(res.text).toMatch(/sandbox="allow-scripts[^"]*"/);
    expect(res.text).not.toMatch(/sandbox="[^"]*allow-same-origin/); // no content origin: an opaque origin
    expect(res.text).toContain('data-sco="ITEM-3"');
    expect(res.text).not.toContain('data-sco="ITEM-5"'); // isvisible="false"
    expect(res.text).toMatch(/<progress id="scorm-bar"[^>]*max="4" value="0"/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).not.toMatch(/<script>/); // no inline script on Praxis's own page
  });

  it('serves the SCO pages with the run-time first in <head>, under the content CSP, without the session', async () => {
    const { agent } = await enrolled(single);
    const l = await launch(agent, single, 'ITEM-1');

    const frame = await request(t.app).get('/content/_scorm/scorm-frame.html').expect(200);
    expect(l.frameUrl).toBe(`/content/${single}/1/index.html`); // no content origin: the SCO is the frame itself
    const sco = await request(t.app).get(`/content/${single}/1/index.html`).expect(200);
    const js = await request(t.app).get(`/content/${single}/1/sco.js`).expect(200);

    expect(frame.text).toContain('scorm-frame.js');
    expect(sco.text).toMatch(
      /<head><script src="\/content\/_scorm\/cross-frame-api.min.js"><\/script><script src="\/content\/_scorm\/scorm-content.js">/,
    );
    expect(sco.headers['content-security-policy']).toContain('frame-ancestors');
    expect(sco.headers['set-cookie']).toBeUndefined();
    expect(js.text).toContain('findApi');
    await request(t.app).get('/content/_scorm/scorm-frame.js').expect(200);
    await request(t.app).get('/content/_scorm/secrets.js').expect(404);
  });

  it('sends a learner who is not enrolled to the course page, and a stranger to sign in', async () => {
    const { agent } = await registeredAgent(t.app);

    await agent.get(`/courses/${single}/play`).expect(303).expect('Location', `/courses/${single}`);
    expect((await request(t.app).post('/api/scorm/commit').send({})).status).toBe(401);
  });

  it("accepts a commit for the learner's own attempt and says what is wrong with a bad one", async () => {
    const ada = await enrolled(single);
    const l = await launch(ada.agent, single, 'ITEM-1');

    const ok = await ada.agent.post('/api/scorm/commit').send({
      attemptId: l.attemptId,
      sessionId: l.sessionId,
      sequence: 1,
      cmi: { lessonStatus: 'incomplete', location: '2' },
    });
    const bad = await ada.agent.post('/api/scorm/commit').send({
      attemptId: l.attemptId,
      sessionId: l.sessionId,
      sequence: 2,
      cmi: { lessonStatus: 'finished', suspendData: 'x'.repeat(5000) },
    });

    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ applied: true, bar: { done: 0, total: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toMatch(/lessonStatus/);
    expect(JSON.stringify(bad.body)).toMatch(/suspendData/);
  });

  it("refuses to let one learner write another learner's attempt, or mark a SCO done by hand", async () => {
    const ada = await enrolled(single);
    const bo = await enrolled(single);
    const l = await launch(ada.agent, single, 'ITEM-1');

    const res = await bo.agent
      .post('/api/scorm/commit')
      .send({ attemptId: l.attemptId, sessionId: l.sessionId, sequence: 1, cmi: { location: 'x' } });
    const byHand = await submitForm(
      bo.agent,
      `/courses/${single}`,
      `/courses/${single}/modules/m0/lessons/sco-1/done`,
      {},
    );

    expect(res.status).toBe(404);
    expect((await t.deps.store.scorm.attempt(l.attemptId))?.cmi.location).toBe('');
    expect(byHand.status).toBe(409);
    expect((await t.deps.store.learning.findEnrolment(bo.user.id, single))?.completedAt).toBeNull();
  });

  it('refuses a commit sent from another site, and a huge body, without a 500', async () => {
    const ada = await enrolled(single);
    const l = await launch(ada.agent, single, 'ITEM-1');

    const foreign = await ada.agent
      .post('/api/scorm/commit')
      .set('Origin', 'https://evil.example')
      .send({ attemptId: l.attemptId, sessionId: l.sessionId, sequence: 1, cmi: { location: 'x' } });
    const huge = await ada.agent
      .post('/api/scorm/commit')
      .set('Content-Type', 'application/json')
      .send(`{"cmi":"${'x'.repeat(2_000_000)}"}`);
    let deep: unknown = 'x';
    for (let i = 0; i < 2000; i++) deep = [deep];
    const nestedBody = await ada.agent
      .post('/api/scorm/commit')
      .send({ attemptId: l.attemptId, sessionId: l.sessionId, sequence: 1, cmi: { interactions: deep } });

    expect(foreign.status).toBe(403);
    expect(huge.status).toBe(413);
    expect(nestedBody.status).toBe(400);
  });

  it('serves scorm-again from our own files with a long cache', async () => {
    const res = await request(t.app).get('/public/vendor/scorm-again/scorm12.min.js').expect(200);

    expect(res.headers['cache-control']).toContain('max-age=604800');
    expect(res.text).toContain('Scorm12API');
  });
});
