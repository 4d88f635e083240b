import { describe, expect, it } from 'vitest';
import { registeredAgent, submitForm } from '../support/app.js';
import { COURSE, learningApp } from '../support/learning.js';

// Issue 10, item 12: HEAD is safe (RFC 9110 §9.2.1): a link checker or prefetcher must not record reading.
describe('HEAD on a lesson page', () => {
  it('answers like GET but records no experienced statement; GET still records one', async () => {
    const t = await learningApp();
    const { agent } = await registeredAgent(t.app);
    await submitForm(agent, COURSE, `${COURSE}/enrol`, {});
    const count = async () =>
      (await t.deps.store.statements.query({ limit: 1000, ascending: true })).statements.filter((s) =>
        s.verb.id.endsWith('/experienced'),
      ).length;
    const before = await count();
    const lesson = `${COURSE}/modules/m1-basics/lessons/l1-welcome`;
    const head = await agent.head(lesson);
    expect(head.status).toBe(200);
    expect(await count()).toBe(before);
    expect((await agent.get(lesson)).status).toBe(200);
    expect(await count()).toBe(before + 1);
  });
});
