import { describe, expect, it } from 'vitest';
import { periodOf, presetOf, previousQuery, resolvePreset } from '../../server/stats/stats-period.js';
import type { StatsQueryInput } from '../../server/stats/stats.schema.js';

const span = (q: StatsQueryInput, now = new Date('2026-01-10T00:00:00Z')) => {
  const p = periodOf(q, now);
  return `${p.from}..${p.to}`;
};

describe('statistics periods', () => {
  it('resolves the presets from a fixed today, complete periods only (except this year)', () => {
    const jan = new Date('2026-01-10T00:00:00Z');
    expect(resolvePreset('this-year', jan)).toEqual({ period: 'year', year: 2026 });
    expect(resolvePreset('last-year', jan)).toEqual({ period: 'year', year: 2025 });
    expect(resolvePreset('last-quarter', jan)).toEqual({ period: 'quarter', year: 2025, quarter: 4 });
    expect(resolvePreset('last-quarter', new Date('2026-08-31T23:00:00Z'))).toEqual({
      period: 'quarter',
      year: 2026,
      quarter: 2,
    });
    expect(resolvePreset('last-12-months', jan)).toEqual({ period: 'custom', from: '2025-01', to: '2025-12' });
    expect(span({ period: 'last-12-months' }, new Date('2026-03-01T00:00:00Z'))).toBe('2025-03..2026-02');
  });

  it('gives the period of the same length just before, under the same filters', () => {
    const previous = (q: StatsQueryInput) => span(previousQuery(periodOf(q, new Date()), q));
    expect(previous({ period: 'year', year: 2025 })).toBe('2024-01..2024-12');
    expect(previous({ period: 'quarter', year: 2025, quarter: 1 })).toBe('2024-10..2024-12');
    expect(previous({ period: 'quarter', year: 2025, quarter: 3 })).toBe('2025-04..2025-06');
    expect(previous({ period: 'month', month: '2025-01' })).toBe('2024-12..2024-12');
    expect(previous({ period: 'custom', from: '2025-02', to: '2026-05' })).toBe('2023-10..2025-01');
    expect(
      previousQuery(periodOf({ period: 'year', year: 2025, country: 'KE' }, new Date()), {
        period: 'year',
        country: 'KE',
      }).country,
    ).toBe('KE');
  });

  it('tells which preset stands for a period today', () => {
    const now = new Date('2026-05-20T00:00:00Z');
    expect(presetOf(periodOf({ period: 'year' }, now), now)).toBe('this-year');
    expect(presetOf(periodOf({ period: 'custom', from: '2025-05', to: '2026-04' }, now), now)).toBe('last-12-months');
    expect(presetOf(periodOf({ period: 'quarter', year: 2026, quarter: 1 }, now), now)).toBe('last-quarter');
    expect(presetOf(periodOf({ period: 'month', month: '2026-05' }, now), now)).toBe('custom');
  });
});
