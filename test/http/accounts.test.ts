import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { aRegistration, registeredAgent, signedInWithRoles, submitForm, testApp } from '../support/app.js';

describe('accounts', () => {
  it('registers, signs the new learner in and shows their name', async () => {
    const { app } = await testApp();

    const { agent } = await registeredAgent(app, { displayName: 'Kofi Mensah' });
    const profile = await agent.get('/profile');

    expect(profile.status).toBe(200);
    expect(profile.text).toContain('Kofi Mensah');
    expect(profile.text).toContain('selected>Senegal');
  });

  it('stores an argon2id hash, never the password', async () => {
    const t = await testApp();
    const { email, password } = await registeredAgent(t.app);

    const user = await t.deps.store.users.findByEmail(email);

    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user?.passwordHash).not.toContain(password);
    expect(user?.roles).toEqual(['learner']);
  });

  it('re-renders the form with 422 and every field problem, keeping what was typed', async () => {
    const { app } = await testApp();
    const agent = request.agent(app);

    const res = await submitForm(
      agent,
      '/register',
      '/register',
      aRegistration({
        email: 'not-an-email',
        password: 'short',
        passwordConfirm: 'short',
        country: 'XX',
        displayName: 'Keep Me',
      }),
    );

    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter a valid e-mail address');
    expect(res.text).toContain('Choose a country from the list.');
    expect(res.text).toContain('value="Keep Me"');
    expect(res.text).not.toContain('value="short"');
  });

  it('applies the password strength rule', async () => {
    const { app } = await testApp();

    const short = await submitForm(
      request.agent(app),
      '/register',
      '/register',
      aRegistration({ password: 'abc123', passwordConfirm: 'abc123' }),
    );
    const common = await submitForm(
      request.agent(app),
      '/register',
      '/register',
      aRegistration({ password: 'password123', passwordConfirm: 'password123' }),
    );
    const mismatch = await submitForm(
      request.agent(app),
      '/register',
      '/register',
      aRegistration({ passwordConfirm: 'something else entirely' }),
    );

    expect(short.text).toContain('Use at least 10 characters.');
    expect(common.text).toContain('This password is too common.');
    expect(mismatch.text).toContain('The two passwords do not match.');
  });

  it('shows validation errors in the language of the request (French)', async () => {
    const { app } = await testApp();
    const agent = request.agent(app);
    await agent.get('/lang/fr?next=/register');

    const res = await submitForm(agent, '/register', '/register', aRegistration({ email: 'nope' }));

    expect(res.status).toBe(422);
    expect(res.text).toContain('<html lang="fr" dir="ltr">');
    expect(res.text).toContain('Saisissez une adresse électronique valide');
  });

  it('shows validation errors in Arabic, right to left, from Accept-Language', async () => {
    const { app } = await testApp();
    const agent = request.agent(app).set('Accept-Language', 'ar-EG,ar;q=0.9,en;q=0.5');

    const res = await submitForm(agent, '/register', '/register', aRegistration({ email: 'nope' }));

    expect(res.status).toBe(422);
    expect(res.text).toContain('<html lang="ar" dir="rtl">');
    expect(res.text).not.toContain('Enter a valid e-mail address');
  });

  it('answers a duplicate registration without confirming that the account exists', async () => {
    const { app } = await testApp();
    const { email } = await registeredAgent(app);

    const res = await submitForm(request.agent(app), '/register', '/register', aRegistration({ email }));

    expect(res.status).toBe(422);
    expect(res.text).toContain('If you already have an account, sign in or reset your password.');
  });

  it('signs in with the right password, refuses a wrong one with a generic message, and signs out', async () => {
    const { app } = await testApp();
    const { email, password } = await registeredAgent(app);
    const agent = request.agent(app);

    const wrong = await submitForm(agent, '/signin', '/signin', { email, password: 'not the password' });
    const unknown = await submitForm(agent, '/signin', '/signin', {
      email: 'nobody@example.org',
      password: 'not the password',
    });
    const ok = await submitForm(agent, '/signin', '/signin', {
      email: email.toUpperCase(),
      password,
      next: '/profile',
    });
    const profile = await agent.get('/profile');
    const out = await submitForm(agent, '/profile', '/signout', {});
    const after = await agent.get('/profile');

    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('The e-mail address or password is not correct.');
    expect(unknown.text).toContain('The e-mail address or password is not correct.');
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/profile');
    expect(profile.status).toBe(200);
    expect(out.status).toBe(303);
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/signin?next=%2Fprofile');
  });

  it('gives the visitor a new session id when they sign in, and none before', async () => {
    const { app } = await testApp();
    const { email, password } = await registeredAgent(app);
    const agent = request.agent(app);
    const sid = (res: { headers: Record<string, unknown> }) =>
      /praxis\.sid=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1];

    expect(sid(await agent.get('/signin'))).toBeUndefined(); // no session to fixate before sign-in
    const first = sid(await submitForm(agent, '/signin', '/signin', { email, password }));
    const second = sid(await submitForm(agent, '/signin', '/signin', { email, password }));

    expect(first).toBeTruthy();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    // The replaced session is gone: its cookie no longer signs anyone in.
    const stale = await request(app).get('/profile').set('Cookie', `praxis.sid=${first}`);
    expect(stale.status).toBe(303);
  });

  it('never redirects off-site after sign-in', async () => {
    const { app } = await testApp();
    const { email, password } = await registeredAgent(app);

    const res = await submitForm(request.agent(app), '/signin', '/signin', {
      email,
      password,
      next: '//evil.example/',
    });

    expect(res.headers.location).toBe('/my');
  });

  it('edits the profile', async () => {
    const t = await testApp();
    const { agent, email } = await registeredAgent(t.app);

    const res = await submitForm(agent, '/profile', '/profile', {
      displayName: 'Changed Name',
      country: 'BR',
      sex: 'another',
      sector: 'health',
      organisation: 'Clinic',
      language: 'pt',
    });

    expect(res.status).toBe(303);
    expect(await t.deps.store.users.findByEmail(email)).toMatchObject({
      displayName: 'Changed Name',
      country: 'BR',
      sex: 'another',
      sector: 'health',
      organisation: 'Clinic',
      language: 'pt',
    });
  });

  it('changes the password only with the current one, then accepts the new one', async () => {
    const { app } = await testApp();
    const { agent, email, password } = await registeredAgent(app);

    const refused = await submitForm(agent, '/profile/password', '/profile/password', {
      currentPassword: 'wrong wrong wrong',
      password: 'brand new passphrase',
      passwordConfirm: 'brand new passphrase',
    });
    const done = await submitForm(agent, '/profile/password', '/profile/password', {
      currentPassword: password,
      password: 'brand new passphrase',
      passwordConfirm: 'brand new passphrase',
    });
    const oldOne = await submitForm(request.agent(app), '/signin', '/signin', { email, password });
    const newOne = await submitForm(request.agent(app), '/signin', '/signin', {
      email,
      password: 'brand new passphrase',
    });

    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Your current password is not correct.');
    expect(done.status).toBe(303);
    expect(oldOne.status).toBe(422);
    expect(newOne.status).toBe(303);
  });
});

