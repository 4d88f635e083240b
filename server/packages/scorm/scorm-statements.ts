/**
 * SCORM run-time milestones as xAPI statements, following the ADL xAPI SCORM Profile where it speaks:
 * the SCO is a `lesson` of the package `course`, every statement carries the registration, an
 * `attempt` activity in its grouping, the session id, and the profile in its category.
 */
import { courseIri, isoDuration } from '../../learning/learning-statements.js';
import type { LedgerEntry, ScormCmi, ScormInteraction } from '../../store/store.js';
import { learnerActor, platformEntry } from '../../ledger/platform.js';
import type { Activity, ActivityDefinition, Result, StatementObject } from '../../ledger/statement.js';
import { isoSeconds } from './cmi-time.js';
import type { ScormEvent } from './cmi-merge.js';

const ADL_VERB = 'http://adlnet.gov/expapi/verbs/';
const ADL_TYPE = 'http://adlnet.gov/expapi/activities/';
export const SCORM_PROFILE = 'https://w3id.org/xapi/scorm';
export const SCORM_VERBS = [
  'initialized',
  'resumed',
  'suspended',
  'terminated',
  'completed',
  'passed',
  'failed',
  'scored',
  'answered',
] as const;
type Verb = (typeof SCORM_VERBS)[number];
const verb = (v: Verb) => ({ id: `${ADL_VERB}${v}`, display: { en: v } });

export interface ScormStatementContext {
  publicUrl: string;
  now: Date;
  user: { id: string };
  course: { slug: string; title: Record<string, string> };
  /** The organization is the module, the item (SCO) the lesson, so progress reads them like any course. */
  organization: { id: string; title: string };
  sco: { id: string; title: string };
  registration: string;
  attemptId: string;
  sessionId: string;
  language: string;
}

const enc = encodeURIComponent;
export const organizationIri = (c: ScormStatementContext) =>
  `${courseIri(c.publicUrl, c.course.slug)}/modules/${enc(c.organization.id)}`;
export const scoIri = (c: ScormStatementContext) => `${organizationIri(c)}/lessons/${enc(c.sco.id)}`;
export const attemptIri = (c: ScormStatementContext) => `${scoIri(c)}?attemptId=${c.attemptId}`;
export const sessionExtension = (publicUrl: string) => `${publicUrl}/xapi/extensions/session`;
export const scormAttemptExtension = (publicUrl: string) => `${publicUrl}/xapi/extensions/scorm-attempt`;

const activity = (
  id: string,
  type: string,
  name?: string | Record<string, string>,
  extra: Partial<ActivityDefinition> = {},
): Activity => ({
  objectType: 'Activity',
  id,
  definition: {
    type: `${ADL_TYPE}${type}`,
    ...(name ? { name: typeof name === 'string' ? { und: name } : name } : {}),
    ...extra,
  },
});
const courseActivity = (c: ScormStatementContext) =>
  activity(courseIri(c.publicUrl, c.course.slug), 'course', c.course.title);
const scoActivity = (c: ScormStatementContext) => activity(scoIri(c), 'lesson', c.sco.title);

function entry(
  c: ScormStatementContext,
  v: Verb,
  object: StatementObject,
  parents: Activity[],
  result?: Result,
): LedgerEntry {
  return platformEntry(
    {
      actor: learnerActor(c.publicUrl, c.user),
      verb: verb(v),
      object,
      ...(result ? { result } : {}),
      context: {
        registration: c.registration,
        language: c.language,
        platform: 'Praxis',
        contextActivities: {
          parent: parents,
          grouping: [courseActivity(c), activity(attemptIri(c), 'attempt')],
          category: [{ objectType: 'Activity', id: SCORM_PROFILE, definition: { type: `${ADL_TYPE}profile` } }],
        },
        extensions: { [sessionExtension(c.publicUrl)]: c.sessionId, [scormAttemptExtension(c.publicUrl)]: c.attemptId },
      },
    },
    { publicUrl: c.publicUrl, now: c.now },
  );
}

const orgParent = (c: ScormStatementContext) => [activity(organizationIri(c), 'module', c.organization.title)];

