import { describe, expect, it } from 'vitest';
import { METRICS, reachedMetric } from '../../../server/ledger/metrics.js';
import {
  activeContributions,
  learnerCourseContributions,
  statementContributions,
  trainerContributions,
} from '../../../server/ledger/stats-contributions.js';
import { FACT_KINDS, type StatsFact } from '../../../server/ledger/stats-facts.js';
import { DASHBOARD_METRICS } from '../../../server/stats/stats-service.js';
import { AGE_BANDS, PARTICIPANT_SEXES } from '../../../server/store/store.js';

const dims = { country: 'KE', sex: 'female', sector: 'police' };
const groups = [...PARTICIPANT_SEXES, ...AGE_BANDS];
const fact = (kind: StatsFact['kind'], at: string): StatsFact => ({
  statementId: `s-${kind}`,
  kind,
  user: 'u1',
  course: 'c1',
  detail: kind.startsWith('quiz.') || kind === 'module.completed' ? 'm1' : '',
  at,
  amounts: kind === 'session' ? Object.fromEntries(groups.map((g) => [g, 2])) : null,
  ...dims,
});

/** Every metric the projection can write: each kind of fact, a learner's course, a learner-year, a trainer. */
function produced(): Set<string> {
  const facts = FACT_KINDS.map((k, i) => fact(k, `2026-0${(i % 9) + 1}-10T00:00:00Z`));
  const rows = [
    ...statementContributions(facts),
    ...learnerCourseContributions(facts),
    ...activeContributions([{ user: 'u1', course: 'c1', month: '2026-03', n: 1, ...dims }]),
    ...trainerContributions(
      {
        userId: 'u1',
        certifiedAt: new Date('2026-01-01'),
        source: 'admin',
        certificateRef: null,
        withdrawnAt: null,
        withdrawnReason: null,
        ...dims,
      },
      'c1',
    ),
  ];
  return new Set(rows.map((r) => r.metric));
}

describe('statistics metric names', () => {
  it('are all written by the projection, and the projection writes no other', () => {
    expect([...produced()].sort()).toEqual([...METRICS, ...groups.map(reachedMetric)].sort());
  });

  it('match between the projection and the dashboard: each one read is written, each one written is read', () => {
    expect([...DASHBOARD_METRICS].sort()).toEqual([...produced()].sort());
  });
});
