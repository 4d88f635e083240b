import { ForbiddenError } from '../errors.js';
import type { LearnerGrant } from './learner-token-service.js';
import { isObject, type Json } from './xapi-formats.js';

/**
 * What a learner's browser token may write (docs/xapi-lrs.md). Checked after the xAPI rules, so a
 * statement refused here is well formed and the 403 names the one rule it broke.
 */

export const BROWSER_VERBS: readonly string[] = [
  'http://adlnet.gov/expapi/verbs/experienced',
  'http://adlnet.gov/expapi/verbs/progressed',
];

const refuse = (code: string, where: string, message: string): never => {
  throw new ForbiddenError(`learner_token_${code}`, `${where}: ${message}`);
};

const inCourse = (grant: LearnerGrant, id: unknown) =>
  typeof id === 'string' && (id === grant.courseIri || id.startsWith(`${grant.courseIri}/`));

function sameActor(grant: LearnerGrant, actor: unknown): boolean {
  if (!isObject(actor) || !isObject(actor.account)) return false;
  const keys = Object.keys(actor).filter((k) => k !== 'objectType');
  return (
    (actor.objectType ?? 'Agent') === 'Agent' &&
    keys.length === 1 &&
    actor.account.homePage === grant.actor.account.homePage &&
    actor.account.name === grant.actor.account.name
  );
}

function checkOne(grant: LearnerGrant, s: Json, where: string): void {
  if (!sameActor(grant, s.actor))
    refuse(
      'actor',
      where,
      `a learner token may only send statements whose actor is its own learner, the account ${grant.actor.account.name} of ${grant.actor.account.homePage}.`,
    );
  const verb = isObject(s.verb) ? s.verb.id : undefined;
  if (!BROWSER_VERBS.includes(verb as string))
    refuse(
      'verb',
      where,
      `a learner token may only send experienced or progressed statements, not ${String(verb)}; completion, passing and failing are recorded by the platform.`,
    );
  const context = isObject(s.context) ? s.context : {};
  if (context.registration !== grant.registration)
    refuse('registration', where, `context.registration must be the token's registration ${grant.registration}.`);
  const object = isObject(s.object) ? s.object : {};
  if ((object.objectType ?? 'Activity') !== 'Activity' || !inCourse(grant, object.id))
    refuse(
      'object',
      where,
      `the object must be an activity of the course ${grant.courseSlug} (under ${grant.courseIri}/).`,
    );
  const contextActivities = isObject(context.contextActivities) ? Object.values(context.contextActivities).flat() : [];
  if (!contextActivities.every((a) => isObject(a) && inCourse(grant, a.id)))
    refuse('context', where, `context activities must belong to the course ${grant.courseSlug}.`);
  if (context.instructor !== undefined || context.team !== undefined)
    refuse('context', where, 'a learner token may not name an instructor or a team.');
  const result = isObject(s.result) ? s.result : {};
  if (['completion', 'success', 'score'].some((k) => result[k] !== undefined))
    refuse('result', where, 'a learner token may not claim completion, success or a score.');
  if (s.attachments !== undefined) refuse('attachments', where, 'a learner token may not send attachments.');
}

/** Throws a 403 naming the first rule a statement of the batch breaks. */
export function checkLearnerStatements(grant: LearnerGrant, batch: Json[]): void {
  batch.forEach((s, i) => checkOne(grant, s, batch.length > 1 ? `statement[${i}]` : 'statement'));
}
