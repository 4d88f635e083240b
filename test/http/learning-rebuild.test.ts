import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { certificateCompletionHook } from '../../server/certificates/certificate-hook.js';
import { lessonIri } from '../../server/learning/learning-statements.js';
import { projectLearning, sameLearning } from '../../server/ledger/learning-projection.js';
import { registeredAgent, submitForm, type Agent } from '../support/app.js';
import { COURSE, learningApp, m1Answers, markDone, startAttempt, submitAttempt } from '../support/learning.js';
import { lrsAuth } from '../support/xapi.js';

const PUBLIC_URL = 'http://localhost:3000';
const REQUIRED_LESSONS = ['m1-basics/lessons/l1-welcome', 'm1-basics/lessons/l2-rules', 'm2-practice/lessons/l1-apply'];
const VERB = (v: string) => `http://adlnet.gov/expapi/verbs/${v}`;

async function enrolled(withCertificates = false) {
  const hooks = withCertificates
    ? [
        certificateCompletionHook({
          publicUrl: PUBLIC_URL,
          existing: (u, c) => t.deps.store.certificates.findForUserCourse(u, c),
        }),
      ]
    : [];
  const t = await learningApp(hooks);
  const { agent, email } = await registeredAgent(t.app);
  await submitForm(agent, COURSE, `${COURSE}/enrol`, {});
  const user = (await t.deps.store.users.findByEmail(email))!;
  const enrolment = (await t.deps.store.learning.findEnrolment(user.id, 'fixture-course'))!;
  return { t, agent, user, enrolment };
}

/** Pre-test, a lesson done twice, a failed then a passed module quiz, a double-posted submission, the final: complete. */
async function fullJourney(agent: Agent) {
  await submitForm(agent, COURSE, `${COURSE}/enrol`, {});
  const pre = await startAttempt(agent, 'pre-test');
  await submitAttempt(agent, pre, { 'a.tf1': 'false' });
  await submitAttempt(agent, pre, { 'a.tf1': 'true' });
  for (const l of REQUIRED_LESSONS) await markDone(agent, l);
  await markDone(agent, REQUIRED_LESSONS[0]);
  await submitAttempt(agent, await startAttempt(agent, 'm1-quiz'), { ...m1Answers(false), 'o.q5.s1': '' });
  const retry = await startAttempt(agent, 'm1-quiz');
  await Promise.all([submitAttempt(agent, retry, m1Answers(true)), submitAttempt(agent, retry, m1Answers(true))]);
  await agent.get(`${COURSE}/modules/m3-extra/lessons/l1-reading`);
  await submitAttempt(agent, await startAttempt(agent, 'final'), { 'a.f1': 'a', 'a.f2': 'false' });
}

const statementsOf = async (t: Awaited<ReturnType<typeof enrolled>>['t'], registration: string, verb?: string) =>
  (await t.deps.store.statements.query({ registration, verb, ascending: true, limit: 1000 })).statements;

async function voidThrough(t: Awaited<ReturnType<typeof enrolled>>['t'], statementId: string) {
  // Voiding the platform's own statements is granted by name: `all` does not include it (issue 10, item 10).
  const auth = await lrsAuth(t, ['all', 'praxis/void-platform'], 'Admin LRS tool');
  return request(t.app)
    .post('/xapi/statements')
    .set({ Authorization: auth.Authorization, 'X-Experience-API-Version': '1.0.3' })
    .send({
      actor: { objectType: 'Agent', name: 'Admin', mbox: 'mailto:admin@example.org' },
      verb: { id: VERB('voided'), display: { en: 'voided' } },
      object: { objectType: 'StatementRef', id: statementId },
    });
}

describe('learning projections rebuilt from the ledger', () => {
  it('gives exactly the incremental progress after failures, retries, double posts and completion', async () => {
    const { t, agent, enrolment } = await enrolled();
    await fullJourney(agent);
    const incremental = (await t.deps.store.learning.progress(enrolment.id))!;

    const fromLedger = projectLearning(
      enrolment.id,
      (await statementsOf(t, enrolment.id)).map((statement) => ({ statement, clientId: null })),
    );
    const result = await t.deps.store.learning.rebuild();
    const rebuilt = await t.deps.store.learning.progress(enrolment.id);

    expect(incremental.enrolment.completedAt).not.toBeNull();
    expect(incremental.attempts.map((a) => [a.quizId, a.passed])).toEqual([
      ['pre-test', null],
      ['m1-quiz', false],
      ['m1-quiz', true],
      ['final', true],
    ]);
    expect(incremental.enrolment.lastLessonId).toBe('l1-reading');
    expect(sameLearning(fromLedger, incremental)).toBe(true);
    expect(result).toEqual({ registrations: 1, changed: 0 });
    expect(rebuilt).toEqual(incremental);
  });

  it('restores progress that drifted from the ledger, and gives it a new version', async () => {
    const { t, agent, enrolment } = await enrolled();
    await fullJourney(agent);
    const incremental = (await t.deps.store.learning.progress(enrolment.id))!;
    await t.deps.store.record({
      entries: [],
      learning: {
        enrolmentId: enrolment.id,
        ops: [
          { type: 'lessonDone', moduleId: 'm3-extra', lessonId: 'l1-reading', at: new Date() },
          { type: 'lessonOpened', moduleId: 'm1-basics', lessonId: 'l1-welcome' },
        ],
      },
    });

    const result = await t.deps.store.learning.rebuild();
    const rebuilt = (await t.deps.store.learning.progress(enrolment.id))!;

    expect(result).toEqual({ registrations: 1, changed: 1 });
    expect(rebuilt).toEqual({
      ...incremental,
      enrolment: { ...incremental.enrolment, version: incremental.enrolment.version + 1 },
    });
  });
});

