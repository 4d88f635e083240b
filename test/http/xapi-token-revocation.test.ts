import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { aProgressed, learnerOnLesson } from '../support/tracker.js';

const post = (app: Parameters<typeof request>[0], auth: Record<string, string>, body: object) =>
  request(app).post('/xapi/statements').set(auth).send(body);

describe("a learner's LRS token follows the account", () => {
  it('stops writing the moment the learner is erased', async () => {
    const { t, data, bearer, user } = await learnerOnLesson();
    const admin = { ...user, id: crypto.randomUUID() };
    const before = await post(t.app, bearer, aProgressed(data));

    await t.deps.lrsAdmin.erasure.erase(admin, user.id, user.email);
    const after = await post(t.app, bearer, aProgressed(data));

    expect(before.status).toBe(200);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ title: 'lrs_token_revoked' });
    expect(after.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(await t.deps.store.statements.count()).toBe(0);
  });

  it('is revoked by a password change, while a token issued afterwards works', async () => {
    const { t, data, bearer, user } = await learnerOnLesson();

    await new Promise((r) => setTimeout(r, 5));
    await t.deps.accounts.changePassword(user, 'a long enough secret', 'another long enough secret');
    const old = await post(t.app, bearer, aProgressed(data));
    const fresh = t.deps.xapi.learnerTokens.issue({
      userId: user.id,
      registration: data.registration!,
      courseSlug: 'fixture-course',
    });
    const renewed = await post(t.app, { ...bearer, Authorization: `Bearer ${fresh.token}` }, aProgressed(data));

    expect(old.status).toBe(401);
    expect(old.body).toMatchObject({ title: 'lrs_token_revoked', detail: expect.stringContaining('password') });
    expect(renewed.status).toBe(200);
  });
});
