import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEDGER_HOOKS } from '../../server/container.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { type Agent, csrfFrom, registeredAgent, submitForm, testApp } from '../support/app.js';

// Each "address" is a client behind the trusted proxy (TRUST_PROXY=true reads X-Forwarded-For).
const from = (agent: Agent, ip: string) => agent.set('X-Forwarded-For', ip);
const env = { RATE_LIMIT: 'true', TRUST_PROXY: 'true' };
// Every try hashes a password (argon2id); on a loaded 2-core machine these tests need more than 20 s.
const SLOW = 90_000;
const signIn = (agent: Agent, email: string, password: string) =>
  submitForm(agent, '/signin', '/signin', { email, password });

describe('sign-in limits (issue 10, item 7)', () => {
  it(
    'slows down one address guessing an account, while the owner signs in from another address',
    async () => {
      const { app } = await testApp(env);
      const { email, password } = await registeredAgent(app);
      const attacker = from(request.agent(app), '203.0.113.7');

      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await signIn(attacker, email, `guess number ${i}`)).status);

      expect(statuses).toEqual([422, 422, 422, 422, 422, 429, 429]);
      const refused = await signIn(attacker, email, password);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.text).toContain('Too many failed sign-ins');

      const owner = from(request.agent(app), '198.51.100.20');
      const res = await signIn(owner, email, password);
      expect(res.status).toBe(303);
      expect((await owner.get('/profile')).status).toBe(200);
    },
    SLOW,
  );

  it(
    'lets no more than the free guesses of a parallel burst reach the password check',
    async () => {
      const { app } = await testApp(env);
      const { email } = await registeredAgent(app);
      const attacker = from(request.agent(app), '203.0.113.8');
      const _csrf = await csrfFrom(attacker, '/signin');

      const burst = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          attacker
            .post('/signin')
            .type('form')
            .send({ email, password: `parallel guess ${i}`, _csrf }),
        ),
      );

      expect(burst.filter((r) => r.status === 422)).toHaveLength(5);
      expect(burst.filter((r) => r.status === 429)).toHaveLength(7);
    },
    SLOW,
  );

  it(
    'never counts successful sign-ins: a class behind one address signs in again and again',
    async () => {
      const { app } = await testApp(env);
      const { email, password } = await registeredAgent(app);
      const classroom = from(request.agent(app), '192.0.2.50');

      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        statuses.push((await signIn(classroom, email, password)).status);
        expect((await submitForm(classroom, '/my', '/signout', {})).status).toBe(303);
      }

      expect(statuses.every((s) => s === 303)).toBe(true);
    },
    SLOW,
  );

  it(
    'forgets the failures of a pair once its owner signs in',
    async () => {
      const { app } = await testApp(env);
      const { email, password } = await registeredAgent(app);
      const agent = from(request.agent(app), '192.0.2.51');

      for (let i = 0; i < 4; i++) expect((await signIn(agent, email, `typo ${i}`)).status).toBe(422);
      expect((await signIn(agent, email, password)).status).toBe(303);
      await submitForm(agent, '/my', '/signout', {});
      for (let i = 0; i < 5; i++) expect((await signIn(agent, email, `typo again ${i}`)).status).toBe(422);
    },
    SLOW,
  );
});

describe('shared rate limits (issue 10, item 16)', () => {
  it(
    'two instances on one SQLite file share one limit',
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'praxis-shared-')), 'praxis.db');
      const a = await testApp(env, openSqliteStore(file, LEDGER_HOOKS));
      const b = await testApp(env, openSqliteStore(file, LEDGER_HOOKS));
      const { email } = await registeredAgent(a.app);
      const onA = from(request.agent(a.app), '203.0.113.9');
      const onB = from(request.agent(b.app), '203.0.113.9');

      const statuses: number[] = [];
      for (const agent of [onA, onB, onA, onB, onA, onB]) statuses.push((await signIn(agent, email, 'not it')).status);
      // Three forgot-password requests for one account are allowed per hour, wherever they arrive.
      const forgot = [];
      let refused: Awaited<ReturnType<typeof submitForm>> | undefined;
      for (const agent of [onA, onB, onA, onB]) {
        refused = await submitForm(agent, '/forgot-password', '/forgot-password', { email });
        forgot.push(refused.status);
      }

      expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
      expect(forgot).toEqual([303, 303, 303, 429]);
      expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(3500);
      expect(refused?.headers.ratelimit).toMatch(/^"forgot-account";r=0;t=\d+$/);
      await a.deps.jobs.idle();
      await b.deps.jobs.idle();
      await a.deps.store.close();
      await b.deps.store.close();
    },
    SLOW,
  );
});
