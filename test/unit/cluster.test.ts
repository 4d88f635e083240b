import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_CHANGED,
  hashConcurrencyPerWorker,
  isCatalogueChange,
  leaderRole,
  workerCount,
} from '../../server/cluster.js';

describe('workers (server/cluster.ts)', () => {
  it('runs WEB_CONCURRENCY workers, else one per core', () => {
    expect(workerCount(3)).toBe(3);
    expect(workerCount(undefined)).toBeGreaterThanOrEqual(1);
  });

  it('shares the cores out for password hashing, at least one per worker', () => {
    expect(hashConcurrencyPerWorker(2, 2)).toBe(1);
    expect(hashConcurrencyPerWorker(2, 8)).toBe(4);
    expect(hashConcurrencyPerWorker(4, 2)).toBe(1);
  });

  it('tells its own messages from anything else on the channel', () => {
    expect(isCatalogueChange(CATALOGUE_CHANGED)).toBe(true);
    expect(isCatalogueChange({ praxis: 'role', leader: true })).toBe(false);
    expect(isCatalogueChange('catalogue-changed')).toBe(false);
    expect(leaderRole({ praxis: 'role', leader: true })).toBe(true);
    expect(leaderRole({ praxis: 'role', leader: false })).toBe(false);
    expect(leaderRole(CATALOGUE_CHANGED)).toBeNull();
    expect(leaderRole(null)).toBeNull();
  });
});