describe('password reset', () => {
  it('mails a single-use link that sets a new password', async () => {
    const t = await testApp();
    const { email } = await registeredAgent(t.app);
    const agent = request.agent(t.app);

    const asked = await submitForm(agent, '/forgot-password', '/forgot-password', { email });
    await t.deps.jobs.idle();
    const link = /https?:\/\/\S+reset-password\?token=(\S+)/.exec(t.mail[0]?.text ?? '');
    const token = link![1];
    const reset = await submitForm(agent, `/reset-password?token=${token}`, '/reset-password', {
      token,
      password: 'a fresh passphrase',
      passwordConfirm: 'a fresh passphrase',
    });
    const again = await submitForm(agent, `/reset-password?token=${token}`, '/reset-password', {
      token,
      password: 'another passphrase',
      passwordConfirm: 'another passphrase',
    });
    const signIn = await submitForm(request.agent(t.app), '/signin', '/signin', {
      email,
      password: 'a fresh passphrase',
    });

    expect(asked.status).toBe(303);
    expect(t.mail).toHaveLength(1);
    expect(t.mail[0].to).toBe(email);
    expect(reset.status).toBe(303);
    expect(again.status).toBe(400);
    expect(again.text).toContain('invalid, has already been used or has expired');
    expect(signIn.status).toBe(303);
  });

  it('keeps the link usable when the new password is refused as too weak (issue 10, item 9)', async () => {
    const t = await testApp();
    const { email } = await registeredAgent(t.app);
    const agent = request.agent(t.app);

    await submitForm(agent, '/forgot-password', '/forgot-password', { email });
    const token = /reset-password\?token=(\S+)/.exec(t.mail[0]?.text ?? '')![1];
    const weak = await submitForm(agent, `/reset-password?token=${token}`, '/reset-password', {
      token,
      password: email,
      passwordConfirm: email,
    });
    const strong = await submitForm(agent, `/reset-password?token=${token}`, '/reset-password', {
      token,
      password: 'a fresh passphrase',
      passwordConfirm: 'a fresh passphrase',
    });

    expect(weak.status).toBe(422);
    expect(strong.status).toBe(303);
  });

  it('stores only a hash of the token', async () => {
    const t = await testApp();
    const { email } = await registeredAgent(t.app);

    await submitForm(request.agent(t.app), '/forgot-password', '/forgot-password', { email });
    await t.deps.jobs.idle();
    const token = /token=(\S+)/.exec(t.mail[0].text)![1];

    expect(await t.deps.store.resetTokens.consume(token, new Date())).toBeNull();
  });

  it('answers the same way for an unknown e-mail and sends nothing', async () => {
    const t = await testApp();

    const res = await submitForm(request.agent(t.app), '/forgot-password', '/forgot-password', {
      email: 'nobody@example.org',
    });
    const page = await request(t.app).get(res.headers.location);
    await t.deps.jobs.idle();

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/forgot-password?sent=1');
    expect(page.text).toContain('If an account exists for this address');
    expect(t.mail).toHaveLength(0);
  });
});

