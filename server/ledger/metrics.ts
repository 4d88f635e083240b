/**
 * The names of the statistics counters: the projection (stats-contributions.ts) writes them and the
 * dashboard (server/stats) reads them, both through these types, so a misspelt name fails to compile.
 */
export const METRICS = [
  'enrolments',
  'learners.enrolled',
  'completions',
  'completions.cohort',
  'days',
  'module.completions',
  'module.quiz.passed',
  'module.quiz.failed',
  'final.passed',
  'final.failed',
  'certificates',
  'sessions',
  'trainers',
  'active.m',
  'active.q',
  'active.y',
] as const;

/** Participants a delivered session reached, one counter per participant group (sex or age band). */
export type ReachedMetric = `reached.${string}`;
export type Metric = (typeof METRICS)[number] | ReachedMetric;

export const reachedMetric = (group: string): ReachedMetric => `reached.${group}`;