function score(cmi: ScormCmi): Record<string, number> | undefined {
  const s: Record<string, number> = {};
  if (cmi.scoreScaled !== null) s.scaled = cmi.scoreScaled;
  else if (cmi.scoreRaw !== null && cmi.scoreMax !== null && cmi.scoreMax > (cmi.scoreMin ?? 0)) {
    s.scaled =
      Math.round(((cmi.scoreRaw - (cmi.scoreMin ?? 0)) / (cmi.scoreMax - (cmi.scoreMin ?? 0))) * 10000) / 10000;
  }
  // xAPI requires min <= raw <= max; a SCO's inconsistent values are left out rather than refused.
  const raw = cmi.scoreRaw;
  if (
    raw !== null &&
    (cmi.scoreMin === null || raw >= cmi.scoreMin) &&
    (cmi.scoreMax === null || raw <= cmi.scoreMax)
  ) {
    s.raw = raw;
    if (cmi.scoreMin !== null) s.min = cmi.scoreMin;
    if (cmi.scoreMax !== null) s.max = cmi.scoreMax;
  }
  if (s.scaled !== undefined && (s.scaled < -1 || s.scaled > 1)) delete s.scaled;
  return Object.keys(s).length ? s : undefined;
}

/** The SCORM pattern language and the xAPI one are the same ([,] [.] [:]) for the types that have one. */
function interactionDefinition(i: ScormInteraction): Record<string, unknown> {
  const type = i.type === 'long-fill-in' ? 'long-fill-in' : (i.type ?? 'other');
  return {
    interactionType: type,
    ...(i.correctResponses.length ? { correctResponsesPattern: i.correctResponses } : {}),
  };
}

function answered(c: ScormStatementContext, i: ScormInteraction): LedgerEntry {
  const object = activity(
    `${scoIri(c)}/interactions/${enc(i.id)}`,
    'cmi.interaction',
    i.description ?? undefined,
    interactionDefinition(i),
  );
  const result: Record<string, unknown> = {};
  if (i.learnerResponse !== null) result.response = i.learnerResponse;
  if (i.result === 'correct' || i.result === 'incorrect') result.success = i.result === 'correct';
  return entry(c, 'answered', object, [scoActivity(c)], Object.keys(result).length ? result : undefined);
}

/** The statements for the milestones a commit reached (or a launch: initialized / resumed). */
export function scormStatements(
  c: ScormStatementContext,
  events: readonly (ScormEvent | { kind: 'initialized' | 'resumed' })[],
  cmi: ScormCmi,
): LedgerEntry[] {
  const sco = scoActivity(c);
  const duration = isoSeconds(cmi.totalTime + cmi.sessionTime);
  const s = score(cmi);
  return events.map((e): LedgerEntry => {
    switch (e.kind) {
      case 'answered':
        return answered(c, e.interaction);
      case 'completed':
        return entry(c, 'completed', sco, orgParent(c), { completion: true, duration, ...(s ? { score: s } : {}) });
      case 'passed':
      case 'failed':
        return entry(c, e.kind, sco, orgParent(c), {
          success: e.kind === 'passed',
          duration,
          ...(s ? { score: s } : {}),
        });
      case 'scored':
        return entry(c, 'scored', sco, orgParent(c), s ? { score: s } : undefined);
      case 'suspended':
      case 'terminated':
        return entry(c, e.kind, sco, orgParent(c), { duration });
      default:
        return entry(c, e.kind, sco, orgParent(c)); // initialized, resumed
    }
  });
}

/** The package course completed: the same statement Praxis courses write, so statistics and certificates count it. */
export function scormCourseCompleted(c: ScormStatementContext, enrolledAt: Date): LedgerEntry {
  return platformEntry(
    {
      actor: learnerActor(c.publicUrl, c.user),
      verb: { id: `${ADL_VERB}completed`, display: { en: 'completed' } },
      object: courseActivity(c),
      result: { completion: true, duration: isoDuration(c.now.getTime() - enrolledAt.getTime()) },
      context: { registration: c.registration, language: c.language, platform: 'Praxis', contextActivities: {} },
    },
    { publicUrl: c.publicUrl, now: c.now },
  );
}
