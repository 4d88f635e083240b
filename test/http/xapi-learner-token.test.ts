import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLearnerTokenService } from '../../server/xapi/learner-token-service.js';
import { isPlatformAuthority } from '../../server/ledger/platform.js';
import { headersOf, lrsAuth, V } from '../support/xapi.js';
import { aProgressed, learnerOnLesson, LESSON } from '../support/tracker.js';

const verb = (name: string) => ({ id: `http://adlnet.gov/expapi/verbs/${name}`, display: { en: name } });

describe('the lesson page tracker token', () => {
  it('gives the lesson page a token, the learner, the registration and the activity ids, and keeps the page out of shared caches', async () => {
    const { page, data, user, enrolment, t } = await learnerOnLesson();

    expect(page.headers['cache-control']).toBe('private, no-cache');
    expect(page.text).toMatch(
      /<script src="\/public\/vendor\/xapi\.umd\.js\?v=[0-9a-f]{12}" defer><\/script><script src="\/public\/js\/tracker\.js\?v=[0-9a-f]{12}" defer><\/script>/,
    );
    expect(data).toMatchObject({
      endpoint: '/xapi/',
      registration: enrolment.id,
      language: 'en',
      course: `${t.deps.config.PUBLIC_URL}/courses/fixture-course`,
    });
    expect(data.lesson).toBe(`${t.deps.config.PUBLIC_URL}${LESSON}`);
    expect(JSON.parse(data.actor)).toEqual({
      objectType: 'Agent',
      account: { homePage: t.deps.config.PUBLIC_URL, name: user.id },
    });
    expect(Date.parse(data.expires) - Date.now()).toBeGreaterThan(29 * 60_000);
  });

  it("stores the learner's progressed and experienced statements with their own timestamps and an authority that is not the platform", async () => {
    const { t, data, bearer } = await learnerOnLesson();
    const progressed = aProgressed(data);
    const experienced = aProgressed(data, { id: crypto.randomUUID(), verb: verb('experienced'), result: undefined });
    const reader = headersOf(await lrsAuth(t, ['statements/read']));

    const post = await request(t.app).post('/xapi/statements').set(bearer).send([progressed]);
    const put = await request(t.app)
      .put(`/xapi/statements?statementId=${experienced.id}`)
      .set(bearer)
      .send(experienced);
    const stored = await request(t.app).get(`/xapi/statements?statementId=${progressed.id}`).set(reader);
    const byServer = (
      await t.deps.store.statements.query({
        registration: data.registration,
        verb: verb('experienced').id,
        ascending: true,
        limit: 1,
      })
    ).statements[0];

    expect(post.status).toBe(200);
    expect(post.body).toEqual([progressed.id]);
    expect(put.status).toBe(204);
    expect(stored.body).toMatchObject({
      timestamp: progressed.timestamp,
      result: progressed.result,
      context: { registration: data.registration },
    });
    expect(stored.body.authority).toMatchObject({
      objectType: 'Group',
      member: [{ account: { name: 'praxis-browser' } }, JSON.parse(data.actor)],
    });
    expect(isPlatformAuthority(stored.body.authority, t.deps.config.PUBLIC_URL)).toBe(false);
    expect(isPlatformAuthority(byServer.authority, t.deps.config.PUBLIC_URL)).toBe(true);
  });

  it('accepts the same statement twice, so a queue sent again after a lost answer does no harm', async () => {
    const { t, data, bearer } = await learnerOnLesson();
    const s = aProgressed(data);

    await request(t.app).post('/xapi/statements').set(bearer).send([s]);
    const again = await request(t.app).post('/xapi/statements').set(bearer).send([s]);

    expect(again.status).toBe(200);
  });

  const refusals: [string, (d: Record<string, string>) => Record<string, unknown>, string][] = [
    [
      'another actor',
      () => ({ actor: { objectType: 'Agent', account: { homePage: 'http://localhost:3000', name: 'someone-else' } } }),
      'learner_token_actor',
    ],
    [
      'the learner as an e-mail address',
      () => ({ actor: { objectType: 'Agent', mbox: 'mailto:ada@example.org' } }),
      'learner_token_actor',
    ],
    [
      'another registration',
      (d) => ({ context: { ...aProgressed(d).context, registration: crypto.randomUUID() } }),
      'learner_token_registration',
    ],
    ['no registration', (d) => ({ context: { language: d.language } }), 'learner_token_registration'],
    ['completed', () => ({ verb: verb('completed'), result: undefined }), 'learner_token_verb'],
    ['passed', () => ({ verb: verb('passed'), result: undefined }), 'learner_token_verb'],
    ['failed', () => ({ verb: verb('failed'), result: undefined }), 'learner_token_verb'],
    [
      'an activity of another course',
      () => ({
        object: { objectType: 'Activity', id: 'http://localhost:3000/courses/line-up-live-up/modules/m1/lessons/l1' },
      }),
      'learner_token_object',
    ],
    [
      'a course whose slug only starts the same',
      () => ({ object: { objectType: 'Activity', id: 'http://localhost:3000/courses/fixture-course-2/x' } }),
      'learner_token_object',
    ],
    [
      'a context activity of another course',
      (d) => ({
        context: {
          ...aProgressed(d).context,
          contextActivities: { grouping: [{ id: 'http://localhost:3000/courses/other' }] },
        },
      }),
      'learner_token_context',
    ],
    ['a claim of completion', () => ({ result: { completion: true } }), 'learner_token_result'],
    ['a score', () => ({ result: { score: { scaled: 1 } } }), 'learner_token_result'],
  ];
  it.each(refusals)('refuses %s with a 403 naming the rule, and stores nothing', async (_name, change, code) => {
    const { t, data, bearer } = await learnerOnLesson();
    const good = aProgressed(data);
    const before = await t.deps.store.statements.count();

    const res = await request(t.app)
      .post('/xapi/statements')
      .set(bearer)
      .send([good, aProgressed(data, change(data))]);

    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 403, title: code });
    expect(res.body.detail).toMatch(/^statement\[1\]: /);
    expect(await t.deps.store.statements.count()).toBe(before);
  });

  it('refuses an expired token with 401, telling the browser to fetch a new one', async () => {
    const { t, enrolment, user, data } = await learnerOnLesson();
    const old = createLearnerTokenService({
      secret: t.deps.config.SESSION_SECRET!,
      publicUrl: t.deps.config.PUBLIC_URL,
      ttlMinutes: 30,
      users: t.deps.store.users,
      now: () => new Date(Date.now() - 31 * 60_000),
    });
    const { token } = old.issue({ userId: user.id, registration: enrolment.id, courseSlug: 'fixture-course' });

    const res = await request(t.app)
      .post('/xapi/statements')
      .set({ Authorization: `Bearer ${token}`, ...V })
      .send(aProgressed(data));

    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ title: 'lrs_token_expired', detail: expect.stringContaining('expired') });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('refuses a tampered token and one signed with another secret', async () => {
    const { t, data } = await learnerOnLesson();
    const [payload, mac] = data.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${Buffer.from(JSON.stringify({ ...claims, course: 'line-up-live-up' })).toString('base64url')}.${mac}`;
    const foreign = createLearnerTokenService({
      secret: 'another-secret-another-secret-0000',
      publicUrl: t.deps.config.PUBLIC_URL,
      ttlMinutes: 30,
      users: t.deps.store.users,
    }).issue({ userId: claims.sub, registration: claims.reg, courseSlug: claims.course }).token;

    const results = await Promise.all(
      [tampered, foreign, 'not-a-token'].map((token) =>
        request(t.app)
          .post('/xapi/statements')
          .set({ Authorization: `Bearer ${token}`, ...V })
          .send(aProgressed(data)),
      ),
    );

    expect(results.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(results.map((r) => r.body.title)).toEqual(['lrs_token_invalid', 'lrs_token_invalid', 'lrs_token_invalid']);
  });

  it('refuses to read statements or use documents with a learner token', async () => {
    const { t, data, bearer } = await learnerOnLesson();
    const agent = encodeURIComponent(data.actor);

    const query = await request(t.app).get(`/xapi/statements?registration=${data.registration}`).set(bearer);
    const state = await request(t.app)
      .get(`/xapi/activities/state?activityId=${encodeURIComponent(data.lesson)}&agent=${agent}&stateId=s`)
      .set(bearer);
    const profile = await request(t.app)
      .put(`/xapi/agents/profile?agent=${agent}&profileId=p`)
      .set(bearer)
      .send({ a: 1 });

    for (const res of [query, state, profile]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        title: 'learner_token_write_only',
        detail: expect.stringContaining('only send statements'),
      });
    }
  });
});

describe("the tracker's scripts", () => {
  it('serves the @xapi/xapi browser bundle and the tracker as cacheable JavaScript', async () => {
    const { t } = await learnerOnLesson();

    const bundle = await request(t.app).get('/public/vendor/xapi.umd.js').set('Accept-Encoding', 'gzip');
    const tracker = await request(t.app).get('/public/js/tracker.js').set('Accept-Encoding', 'gzip');

    for (const res of [bundle, tracker]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      // Unversioned (an offline save asks so): revalidated; pages link the fingerprinted URL, cached for a year.
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBe('gzip');
    }
    expect(bundle.text).toContain('XAPI');
  });
});
