import { describe, expect, it } from 'vitest';
import { registeredAgent, signedInWithRoles, submitForm } from '../support/app.js';
import { COURSE, learningApp, markDone } from '../support/learning.js';

const TABLES = [
  'overview',
  'courses',
  'modules',
  'countries',
  'sexes',
  'sectors',
  'months',
  'cascade',
  'reached',
  'sessions',
];
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('statistics keep history through a profile change and a rebuild', () => {
  it('answers every figure the same before and after npm run rebuild-projections, with the enrolment under the old profile', async () => {
    const t = await learningApp();
    const { agent } = await registeredAgent(t.app, { country: 'EG', sex: 'female' });
    await submitForm(agent, COURSE, `${COURSE}/enrol`, {});
    await markDone(agent, 'm1-basics/lessons/l1-welcome');
    await tick();
    const profile = await submitForm(agent, '/profile', '/profile', {
      displayName: 'Amal Said',
      country: 'JP',
      sex: 'male',
      sector: 'police',
      organisation: '',
      language: 'en',
    });
    expect(profile.status).toBe(303);
    const { agent: manager } = await signedInWithRoles(t, ['learner', 'manager']);
    const figures = async () => {
      const out: Record<string, unknown> = { dashboard: (await manager.get('/api/stats/dashboard')).body };
      for (const table of TABLES) out[table] = (await manager.get(`/api/stats/tables/${table}`)).body;
      return out;
    };
    const before = await figures();

    await t.deps.store.learning.rebuild();
    await t.deps.store.stats.rebuild();
    const after = await figures();

    expect(after).toEqual(before);
    const countries = JSON.stringify(after.countries);
    expect(countries).toContain('EG');
    expect(JSON.stringify(after.sexes)).toContain('female');
  });
});
