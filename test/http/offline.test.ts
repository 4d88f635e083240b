import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { registeredAgent, submitForm, testApp } from '../support/app.js';
import { COURSE, csrfOf, learningApp } from '../support/learning.js';

const EXPERIENCED = 'http://adlnet.gov/expapi/verbs/experienced';
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';
const LESSON = `${COURSE}/modules/m1-basics/lessons/l2-rules`;

async function enrolled(language = 'en') {
  const t = await learningApp();
  const { agent, email } = await registeredAgent(t.app, { language });
  await submitForm(agent, COURSE, `${COURSE}/enrol`, {});
  const user = (await t.deps.store.users.findByEmail(email))!;
  const enrolment = (await t.deps.store.learning.findEnrolment(user.id, 'fixture-course'))!;
  return { t, agent, enrolment };
}

const statementsOf = async (t: Awaited<ReturnType<typeof learningApp>>, registration: string, verb: string) =>
  (await t.deps.store.statements.query({ registration, verb, ascending: true, limit: 100 })).statements;

describe('offline reading', () => {
  it("plans every lesson of the course in the learner's language, with its assets, scripts and size", async () => {
    const { agent } = await enrolled('fr');

    const res = await agent.get(`${COURSE}/offline.json`).set('Cookie', 'praxis_lang=fr');

    expect(res.status).toBe(200);
    const urls = (res.body.files as { url: string }[]).map((f) => f.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        COURSE,
        '/offline/fixture-course',
        `${COURSE}/modules/m1-basics/lessons/l1-welcome`,
        LESSON,
        `${COURSE}/modules/m2-practice/lessons/l1-apply`,
        `${COURSE}/modules/m3-extra/lessons/l1-reading`,
        '/public/css/site.css',
        '/public/js/tracker.js',
        '/public/vendor/xapi.umd.js',
        '/public/js/offline.js',
      ]),
    );
    expect(urls.some((u) => u.includes('/quizzes/'))).toBe(false);
    expect(res.body).toMatchObject({
      cache: 'praxis-course:fixture-course:1.2.0:fr',
      language: 'fr',
      version: '1.2.0',
    });
    expect(res.body.bytes).toBeGreaterThan(50_000);
    expect(res.body.bytes).toBe((res.body.files as { bytes: number }[]).reduce((s, f) => s + f.bytes, 0));
  });

  it('refuses the plan to a learner who is not enrolled, and sends a visitor to sign in', async () => {
    const t = await learningApp();
    const { agent } = await registeredAgent(t.app);

    const notEnrolled = await agent.get(`${COURSE}/offline.json`);
    const anonymous = await (await import('supertest')).default(t.app).get(`${COURSE}/offline.json`);

    expect(notEnrolled.status).toBe(409);
    expect(anonymous.status).toBe(303);
  });

  it('keeps every course of the catalogue under 2 MB for offline reading', async () => {
    const t = await testApp({ COURSES_DIR: join(import.meta.dirname, '../../courses') });
    const app = createApp(t.deps);
    const { agent } = await registeredAgent(app);

    for (const slug of t.deps.catalogue.list('en').map((c) => c.slug)) {
      await submitForm(agent, `/courses/${slug}`, `/courses/${slug}/enrol`, {});
      const plan = await agent.get(`/courses/${slug}/offline.json`);
      expect(plan.status, slug).toBe(200);
      expect(plan.body.bytes, slug).toBeLessThan(2_000_000);
    }
  });

  it("records no visit when a lesson is saved for offline reading, and says so to the page's tracker", async () => {
    const { t, agent, enrolment } = await enrolled();

    const saved = await agent.get(LESSON).set('X-Praxis-Offline', '1');
    const read = await agent.get(LESSON);

    expect(saved.status).toBe(200);
    expect(saved.text).toContain('data-prefetched="true"');
    expect(read.text).toContain('data-prefetched="false"');
    expect(await statementsOf(t, enrolment.id, EXPERIENCED)).toHaveLength(1);
  });

  it('applies a lesson marked done offline with the time it happened, once, and answers the queue in JSON', async () => {
    const { t, agent, enrolment } = await enrolled();
    const page = await agent.get(LESSON);
    const doneAt = new Date(enrolment.enrolledAt.getTime() + 1).toISOString(); // offline, just after enrolling

    const first = await agent
      .post(`${LESSON}/done`)
      .type('form')
      .set('Accept', 'application/json')
      .send({ _csrf: csrfOf(page.text), doneAt });
    const replayed = await agent
      .post(`${LESSON}/done`)
      .type('form')
      .set('Accept', 'application/json')
      .send({ _csrf: csrfOf(page.text), doneAt });

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ recorded: true, bar: { done: 1 } });
    expect(replayed.body).toMatchObject({ recorded: false });
    const completed = await statementsOf(t, enrolment.id, COMPLETED);
    expect(completed).toHaveLength(1);
    expect(new Date(completed[0]!.timestamp as string).toISOString()).toBe(doneAt);
  });

  it('keeps an offline time within the enrolment and the present, and refuses one that is not a time', async () => {
    const { t, agent, enrolment } = await enrolled();
    const page = await agent.get(LESSON);
    const csrf = csrfOf(page.text);

    const bad = await agent
      .post(`${LESSON}/done`)
      .type('form')
      .set('Accept', 'application/json')
      .send({ _csrf: csrf, doneAt: 'yesterday' });
    const future = await agent
      .post(`${LESSON}/done`)
      .type('form')
      .set('Accept', 'application/json')
      .send({ _csrf: csrf, doneAt: '2999-01-01T00:00:00Z' });
    const early = await agent
      .post(`${COURSE}/modules/m1-basics/lessons/l1-welcome/done`)
      .type('form')
      .set('Accept', 'application/json')
      .send({ _csrf: csrf, doneAt: '2001-01-01T00:00:00Z' });

    expect(bad.status).toBe(400);
    expect(future.status).toBe(200);
    expect(early.status).toBe(200);
    const times = (await statementsOf(t, enrolment.id, COMPLETED)).map((s) =>
      new Date(s.timestamp as string).getTime(),
    );
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(enrolment.enrolledAt.getTime());
  });

  it("serves the service worker for the whole site and a manifest in the visitor's language", async () => {
    const t = await learningApp();
    const request = (await import('supertest')).default(t.app);

    const sw = await request.get('/sw.js');
    const manifest = await request.get('/manifest.webmanifest').set('Accept-Language', 'es');

    expect(sw.status).toBe(200);
    expect(sw.headers['service-worker-allowed']).toBe('/');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['content-type']).toContain('javascript');
    expect(manifest.headers['content-type']).toContain('application/manifest+json');
    expect(JSON.parse(manifest.text)).toMatchObject({ lang: 'es', start_url: '/my', display: 'standalone' });
    expect(JSON.parse(manifest.text).description).toContain('justicia');
  });

  it('clears what the device saved when the learner signs out (shared phones)', async () => {
    const { agent } = await enrolled();
    const page = await agent.get('/my');

    const res = await agent
      .post('/signout')
      .type('form')
      .send({ _csrf: csrfOf(page.text) });

    expect(res.status).toBe(303);
    expect(res.headers['clear-site-data']).toBe('"cache", "storage"');
  });

  it('offers the offline stand-in page, which says quizzes need a connection', async () => {
    const { agent } = await enrolled();

    const res = await agent.get('/offline/fixture-course');

    expect(res.status).toBe(200);
    expect(res.text).toContain('You need a connection to take this quiz');
  });
});
