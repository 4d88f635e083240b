import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { parseManifest } from '../../server/packages/scorm/manifest-parser.js';
import type { ScormCourse } from '../../server/packages/scorm/scorm-course.js';
import { createScormRuntime } from '../../server/packages/scorm/scorm-runtime-service.js';
import { registeredAgent, testApp, type TestApp } from '../support/app.js';
import { scormPackages, type PackageFiles } from '../support/scorm-packages.js';

function courseOf(files: PackageFiles, slug: string): ScormCourse {
  const parsed = parseManifest(files.get('imsmanifest.xml') ?? '');
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return { slug, version: '1', title: { en: `Course ${slug}` }, defaultLanguage: 'en', languages: ['en'], estimatedMinutes: 5,
    certificate: false, manifest: parsed.manifest, contentBase: `/content/${slug}/1/` };
}
const COURSES = new Map([['single', courseOf(scormPackages.single12(), 'single')], ['nested', courseOf(scormPackages.nestedHidden(), 'nested')]]);

describe('SCORM player and run-time API over HTTP', () => {
  let t: TestApp;
  let app: TestApp['app'];

  beforeEach(async () => {
    t = await testApp();
    t.deps.scorm = {
      runtime: createScormRuntime({ store: t.deps.store, publicUrl: t.deps.config.PUBLIC_URL, completionHooks: [], runtimeBase: '/rt/',
        courses: async (slug) => { const c = COURSES.get(slug); if (!c) throw new Error('unknown'); return c; } }),
      publicUrl: t.deps.config.PUBLIC_URL, sandbox: 'allow-scripts', courseTitle: (title) => title.en ?? '',
    };
    app = createApp(t.deps);
  });

  async function enrolled(slug: string) {
    const r = await registeredAgent(app);
    const user = (await t.deps.store.users.findByEmail(r.email))!;
    const id = crypto.randomUUID();
    await t.deps.store.record({ entries: [], learning: { enrolmentId: id, ops: [{ type: 'enrol', enrolment: {
      id, userId: user.id, courseSlug: slug, courseVersion: '1', enrolledAt: new Date() } }] } });
    return { ...r, user, registration: id };
  }
  const launch = (agent: Awaited<ReturnType<typeof enrolled>>['agent'], course: string, sco: string) =>
    agent.post('/api/scorm/launch').send({ course, sco }).expect(200).then((r) => r.body as { attemptId: string; sessionId: string });

  it('shows the table of contents without hidden items, in a sandboxed frame, with the course bar', async () => {
    const { agent } = await enrolled('nested');

    const res = await agent.get('/courses/nested/play').expect(200);

    expect(res.text).toContain('sandbox="allow-scripts"');
    expect(res.text).toContain('data-sco="ITEM-3"');
    expect(res.text).not.toContain('data-sco="ITEM-5"'); // isvisible="false"
    expect(res.text).toMatch(/<progress id="scorm-bar"[^>]*max="4" value="0"/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).not.toMatch(/<script>(?!<\/script>)/); // no inline script on Praxis's own page
  });

  it('sends a learner who is not enrolled to the course page, and a stranger to sign in', async () => {
    const { agent } = await registeredAgent(app);

    await agent.get('/courses/single/play').expect(303).expect('Location', '/courses/single');
    const anonymous = await (await import('supertest')).default(app).post('/api/scorm/commit').send({});
    expect(anonymous.status).toBe(401);
  });

  it('accepts a commit for the learner\'s own attempt and says what is wrong with a bad one', async () => {
    const ada = await enrolled('single');
    const l = await launch(ada.agent, 'single', 'ITEM-1');

    const ok = await ada.agent.post('/api/scorm/commit')
      .send({ attemptId: l.attemptId, sessionId: l.sessionId, sequence: 1, cmi: { lessonStatus: 'incomplete', location: '2' } });
    const bad = await ada.agent.post('/api/scorm/commit')
      .send({ attemptId: l.attemptId, sessionId: l.sessionId, sequence: 2, cmi: { lessonStatus: 'finished', suspendData: 'x'.repeat(5000) } });

    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ applied: true, bar: { done: 0, total: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toMatch(/lessonStatus/);
    expect(JSON.stringify(bad.body)).toMatch(/suspendData/);
  });

  it('refuses to let one learner write another learner\'s attempt', async () => {
    const ada = await enrolled('single');
    const bo = await enrolled('single');
    const l = await launch(ada.agent, 'single', 'ITEM-1');

    const res = await bo.agent.post('/api/scorm/commit').send({ attemptId: l.attemptId, sessionId: l.sessionId, sequence: 1, cmi: { location: 'x' } });

    expect(res.status).toBe(404);
    expect((await t.deps.store.scorm.attempt(l.attemptId))?.cmi.location).toBe('');
  });

  it('refuses a commit sent from another site', async () => {
    const ada = await enrolled('single');
    const l = await launch(ada.agent, 'single', 'ITEM-1');

    const res = await ada.agent.post('/api/scorm/commit').set('Origin', 'https://evil.example')
      .send({ attemptId: l.attemptId, sessionId: l.sessionId, sequence: 1, cmi: { location: 'x' } });

    expect(res.status).toBe(403);
  });

  it('refuses a huge or deeply nested body early, without a 500', async () => {
    const ada = await enrolled('single');
    let deep: unknown = 'x';
    for (let i = 0; i < 2000; i++) deep = [deep];

    const huge = await ada.agent.post('/api/scorm/commit').set('Content-Type', 'application/json').send(`{"cmi":"${'x'.repeat(2_000_000)}"}`);
    const nested = await ada.agent.post('/api/scorm/commit').send({ attemptId: crypto.randomUUID(), sessionId: crypto.randomUUID(), sequence: 1, cmi: { interactions: deep } });

    expect(huge.status).toBe(413);
    expect(nested.status).toBeLessThan(500);
    expect(nested.status).toBeGreaterThanOrEqual(400);
  });

  it('serves scorm-again from our own files with a long cache', async () => {
    const res = await (await import('supertest')).default(app).get('/public/vendor/scorm-again/scorm12.min.js').expect(200);

    expect(res.headers['cache-control']).toContain('max-age=604800');
    expect(res.text).toContain('Scorm12API');
  });
});
