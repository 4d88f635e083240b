import { describe, expect, it } from 'vitest';
import { checkStatement } from '../../server/xapi/statement-rules.js';
import { isPlatformAuthority } from '../../server/ledger/platform.js';
import { registeredAgent, submitForm } from '../support/app.js';
import { COURSE, learningApp, m1Answers, markDone, startAttempt, submitAttempt } from '../support/learning.js';

describe('statements written by the learner journey', () => {
  it('are valid xAPI 1.0.3 statements by the LRS rules, with the platform authority and the learner as an account', async () => {
    const t = await learningApp();
    const { agent, email } = await registeredAgent(t.app);
    await submitForm(agent, COURSE, `${COURSE}/enrol`, {});
    await submitAttempt(agent, await startAttempt(agent, 'pre-test'), { 'a.tf1': 'false' });
    for (const l of ['m1-basics/lessons/l1-welcome', 'm1-basics/lessons/l2-rules', 'm2-practice/lessons/l1-apply'])
      await markDone(agent, l);
    await submitAttempt(agent, await startAttempt(agent, 'm1-quiz'), m1Answers(false));
    await submitAttempt(agent, await startAttempt(agent, 'm1-quiz'), m1Answers(true));
    await submitAttempt(agent, await startAttempt(agent, 'final'), { 'a.f1': 'a', 'a.f2': 'false' });
    const user = (await t.deps.store.users.findByEmail(email))!;

    const { statements } = await t.deps.store.statements.query({ limit: 1000, ascending: true });
    const invalid = statements.flatMap((s) => {
      try {
        checkStatement(s);
        return [];
      } catch (e) {
        return [`${s.verb.id}: ${(e as Error).message}`];
      }
    });

    expect(statements.length).toBeGreaterThan(20);
    expect(invalid).toEqual([]);
    expect(statements.every((s) => isPlatformAuthority(s.authority, t.deps.config.PUBLIC_URL))).toBe(true);
    expect(new Set(statements.map((s) => JSON.stringify(s.actor)))).toEqual(
      new Set([
        JSON.stringify({ objectType: 'Agent', account: { homePage: t.deps.config.PUBLIC_URL, name: user.id } }),
      ]),
    );
    expect(JSON.stringify(statements)).not.toContain(email);
  });
});
