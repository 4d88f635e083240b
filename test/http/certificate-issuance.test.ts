import { describe, expect, it } from 'vitest';
import { certificateCompletionHook, VERB_EARNED } from '../../server/certificates/certificate-hook.js';
import { registeredAgent, submitForm, type Agent } from '../support/app.js';
import { COURSE, learningApp, m1Answers, markDone, startAttempt, submitAttempt } from '../support/learning.js';

const REQUIRED_LESSONS = ['m1-basics/lessons/l1-welcome', 'm1-basics/lessons/l2-rules', 'm2-practice/lessons/l1-apply'];

async function passQuiz(agent: Agent, quizId: string, fields: Record<string, string | string[]>) {
  return submitAttempt(agent, await startAttempt(agent, quizId), fields);
}

describe('certificate issued on course completion', () => {
  it('issues the certificate with an "earned" statement when the final assessment completes the course, and lists it in My learning', async () => {
    const t = await learningApp([certificateCompletionHook({ publicUrl: 'http://localhost:3000' })]);
    const { agent, email } = await registeredAgent(t.app, { displayName: 'Grace Achieng' });
    await submitForm(agent, COURSE, `${COURSE}/enrol`, {});
    await passQuiz(agent, 'pre-test', { 'a.tf1': 'false' });
    for (const l of REQUIRED_LESSONS) await markDone(agent, l);
    await passQuiz(agent, 'm1-quiz', m1Answers(true));

    await passQuiz(agent, 'final', { 'a.f1': 'a', 'a.f2': 'false' });
    const again = await passQuiz(agent, 'final', { 'a.f1': 'a', 'a.f2': 'false' });
    const my = await agent.get('/my');

    const user = (await t.deps.store.users.findByEmail(email))!;
    const certs = await t.deps.store.certificates.listForUser(user.id);
    expect(again.status).toBeLessThan(500);
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({
      courseSlug: 'fixture-course',
      courseVersion: '1.2.0',
      learnerName: 'Grace Achieng',
      languages: ['en', 'fr'],
    });
    const earned = await t.deps.store.statements.query({ verb: VERB_EARNED.id, limit: 10 });
    expect(earned.statements).toHaveLength(1);
    expect(earned.statements[0]).toMatchObject({
      object: { id: `http://localhost:3000/certificates/${certs[0].id}` },
      context: { registration: expect.any(String) },
    });
    expect(my.text).toContain(certs[0].code);
    expect(my.text).toContain(`/my/certificates/${certs[0].id}/certificate.pdf?lang=fr`);
  });
});