describe('voiding a platform learning statement through /xapi', () => {
  it('makes a completed lesson not done again, on the course page too', async () => {
    const { t, agent, enrolment } = await enrolled();
    await markDone(agent, REQUIRED_LESSONS[0]);
    await markDone(agent, REQUIRED_LESSONS[1]);
    const lesson = lessonIri(PUBLIC_URL, 'fixture-course', 'm1-basics', 'l1-welcome');
    const [completed] = (await statementsOf(t, enrolment.id, VERB('completed'))).filter(
      (s) => (s.object as { id: string }).id === lesson,
    );
    const before = (await t.deps.store.learning.progress(enrolment.id))!;

    const res = await voidThrough(t, completed.id);
    const after = (await t.deps.store.learning.progress(enrolment.id))!;
    const page = await agent.get(COURSE);

    expect(res.status).toBe(200);
    expect(after.doneLessons.map((l) => l.lessonId)).toEqual(['l2-rules']);
    expect(after.enrolment.version).toBe(before.enrolment.version + 1);
    expect(page.text).toMatch(/<progress aria-labelledby="course-progress" max="5" value="1">/);
  });

  it('un-completes the course when its completed statement is voided, and leaves the certificate to the administrators', async () => {
    const { t, agent, user, enrolment } = await enrolled(true);
    await fullJourney(agent);
    const [courseDone] = (await statementsOf(t, enrolment.id, VERB('completed'))).filter(
      (s) => (s.object as { id: string }).id === `${PUBLIC_URL}/courses/fixture-course`,
    );

    const res = await voidThrough(t, courseDone.id);
    const after = (await t.deps.store.learning.progress(enrolment.id))!;
    const certificates = await t.deps.store.certificates.listForUser(user.id);

    expect(res.status).toBe(200);
    expect(after.enrolment.completedAt).toBeNull();
    expect(after.attempts.filter((a) => a.passed)).toHaveLength(2);
    expect(certificates).toHaveLength(1);
    expect(certificates[0].revokedAt).toBeNull();
  });

  it('lets the learner complete the course again after its completion was voided, keeping the one certificate', async () => {
    const { t, agent, user, enrolment } = await enrolled(true);
    await fullJourney(agent);
    const [courseDone] = (await statementsOf(t, enrolment.id, VERB('completed'))).filter(
      (s) => (s.object as { id: string }).id === `${PUBLIC_URL}/courses/fixture-course`,
    );
    await voidThrough(t, courseDone.id);

    const again = await submitAttempt(agent, await startAttempt(agent, 'final'), { 'a.f1': 'a', 'a.f2': 'false' });
    const after = (await t.deps.store.learning.progress(enrolment.id))!;

    expect(again.status).toBe(303);
    expect(after.enrolment.completedAt).toBeInstanceOf(Date);
    expect(await t.deps.store.certificates.listForUser(user.id)).toHaveLength(1);
  });

  it('changes nothing when a statement of another LRS client is voided', async () => {
    const { t, agent, enrolment } = await enrolled();
    await markDone(agent, REQUIRED_LESSONS[0]);
    const auth = await lrsAuth(t);
    const own = await request(t.app)
      .post('/xapi/statements')
      .set({ Authorization: auth.Authorization, 'X-Experience-API-Version': '1.0.3' })
      .send({
        actor: { objectType: 'Agent', mbox: 'mailto:tool@example.org' },
        verb: { id: VERB('completed') },
        object: { objectType: 'Activity', id: lessonIri(PUBLIC_URL, 'fixture-course', 'm1-basics', 'l2-rules') },
        context: { registration: enrolment.id },
      });
    const before = (await t.deps.store.learning.progress(enrolment.id))!;

    const res = await voidThrough(t, (own.body as string[])[0]);

    expect(res.status).toBe(200);
    expect(await t.deps.store.learning.progress(enrolment.id)).toEqual(before);
  });
});
