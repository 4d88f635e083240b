import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { csrfFrom, registeredAgent, testApp } from '../support/app.js';

describe('platform pages and operations', () => {
  it('serves the home page with a skip link, landmarks and the language switcher', async () => {
    const { app } = await testApp();

    const res = await request(app).get('/');

    expect(res.status).toBe(200);
    expect(res.text).toContain('<a class="skip-link" href="#main">');
    expect(res.text).toContain('<main id="main"');
    expect(res.text).toMatch(/hreflang="ar"/);
    expect(res.headers['content-encoding'] ?? 'identity').toBeDefined();
  });

  it('answers /healthz and /readyz', async () => {
    const { app, deps } = await testApp();

    const health = await request(app).get('/healthz');
    const ready = await request(app).get('/readyz');
    await deps.store.close();
    const notReady = await request(app).get('/readyz');

    expect(health.body).toEqual({ status: 'ok' });
    expect(ready.body).toEqual({ status: 'ready', store: 'sqlite' });
    expect(notReady.status).toBe(503);
  });

  it('renders unknown pages as a 404 page in the user language', async () => {
    const { app } = await testApp();

    const en = await request(app).get('/no/such/page');

    expect(en.status).toBe(404);
    expect(en.text).toContain('Page not found');
    expect(en.text).toMatch(/Error reference: [0-9a-f-]{36}/);
  });

  it('answers unknown API paths with problem+json', async () => {
    const { app } = await testApp();

    const res = await request(app).get('/api/nothing');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'page_not_found' });
  });

  it('turns an unexpected failure into a 500 page and problem+json without internals, with an error id', async () => {
    const t = await testApp();
    // Signed in, so every request reads its session from the store (anonymous visitors have none).
    const { agent } = await registeredAgent(t.app);
    const _csrf = await csrfFrom(agent, '/forgot-password');
    await t.deps.store.close(); // every database call now throws

    const page = await agent.post('/forgot-password').type('form').send({ email: 'a@b.org', _csrf });
    const api = await agent.get('/api/anything');

    expect(page.status).toBe(500);
    expect(page.text).toContain('Something went wrong on our side');
    expect(page.text).toMatch(/Error reference: [0-9a-f-]{36}/);
    expect(page.text).not.toMatch(/at .*\.ts:\d+|database connection|SqliteError/i);
    expect(api.status).toBe(500);
    expect(api.body).toMatchObject({ status: 500, title: 'internal_error' });
    expect(JSON.stringify(api.body)).not.toMatch(/database connection|stack/i);
  });

  it('sets a language cookie from the switcher and follows only local next paths', async () => {
    const { app } = await testApp();

    const ok = await request(app).get('/lang/ru?next=/register');
    const bad = await request(app).get('/lang/xx?next=https://evil.example');

    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/register');
    expect(String(ok.headers['set-cookie'])).toContain('praxis_lang=ru');
    expect(bad.headers.location).toBe('/');
  });

  it('rejects a malformed form body with a clear 4xx', async () => {
    const { app } = await testApp();

    const res = await request(app)
      .post('/signin')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('x'.repeat(200_000));

    expect(res.status).toBe(413);
  });
});
