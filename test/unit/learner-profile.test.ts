import { describe, expect, it } from 'vitest';
import { COUNTRIES, learnerProfile } from '../../scripts/lib/learner-profile.js';
import { seededRandom } from '../../scripts/lib/random.js';
import { SECTORS, SEXES } from '../../server/store/store.js';

describe('generated learner profiles', () => {
  const draw = (seed: number, n: number) => {
    const r = seededRandom(seed);
    return Array.from({ length: n }, () => learnerProfile(r));
  };

  it('are the same for a seed and spread over the countries, sexes and sectors a real profile may hold', () => {
    const all = draw(3, 2000);

    expect(draw(3, 50)).toEqual(all.slice(0, 50));
    expect(new Set(all.map((p) => p.country))).toEqual(new Set(COUNTRIES));
    expect(new Set(all.map((p) => p.sex))).toEqual(new Set(SEXES));
    expect(new Set(all.map((p) => p.sector))).toEqual(new Set(SECTORS));
    const women = all.filter((p) => p.sex === 'female').length / all.length;
    expect(women).toBeGreaterThan(0.4);
    expect(women).toBeLessThan(0.56);
  });
});
