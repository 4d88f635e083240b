import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { buildDeps, LEDGER_HOOKS } from '../../server/container.js';
import type { AppDeps } from '../../server/deps.js';
import { createLogger } from '../../server/log.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { Mail, Mailer } from '../../server/accounts/mailer.js';
import { createAccountService } from '../../server/accounts/account-service.js';
import { argon2Hasher, type PasswordHasher } from '../../server/accounts/password.js';
import { boundedHasher, hashQueueOptions } from '../../server/accounts/hash-queue.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function testConfig(env: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'praxis-test-'));
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SQLITE_FILE: ':memory:',
    DATA_DIR: dataDir,
    RATE_LIMIT: 'false',
    ...env,
  });
}

/** The app's account service over its own store and languages, with another hasher or mailer (storms, slow mail). */
export function accountsFor(deps: AppDeps, over: { hasher?: PasswordHasher; mailer?: Mailer } = {}) {
  return createAccountService({
    store: deps.store,
    jobs: deps.jobs,
    hasher: over.hasher ?? boundedHasher(argon2Hasher, hashQueueOptions(deps.config)),
    mailer: over.mailer ?? { send: async () => {} },
    log: deps.log,
    publicUrl: deps.config.PUBLIC_URL,
    translate: (lang, key, vars) => deps.i18n.getFixedT(lang)(key, vars),
  });
}

export interface TestApp {
  app: Express;
  deps: AppDeps;
  mail: Mail[];
}

/** A real app on a private in-memory SQLite database, with a mailer that keeps what it sends. */
export async function testApp(
  env: Record<string, string> = {},
  store = openSqliteStore(':memory:', LEDGER_HOOKS),
): Promise<TestApp> {
  const config = testConfig(env);
  const log = createLogger('silent');
  const deps = await buildDeps(config, log, store);
  const mail: Mail[] = [];
  const mailer: Mailer = {
    send: async (m) => {
      mail.push(m);
    },
  };
  deps.accounts = accountsFor(deps, { mailer });
  return { app: createApp(deps), deps, mail };
}

export type Agent = ReturnType<typeof request.agent>;

/** Reads the CSRF token from a page's form, as a browser would submit it. */
export async function csrfFrom(agent: Agent, path: string): Promise<string> {
  const res = await agent.get(path);
  const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!match) throw new Error(`no CSRF token on ${path} (status ${res.status})`);
  return match[1] ?? '';
}

/** Posts a form the way a browser does: fetch the page first, then submit with its token. */
export async function submitForm(
  agent: Agent,
  pagePath: string,
  action: string,
  fields: Record<string, string | string[]>,
) {
  const _csrf = await csrfFrom(agent, pagePath);
  return agent
    .post(action)
    .type('form')
    .send({ ...fields, _csrf });
}

export const aRegistration = (over: Record<string, string> = {}) => ({
  email: `learner-${Math.random().toString(36).slice(2, 10)}@example.org`,
  password: 'a long enough secret',
  passwordConfirm: 'a long enough secret',
  displayName: 'Amina Diallo',
  country: 'SN',
  sex: 'female',
  sector: 'police',
  organisation: 'National Police',
  language: 'en',
  ...over,
});

/** Registers through the form and returns a signed-in agent. */
export async function registeredAgent(app: Express, over: Record<string, string> = {}) {
  const agent = request.agent(app);
  const form = aRegistration(over);
  const res = await submitForm(agent, '/register', '/register', form);
  if (res.status !== 303) throw new Error(`registration failed: ${res.status} ${res.text.slice(0, 500)}`);
  return { agent, email: form.email, password: form.password };
}

/** A signed-in agent whose account has the given roles. */
export async function signedInWithRoles(t: TestApp, roles: ('learner' | 'trainer' | 'manager' | 'admin')[]) {
  const { agent, email, password } = await registeredAgent(t.app);
  const user = (await t.deps.store.users.findByEmail(email))!;
  await t.deps.store.users.setRoles(user.id, roles, new Date());
  return { agent, user: { ...user, roles }, email, password };
}
