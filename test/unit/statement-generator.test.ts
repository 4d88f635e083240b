import { describe, expect, it } from 'vitest';
import { generateStatements } from '../../scripts/lib/statement-generator.js';

describe('statement generator', () => {
  const take = (seed: number, count: number) => [...generateStatements({ seed, count, publicUrl: 'https://p.test' })];

  it('is deterministic for a seed and varies between seeds', () => {
    expect(take(7, 200)).toEqual(take(7, 200));
    expect(take(7, 200)[0].id).not.toBe(take(8, 200)[0].id);
  });

  it('produces learner journeys with every verb and timestamps inside two years', () => {
    const all = take(1, 5000);
    const verbs = new Set(all.map((s) => s.verb.id.split('/').pop()));
    const times = all.map((s) => Date.parse(s.timestamp));

    expect(all.length).toBeGreaterThanOrEqual(5000);
    expect([...verbs].sort()).toEqual([
      'answered',
      'attempted',
      'completed',
      'experienced',
      'failed',
      'passed',
      'registered',
    ]);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2024-12-01T00:00:00Z'));
    expect(Math.max(...times)).toBeLessThan(Date.parse('2027-01-15T00:00:00Z'));
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
  });
});
