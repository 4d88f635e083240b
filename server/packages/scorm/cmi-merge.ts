/**
 * Applies a SCO's commit to the stored CMI data of its attempt (pure). Returns the new data and the
 * milestones the commit reached, which become xAPI statements (scorm-statements.ts).
 */
import type { ScormCmi, ScormCompletion, ScormInteraction, ScormObjective, ScormSuccess } from '../../store/store.js';
import { MAX_INTERACTIONS, MAX_OBJECTIVES, type CommitCmi } from './cmi-commit.schema.js';
import { sessionSeconds } from './cmi-time.js';
import type { ScormItem, ScormVersion } from './scorm-manifest.js';

export type ScormEvent =
  | { kind: 'completed' }
  | { kind: 'passed' }
  | { kind: 'failed' }
  | { kind: 'scored' }
  | { kind: 'answered'; interaction: ScormInteraction }
  | { kind: 'suspended' }
  | { kind: 'terminated' };

export function emptyCmi(): ScormCmi {
  return {
    location: '',
    suspendData: '',
    lessonStatus: null,
    completionStatus: 'not attempted',
    successStatus: 'unknown',
    scoreRaw: null,
    scoreMin: null,
    scoreMax: null,
    scoreScaled: null,
    progressMeasure: null,
    totalTime: 0,
    sessionId: null,
    sessionTime: 0,
    sequence: 0,
    entry: 'ab-initio',
    exit: '',
    interactions: [],
    objectives: [],
  };
}

/** SCORM 1.2 has one status for both; 2004 keeps them apart. "failed" in 1.2 still means the SCO was completed. */
export function statusesOf12(lessonStatus: string): { completion: ScormCompletion; success: ScormSuccess } {
  switch (lessonStatus) {
    case 'passed':
      return { completion: 'completed', success: 'passed' };
    case 'failed':
      return { completion: 'completed', success: 'failed' };
    case 'completed':
      return { completion: 'completed', success: 'unknown' };
    case 'incomplete':
    case 'browsed':
      return { completion: 'incomplete', success: 'unknown' };
    default:
      return { completion: 'not attempted', success: 'unknown' };
  }
}

/** A completed attempt stays completed, a passed one stays passed: later commits cannot take that back. */
const stickyCompletion = (before: ScormCompletion, after: ScormCompletion) => (before === 'completed' ? before : after);
const stickySuccess = (before: ScormSuccess, after: ScormSuccess) => (before === 'passed' ? before : after);

function interactionOf(i: NonNullable<CommitCmi['interactions']>[number]): ScormInteraction {
  return {
    id: i.id,
    type: i.type ?? null,
    description: i.description ?? null,
    timestamp: i.timestamp ?? null,
    learnerResponse: i.learnerResponse ?? null,
    correctResponses: i.correctResponses ?? [],
    result: i.result === 'wrong' ? 'incorrect' : (i.result ?? null),
    weighting: i.weighting ?? null,
    latency: i.latency ?? null,
    objectives: i.objectives ?? [],
  };
}

