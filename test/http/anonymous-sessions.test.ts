import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { aRegistration, csrfFrom, registeredAgent, submitForm, testApp } from '../support/app.js';

/** Every session row the store holds (pruning at the end of time deletes them all and counts them). */
const END_OF_TIME = new Date(8.64e15);
const cookiesOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie'] ?? '');

describe('sessions only for those who need one (issue 10, item 15)', () => {
  it('creates no session for anonymous page views, form pages included', async () => {
    const t = await testApp();
    const slug = t.deps.courseSlugs[0];
    const pages = ['/', '/courses', `/courses/${slug}`, '/signin', '/register', '/forgot-password', '/verify'];

    for (const path of pages) {
      const res = await request(t.app).get(path);
      expect(res.status, path).toBe(200);
      expect(cookiesOf(res), path).not.toContain('praxis.sid');
    }
    expect(await t.deps.store.sessions.prune(END_OF_TIME)).toBe(0);
  });

  it('gives anonymous forms a signed cookie token, and creates the session at sign-in', async () => {
    const t = await testApp();
    const form = aRegistration();
    const agent = request.agent(t.app);

    const page = await agent.get('/register');
    expect(cookiesOf(page)).toMatch(/praxis\.csrf=[\w-]+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(cookiesOf(await agent.get('/courses'))).toBe('');
    const res = await submitForm(agent, '/register', '/register', form);

    expect(res.status).toBe(303);
    expect(cookiesOf(res)).toContain('praxis.sid');
    expect(await t.deps.store.sessions.prune(END_OF_TIME)).toBe(1);
  });

  it('refuses anonymous posts without the cookie, with a token of another visitor, or with none', async () => {
    const t = await testApp();
    const { email, password } = await registeredAgent(t.app);
    expect(await t.deps.store.sessions.prune(END_OF_TIME)).toBe(1); // the registration's own
    const mine = request.agent(t.app);
    const theirs = request.agent(t.app);
    const theirToken = await csrfFrom(theirs, '/signin');
    await csrfFrom(mine, '/signin');

    const attempts = [
      await request(t.app).post('/signin').type('form').send({ email, password, _csrf: theirToken }),
      await mine.post('/signin').type('form').send({ email, password, _csrf: theirToken }),
      await mine.post('/signin').type('form').send({ email, password }),
      await mine.post('/signin').type('form').send({ email, password, _csrf: 'a.forged' }),
    ];

    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(await t.deps.store.sessions.prune(END_OF_TIME)).toBe(0);
    expect((await submitForm(mine, '/signin', '/signin', { email, password })).status).toBe(303);
  });

  it('does not accept an anonymous token for a signed-in user', async () => {
    const t = await testApp();
    const { agent } = await registeredAgent(t.app);
    const stranger = request.agent(t.app);
    const anonymousToken = await csrfFrom(stranger, '/signin');

    const res = await agent.post('/profile').type('form').send({ displayName: 'X', _csrf: anonymousToken });

    expect(res.status).toBe(403);
  });

  it('marks the anonymous token cookie __Host- and Secure behind https', async () => {
    const t = await testApp({ PUBLIC_URL: 'https://learn.example.org', TRUST_PROXY: '1' });

    const res = await request(t.app).get('/signin').set('X-Forwarded-Proto', 'https');

    expect(cookiesOf(res)).toMatch(/__Host-praxis\.csrf=[\w-]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
  });
});
