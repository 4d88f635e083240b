import { randomUUID } from 'node:crypto';
import { platformEntry } from '../../server/ledger/platform.js';
import type { Activity } from '../../server/ledger/statement.js';
import { ACTIVITY_TYPES, VERBS } from '../../server/ledger/vocabulary.js';
import { VERB_VOIDED } from '../../server/ledger/statement-index.js';
import type { LedgerEntry } from '../../server/store/store.js';

export const PUBLIC_URL = 'http://localhost:3000';
const act = (id: string, type: string): Activity => ({ objectType: 'Activity', id, definition: { type } });
const courseAct = (slug: string) => act(`${PUBLIC_URL}/courses/${slug}`, ACTIVITY_TYPES.course);
const moduleAct = (slug: string, mod: string) =>
  act(`${PUBLIC_URL}/courses/${slug}/modules/${mod}`, ACTIVITY_TYPES.module);

export interface LearnerEvent {
  user: string;
  course: string;
  at: Date;
  module?: string;
  registration?: string;
}

/** A statement as the learning service writes it: platform authority, grouping = course, parent = module. */
function learnerEntry(
  e: LearnerEvent,
  verb: string,
  object: object,
  extra: Record<string, unknown> = {},
  clientId: string | null = null,
): LedgerEntry {
  const parent = e.module ? [moduleAct(e.course, e.module)] : undefined;
  const entry = platformEntry(
    {
      actor: { objectType: 'Agent', account: { homePage: PUBLIC_URL, name: e.user } },
      verb: { id: verb, display: { en: verb.split('/').pop()! } },
      object,
      context: {
        registration: e.registration ?? randomUUID(),
        contextActivities: { grouping: [courseAct(e.course)], ...(parent ? { parent } : {}) },
      },
      timestamp: e.at.toISOString(),
      ...extra,
    },
    { publicUrl: PUBLIC_URL, now: new Date() },
  );
  return clientId
    ? {
        statement: {
          ...entry.statement,
          authority: { objectType: 'Agent', account: { homePage: PUBLIC_URL, name: `client-${clientId}` } },
        },
        clientId,
      }
    : entry;
}

export const registered = (e: LearnerEvent) => learnerEntry(e, VERBS.registered, courseAct(e.course));
export const completedCourse = (e: LearnerEvent, clientId: string | null = null) =>
  learnerEntry(e, VERBS.completed, courseAct(e.course), { result: { completion: true } }, clientId);
export const completedModule = (e: LearnerEvent & { module: string }) =>
  learnerEntry(e, VERBS.completed, moduleAct(e.course, e.module), { result: { completion: true } });
export const experienced = (e: LearnerEvent & { module: string }) =>
  learnerEntry(
    e,
    `${'http://adlnet.gov/expapi/verbs/'}experienced`,
    act(`${PUBLIC_URL}/courses/${e.course}/modules/${e.module}/lessons/l1`, ACTIVITY_TYPES.lesson),
  );
/** A module quiz when `module` is set, the final assessment otherwise. */
export const assessed = (e: LearnerEvent, passed: boolean) =>
  learnerEntry(
    e,
    passed ? VERBS.passed : VERBS.failed,
    act(
      `${PUBLIC_URL}/courses/${e.course}/quizzes/${e.module ? `${e.module}-quiz` : 'final'}`,
      ACTIVITY_TYPES.assessment,
    ),
    { result: { success: passed, completion: true, score: { scaled: passed ? 0.9 : 0.4 } } },
  );
export const earned = (e: LearnerEvent) =>
  learnerEntry(
    e,
    'http://id.tincanapi.com/verb/earned',
    act(`${PUBLIC_URL}/certificates/${randomUUID()}`, 'https://w3id.org/xapi/cmi5/activitytype/block'),
  );

export const voiding = (targetId: string): LedgerEntry =>
  platformEntry(
    {
      actor: { objectType: 'Agent', account: { homePage: PUBLIC_URL, name: 'praxis-platform' } },
      verb: { id: VERB_VOIDED, display: { en: 'voided' } },
      object: { objectType: 'StatementRef', id: targetId },
    },
    { publicUrl: PUBLIC_URL, now: new Date() },
  );
