import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/lib/demo-programme.js';
import { testApp } from '../support/app.js';

describe('seed-demo', () => {
  it('fills an empty database through the services, with counters that a rebuild reproduces', async () => {
    const t = await testApp();

    const r = await seedDemo(t.deps, { seed: 1, learners: 25, now: new Date('2026-06-30T00:00:00Z') });
    const incremental = await t.deps.store.stats.dump();
    await t.deps.store.stats.rebuild();

    expect(r.statements).toBeGreaterThan(500);
    expect(r.manager.roles).toContain('manager');
    expect(await t.deps.store.learning.enrolmentsOf(r.learner.id)).not.toEqual([]);
    expect(await t.deps.store.stats.dump()).toEqual(incremental);
  });

  it('refuses a database that already has users', async () => {
    const t = await testApp();
    await seedDemo(t.deps, { seed: 2, learners: 1, now: new Date() });

    await expect(seedDemo(t.deps, { seed: 2, learners: 1, now: new Date() })).rejects.toThrow(/EMPTY/);
  });
});
