import { platformEntry } from '../ledger/platform.js';
import type { Activity, Statement } from '../ledger/statement.js';
import type { Cmi5Actor, Cmi5SessionRecord } from '../store/store.js';
import { CMI5 } from './cmi5-statement-rules.js';

export const SATISFIED = 'https://w3id.org/xapi/adl/verbs/satisfied';
export const ABANDONED = 'https://w3id.org/xapi/adl/verbs/abandoned';
export const WAIVED = 'https://w3id.org/xapi/adl/verbs/waived';

/** The learner of a session: the integration's actor, or the Praxis learner's platform account. */
export const sessionActor = (s: Pick<Cmi5SessionRecord, 'userId' | 'actor'>, publicUrl: string): Cmi5Actor =>
  s.actor ?? { objectType: 'Agent', account: { homePage: publicUrl, name: s.userId ?? '' } };

export type LmsStatementArgs = [
  verb: string,
  s: Pick<Cmi5SessionRecord, 'id' | 'registration' | 'userId' | 'actor'>,
  object: Omit<Activity, 'objectType'>,
  publisherId: string,
  extra?: Pick<Statement, 'result' | 'context'>,
];

/** A statement the LMS makes about the registration (cmi5 9.6.2.3: the publisher's id in grouping). */
export function lmsStatementEntry(
  publicUrl: string,
  now: Date,
  ...[verb, s, object, publisherId, extra = {}]: LmsStatementArgs
) {
  const moveOn = verb === SATISFIED || verb === WAIVED;
  const statement: Omit<Statement, 'stored' | 'authority' | 'version'> = {
    actor: sessionActor(s, publicUrl),
    verb: { id: verb, display: { en: verb.split('/').pop() ?? verb } },
    object: { objectType: 'Activity', ...object },
    context: {
      registration: s.registration,
      contextActivities: {
        category: [{ id: CMI5.category }, ...(moveOn ? [{ id: CMI5.moveOnCategory }] : [])],
        grouping: [{ objectType: 'Activity', id: publisherId }],
      },
      extensions: { [CMI5.sessionId]: s.id },
    },
    ...extra,
  };
  return platformEntry(statement, { publicUrl, now });
}