function objectiveOf(o: NonNullable<CommitCmi['objectives']>[number]): ScormObjective {
  return {
    id: o.id,
    description: o.description ?? null,
    completionStatus: o.completionStatus ?? 'unknown',
    successStatus: o.successStatus ?? 'unknown',
    progressMeasure: o.progressMeasure ?? null,
    scoreRaw: o.scoreRaw ?? null,
    scoreMin: o.scoreMin ?? null,
    scoreMax: o.scoreMax ?? null,
    scoreScaled: o.scoreScaled ?? null,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Interactions and objectives are kept by id: a SCO resumed in a new session starts counting from 0
 * again (1.2 interactions are write-only), so its list replaces the entries it names and adds the others.
 */
function mergeById<T extends { id: string }>(prev: T[], incoming: T[], max: number): T[] {
  const byId = new Map(prev.map((x) => [x.id, x]));
  for (const x of incoming) byId.set(x.id, x);
  return [...byId.values()].slice(-max);
}
const pick = <T>(v: T | undefined, fallback: T): T => (v === undefined ? fallback : v);

/** The statuses the LMS decides from the SCO's data: 1.2 mastery score, 2004 thresholds (RTE 4.2.4.1, 4.2.22). */
function judged(
  cmi: ScormCmi,
  version: ScormVersion,
  item: ScormItem,
): { completion: ScormCompletion; success: ScormSuccess } {
  let completion = cmi.completionStatus;
  let success = cmi.successStatus;
  if (version === '1.2') {
    const s = statusesOf12(cmi.lessonStatus ?? 'not attempted');
    completion = s.completion;
    success = s.success;
    if (item.masteryScore !== null && cmi.scoreRaw !== null && completion === 'completed') {
      success = cmi.scoreRaw >= item.masteryScore ? 'passed' : 'failed';
    }
    return { completion, success };
  }
  const t = item.completionThreshold;
  if (t?.completedByMeasure && cmi.progressMeasure !== null)
    completion = cmi.progressMeasure >= t.minProgressMeasure ? 'completed' : 'incomplete';
  const primary = item.objectives.find((o) => o.primary && o.satisfiedByMeasure && o.minNormalizedMeasure !== null);
  if (primary && cmi.scoreScaled !== null)
    success = cmi.scoreScaled >= (primary.minNormalizedMeasure ?? 0) ? 'passed' : 'failed';
  return { completion, success };
}

export function applyCommit(prev: ScormCmi, c: CommitCmi, terminate: boolean, version: ScormVersion, item: ScormItem) {
  const next: ScormCmi = {
    ...prev,
    location: pick(c.location, prev.location),
    suspendData: pick(c.suspendData, prev.suspendData),
    lessonStatus: pick(c.lessonStatus, prev.lessonStatus),
    completionStatus: pick(c.completionStatus, prev.completionStatus),
    successStatus: pick(c.successStatus, prev.successStatus),
    scoreRaw: pick(c.scoreRaw, prev.scoreRaw),
    scoreMin: pick(c.scoreMin, prev.scoreMin),
    scoreMax: pick(c.scoreMax, prev.scoreMax),
    scoreScaled: pick(c.scoreScaled, prev.scoreScaled),
    progressMeasure: pick(c.progressMeasure, prev.progressMeasure),
    exit: pick(c.exit, prev.exit),
    sessionTime: c.sessionTime === undefined ? prev.sessionTime : (sessionSeconds(c.sessionTime) ?? prev.sessionTime),
    interactions: c.interactions
      ? mergeById(prev.interactions, c.interactions.map(interactionOf), MAX_INTERACTIONS)
      : prev.interactions,
    objectives: c.objectives
      ? mergeById(prev.objectives, c.objectives.map(objectiveOf), MAX_OBJECTIVES)
      : prev.objectives,
  };
  const decided = judged(next, version, item);
  const success = decided.success;
  let completion = decided.completion;
  // A SCO that ends its attempt (LMSFinish / Terminate, not suspended) without ever reporting a status is
  // completed by the LMS: SCORM 1.2 RTE 3.4.4 (lesson_status), and in 2004 the delivery controls' default
  // completionSetByContent="false" (SN 3.13.1). The minimum-calls SCOs rely on it.
  const ended = terminate && next.exit !== 'suspend';
  if (ended && (completion === 'unknown' || completion === 'not attempted') && !item.completionThreshold)
    completion = 'completed';
  next.completionStatus = stickyCompletion(prev.completionStatus, completion);
  next.successStatus = stickySuccess(prev.successStatus, success);
  if (version === '1.2') next.lessonStatus = lessonStatusOf(next);

  const events: ScormEvent[] = [];
  const before = new Map(prev.interactions.map((i) => [i.id, i]));
  for (const i of next.interactions) if (!same(before.get(i.id), i)) events.push({ kind: 'answered', interaction: i });
  if (next.completionStatus === 'completed' && prev.completionStatus !== 'completed')
    events.push({ kind: 'completed' });
  if (next.successStatus !== prev.successStatus && next.successStatus !== 'unknown')
    events.push({ kind: next.successStatus });
  if (next.scoreRaw !== null || next.scoreScaled !== null) {
    if (next.scoreRaw !== prev.scoreRaw || next.scoreScaled !== prev.scoreScaled) events.push({ kind: 'scored' });
  }
  if (terminate) {
    next.totalTime = prev.totalTime + next.sessionTime;
    next.sessionTime = 0;
    next.sessionId = null;
    events.push({ kind: next.exit === 'suspend' ? 'suspended' : 'terminated' });
  }
  return { cmi: next, events };
}

/** The 1.2 status the SCO reads back on resume, after the mastery score and the sticky rules. */
function lessonStatusOf(cmi: ScormCmi): string | null {
  if (cmi.successStatus === 'passed' || cmi.successStatus === 'failed') return cmi.successStatus;
  if (cmi.completionStatus === 'completed') return 'completed';
  return cmi.lessonStatus;
}

/** A SCO counts towards the course when it is passed, or completed and not failed. */
export const satisfied = (cmi: Pick<ScormCmi, 'completionStatus' | 'successStatus'>) =>
  cmi.successStatus === 'passed' || (cmi.completionStatus === 'completed' && cmi.successStatus !== 'failed');
