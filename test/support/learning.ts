import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { LEDGER_HOOKS } from '../../server/container.js';
import { createApp } from '../../server/app.js';
import type { CompletionHook } from '../../server/learning/course-completion.js';
import { createLearningService } from '../../server/learning/learning-service.js';
import type { Agent } from './app.js';
import { testApp } from './app.js';

export const FIXTURE_COURSES = join(import.meta.dirname, '../fixtures/courses/valid');
export const COURSE = '/courses/fixture-course';

/** A real app serving the fixture course, optionally with completion hooks. */
export async function learningApp(hooks: CompletionHook[] = [], onFile = false) {
  const file = onFile ? join(mkdtempSync(join(tmpdir(), 'praxis-learning-')), 'praxis.db') : null;
  const t = await testApp({ COURSES_DIR: FIXTURE_COURSES }, file ? openSqliteStore(file, LEDGER_HOOKS) : undefined);
  t.deps.learning = createLearningService({
    store: t.deps.store,
    catalogue: t.deps.catalogue,
    publicUrl: t.deps.config.PUBLIC_URL,
    log: t.deps.log,
    completionHooks: hooks,
  });
  return { ...t, app: createApp(t.deps), file };
}

/** Every answer of the fixture's module quiz right (or q1 wrong), as the form sends them. */
export function m1Answers(right = true): Record<string, string | string[]> {
  return {
    'a.q1': right ? 'a' : 'b',
    'a.q2': ['a', 'b'],
    'a.q3': right ? 'true' : 'false',
    'm.q4.p1': 'p1',
    'm.q4.p2': 'p2',
    'm.q4.p3': 'p3',
    'o.q5.s1': '1',
    'o.q5.s2': '2',
    'o.q5.s3': '3',
  };
}

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Starts an attempt through the quiz page and returns its URL. */
export async function startAttempt(agent: Agent, quizId: string) {
  const page = await agent.get(`${COURSE}/quizzes/${quizId}`);
  const res = await agent
    .post(`${COURSE}/quizzes/${quizId}/attempts`)
    .type('form')
    .send({ _csrf: csrfOf(page.text) });
  if (res.status !== 303) throw new Error(`start attempt: ${res.status}`);
  return res.headers.location as string;
}

export async function submitAttempt(agent: Agent, url: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(url);
  return agent
    .post(url)
    .type('form')
    .send({ ...fields, _csrf: csrfOf(page.text) });
}

export async function markDone(agent: Agent, lesson: string) {
  const page = await agent.get(`${COURSE}/modules/${lesson}`);
  return agent
    .post(`${COURSE}/modules/${lesson}/done`)
    .type('form')
    .send({ _csrf: csrfOf(page.text) });
}
