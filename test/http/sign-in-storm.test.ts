import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { boundedHasher, hashQueueOptions } from '../../server/accounts/hash-queue.js';
import { argon2Hasher, type PasswordHasher } from '../../server/accounts/password.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { accountsFor, csrfFrom, registeredAgent, testApp } from '../support/app.js';

/** argon2 for real, held at a gate the test opens, so "concurrent" does not depend on the machine's speed. */
function gatedArgon2() {
  let open = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const hasher: PasswordHasher = {
    hash: async (password) => {
      await gate;
      return argon2Hasher.hash(password);
    },
    verify: async (stored, password) => {
      await gate;
      return argon2Hasher.verify(stored, password);
    },
  };
  return { hasher, open };
}

describe('a sign-in storm', () => {
  it('answers the sign-in after the queue is full with 503, Retry-After and a page in the visitor language, while /healthz answers', async () => {
    const t = await testApp();
    const { email, password } = await registeredAgent(t.app);
    const gated = gatedArgon2();
    const hasher = boundedHasher(gated.hasher, { concurrency: 1, queue: 1 });
    t.deps.accounts = accountsFor(t.deps, { hasher });
    const app = createApp(t.deps);
    const agents = [request.agent(app), request.agent(app), request.agent(app)];
    const tokens = await Promise.all(agents.map((a) => csrfFrom(a, '/signin')));
    const signIn = (i: number) =>
      agents[i]!.post('/signin').set('Accept-Language', 'fr').type('form').send({ email, password, _csrf: tokens[i]! });

    const first = signIn(0).then((r) => r);
    await vi.waitFor(() => expect(hasher.load()).toMatchObject({ running: 1, waiting: 0 }));
    const second = signIn(1).then((r) => r);
    await vi.waitFor(() => expect(hasher.load()).toMatchObject({ running: 1, waiting: 1 }));
    const shed = await signIn(2);
    const health = await request(app).get('/healthz');
    gated.open();
    const [a, b] = await Promise.all([first, second]);

    expect(shed.status).toBe(503);
    expect(Number(shed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(shed.text).toContain('Beaucoup de personnes se connectent en ce moment');
    expect(shed.text).toContain('<html lang="fr"');
    expect(health.status).toBe(200);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(hasher.load()).toEqual({ running: 0, waiting: 0, refused: 1 });
  });

  it('hashes again once the storm has passed, also for an unknown address that was refused during it', async () => {
    const t = await testApp();
    const gated = gatedArgon2();
    const hasher = boundedHasher(gated.hasher, { concurrency: 1, queue: 0 });
    const accounts = accountsFor(t.deps, { hasher });
    const busy = hasher.verify('x', 'y');

    await expect(accounts.authenticate('nobody@example.org', 'a guess')).rejects.toMatchObject({
      status: 503,
      code: 'overloaded',
    });
    gated.open();
    await busy;
    expect(await accounts.authenticate('nobody@example.org', 'a guess')).toBeNull();
    expect(await hasher.verify(await hasher.hash('a long password'), 'a long password')).toBe(true);
  });

  it('sizes the queue to the cores unless HASH_CONCURRENCY and HASH_QUEUE say otherwise', () => {
    expect(hashQueueOptions(loadConfig({ SESSION_SECRET: 's'.repeat(32) }), 4)).toEqual({ concurrency: 4, queue: 128 });
    expect(
      hashQueueOptions(loadConfig({ SESSION_SECRET: 's'.repeat(32), HASH_CONCURRENCY: '1', HASH_QUEUE: '3' }), 4),
    ).toEqual({ concurrency: 1, queue: 3 });
  });
});