describe('roles', () => {
  it('refuses admin pages to a learner with 403 and to a visitor with a sign-in redirect', async () => {
    const t = await testApp();
    const { agent } = await registeredAgent(t.app);

    const learner = await agent.get('/admin/users');
    const visitor = await request(t.app).get('/admin/users');

    expect(learner.status).toBe(403);
    expect(learner.text).toContain('You do not have permission');
    expect(visitor.status).toBe(303);
  });

  it('lets an administrator change roles, writes the audit log, and the server enforces them', async () => {
    const t = await testApp();
    const admin = await signedInWithRoles(t, ['learner', 'admin']);
    const { agent: other, email } = await registeredAgent(t.app);
    const target = (await t.deps.store.users.findByEmail(email))!;

    const res = await submitForm(admin.agent, '/admin/users', `/admin/users/${target.id}/roles`, {
      roles: ['manager'],
    });
    const audit = await t.deps.store.audit.list({ targetType: 'user', targetId: target.id, limit: 5 });
    const otherOnAdmin = await other.get('/admin/users');

    expect(res.status).toBe(303);
    expect((await t.deps.store.users.findById(target.id))!.roles).toEqual(['learner', 'manager']);
    expect(audit[0]).toMatchObject({
      action: 'user.roles.changed',
      actorId: admin.user.id,
      details: { from: ['learner'], to: ['learner', 'manager'] },
    });
    expect(otherOnAdmin.status).toBe(403);
  });

  it('refuses a roles change for a learner even with a valid CSRF token', async () => {
    const t = await testApp();
    const { agent } = await registeredAgent(t.app);
    const me = (await t.deps.store.users.list({ limit: 1 }))[0];

    const res = await submitForm(agent, '/profile', `/admin/users/${me.id}/roles`, { roles: ['admin'] });

    expect(res.status).toBe(403);
    expect((await t.deps.store.users.findById(me.id))!.roles).toEqual(['learner']);
  });
});

describe('security', () => {
  it('refuses a form post without a CSRF token', async () => {
    const { app } = await testApp();

    const res = await request(app).post('/register').type('form').send(aRegistration());

    expect(res.status).toBe(403);
    expect(res.text).toContain('The form has expired');
  });

  it('sends a strict Content-Security-Policy and a httpOnly SameSite session cookie', async () => {
    const { app } = await testApp();

    const res = await request(app).get('/signin');
    const signedIn = await submitForm(request.agent(app), '/register', '/register', aRegistration());

    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    for (const cookie of [String(res.headers['set-cookie']), String(signedIn.headers['set-cookie'])]) {
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
    }
    expect(String(signedIn.headers['set-cookie'])).toContain('praxis.sid=');
  });

  it('marks the session cookie Secure when the public URL is https', async () => {
    const { app } = await testApp({ PUBLIC_URL: 'https://learn.example.org', TRUST_PROXY: '1' });

    const page = await request(app).get('/register').set('X-Forwarded-Proto', 'https');
    const cookie = /__Host-praxis\.csrf=[\w-]+/.exec(String(page.headers['set-cookie']))?.[0] ?? '';
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];

    // The cookie jar keeps Secure cookies off plain http, so this test carries the cookie itself.
    const res = await request(app)
      .post('/register')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', cookie)
      .type('form')
      .send({ ...aRegistration(), _csrf });

    expect(res.status).toBe(303);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('praxis.sid='))).toMatch(/; Secure/);
  });

  it('rate-limits sign-in attempts per account', async () => {
    const { app } = await testApp({ RATE_LIMIT: 'true' });
    const { email } = await registeredAgent(app);
    const agent = request.agent(app);
    const statuses: number[] = [];

    for (let i = 0; i < 6; i++)
      statuses.push((await submitForm(agent, '/signin', '/signin', { email, password: `wrong password ${i}` })).status);

    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses[5]).toBe(429);
  });
});
