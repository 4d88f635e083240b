import type { StoredStatement } from '../store/store.js';
import type { MoveOn } from './cmi5-manifest.js';

/** What an AU's statements in one registration amount to (cmi5 sections 9.3, 10). */
export interface AuOutcome {
  completed: boolean;
  passed: boolean;
  failed: boolean;
  satisfied: boolean;
  waived: boolean;
}

const VERBS = {
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  satisfied: 'https://w3id.org/xapi/adl/verbs/satisfied',
  waived: 'https://w3id.org/xapi/adl/verbs/waived',
};

export function outcomeOf(statements: readonly StoredStatement[], auId: string): AuOutcome {
  const has = (verb: string) =>
    statements.some((s) => (s.verb as { id?: string }).id === verb && (s.object as { id?: string }).id === auId);
  return {
    completed: has(VERBS.completed),
    passed: has(VERBS.passed),
    failed: has(VERBS.failed),
    satisfied: has(VERBS.satisfied),
    waived: has(VERBS.waived),
  };
}

/** The AU's moveOn criterion (cmi5 13.1.4). NotApplicable is met at once; waived meets any. */
export function moveOnMet(moveOn: MoveOn, o: AuOutcome): boolean {
  if (o.waived) return true;
  switch (moveOn) {
    case 'Passed':
      return o.passed;
    case 'Completed':
      return o.completed;
    case 'CompletedAndPassed':
      return o.completed && o.passed;
    case 'CompletedOrPassed':
      return o.completed || o.passed;
    case 'NotApplicable':
      return true;
  }
}
