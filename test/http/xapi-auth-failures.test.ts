import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { headersOf, lrsAuth, V } from '../support/xapi.js';

const basic = (key: string, secret: string) => ({
  Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
  ...V,
});

describe('LRS failed logins (issue 10, item 8)', () => {
  it('slows down one failing credential without blocking the valid clients at the same address', async () => {
    const t = await testApp({ RATE_LIMIT: 'true' });
    const good = await lrsAuth(t, ['all'], 'Good tool');
    const victim = await lrsAuth(t, ['all'], 'Guessed tool');

    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1)
      statuses.push(
        (
          await request(t.app)
            .get('/xapi/statements')
            .set(basic(victim.key, `guess ${i}`))
        ).status,
      );

    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    // The guessed key is held back at this address, even with its right secret ...
    expect((await request(t.app).get('/xapi/statements').set(headersOf(victim))).status).toBe(429);
    // ... but every other client behind the same address goes on working.
    expect((await request(t.app).get('/xapi/statements').set(headersOf(good))).status).toBe(200);
  });

  it('counts a forged learner token apart from other tokens', async () => {
    const t = await testApp({ RATE_LIMIT: 'true' });
    const forged = { Authorization: 'Bearer eyJmb3JnZWQiOnRydWV9.bm90LWEtbWFj', ...V };
    const client = await lrsAuth(t);

    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await request(t.app).get('/xapi/statements').set(forged)).status);

    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await request(t.app).get('/xapi/statements').set(headersOf(client))).status).toBe(200);
  });
});
