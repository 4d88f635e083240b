import { ForbiddenError } from '../errors.js';
import { isJson, type Json } from '../ledger/statement.js';

/** cmi5's context extension and category ids, and its verbs. */
export const CMI5 = {
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  launchMode: 'https://w3id.org/xapi/cmi5/context/extensions/launchmode',
  launchUrl: 'https://w3id.org/xapi/cmi5/context/extensions/launchurl',
  moveOn: 'https://w3id.org/xapi/cmi5/context/extensions/moveon',
  launchParameters: 'https://w3id.org/xapi/cmi5/context/extensions/launchparameters',
  reason: 'https://w3id.org/xapi/cmi5/result/extensions/reason',
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOnCategory: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
} as const;
export const VERB = (v: string) => `http://adlnet.gov/expapi/verbs/${v}`;
const DEFINED = new Set(['initialized', 'completed', 'passed', 'failed', 'terminated'].map(VERB));
const MOVE_ON_VERBS = new Set(['completed', 'passed', 'failed'].map(VERB));

/** What the rules need to know of the launch and of the AU's statements so far. */
export interface AuSessionState {
  sessionId: string;
  registration: string;
  activityId: string;
  account: { homePage: string; name: string };
  launchMode: 'Normal' | 'Browse' | 'Review';
  masteryScore: number | null;
  prefsRead: boolean;
  initialized: boolean;
  /** In the registration, before this batch. */
  completed: boolean;
  passed: boolean;
  /** The cmi5 defined verbs the AU already sent in this session. */
  sessionVerbs: ReadonlySet<string>;
}

const obj = (v: unknown): Json | undefined => (isJson(v) ? v : undefined);
const list = (v: unknown): Json[] => {
  const items: unknown[] = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return items.flatMap((x): Json[] => {
    const o = obj(x);
    return o ? [o] : [];
  });
};

/**
 * The cmi5 statement rules (section 9) for an AU's batch; a broken rule refuses the whole batch with
 * 403 and says which. Returns what the batch does to the session (initialized, terminated).
 */
export function checkAuStatements(
  batch: readonly Json[],
  s: AuSessionState,
): { initialized: boolean; terminated: boolean } {
  const refuse = (msg: string): never => {
    throw new ForbiddenError('cmi5_statement_refused', msg);
  };
  let { initialized, completed, passed } = s;
  let terminated = false;
  const used = new Set(s.sessionVerbs);
  for (const st of batch) {
    if (terminated) refuse('terminated must be the last statement of a session (cmi5 9.3.0.0-5).');
    if (typeof st.id !== 'string') refuse('An AU must give every statement an id (cmi5 9.1.0.0-1).');
    if (typeof st.timestamp !== 'string') refuse('Every statement needs a timestamp (cmi5 9.7.0.0-1).');
    else if (!/(Z|[+-]00:?00)$/i.test(st.timestamp)) refuse('Timestamps must be in UTC (cmi5 9.7.0.0-2).');
    const actor = obj(st.actor);
    if ((actor?.objectType ?? 'Agent') !== 'Agent') refuse('The actor must be an Agent (cmi5 9.2.0.0-2).');
    const account = obj(actor?.account);
    if (!account) refuse('The actor must be identified by an account (cmi5 9.2.0.0-3).');
    if (account?.homePage !== s.account.homePage || account?.name !== s.account.name)
      refuse('The actor must be the launched learner (cmi5 9.2.0.0-1).');
    const verb = String(obj(st.verb)?.id ?? '');
    if (verb === VERB('voided')) refuse('An AU may not void statements (cmi5 6.3.0.0-1).');
    const ctx = obj(st.context);
    if (!ctx) refuse('Every statement needs a context (cmi5 9.6.0.0-1).');
    if (String(ctx?.registration ?? '').toLowerCase() !== s.registration)
      refuse("The registration must be the launch's registration (cmi5 9.6.1.0-1).");
    const ext = obj(ctx?.extensions);
    if (ext?.[CMI5.sessionId] !== s.sessionId)
      refuse("The session id extension must be the launch's session id (cmi5 9.6.3.1-4).");
    const categories = list(obj(ctx?.contextActivities)?.category).map((c) => c.id);
    const result = obj(st.result);
    const score = obj(result?.score);
    if (score && typeof score.raw === 'number' && (typeof score.min !== 'number' || typeof score.max !== 'number'))
      refuse('A raw score needs min and max (cmi5 9.5.1.0-3).');
    // A statement is cmi5 defined when it uses a defined verb about the AU, or claims the cmi5 category.
    // A defined verb about something else (the xAPI Video profile's `initialized` of a video, say) is
    // a cmi5 allowed statement (cmi5 9.3, 9.6.2.1): the AU may send it between initialized and terminated.
    const objectId = obj(st.object)?.id;
    const defined = DEFINED.has(verb) && (objectId === s.activityId || categories.includes(CMI5.category));
    const moveOnCategory = categories.includes(CMI5.moveOnCategory);
    if (moveOnCategory !== (defined && MOVE_ON_VERBS.has(verb)))
      refuse(
        defined && MOVE_ON_VERBS.has(verb)
          ? 'completed, passed and failed need the moveOn category (cmi5 9.6.2.2-1).'
          : 'Only completed, passed and failed may carry the moveOn category (cmi5 9.6.2.2-2).',
      );

    if (defined && verb === VERB('initialized')) {
      if (initialized) refuse('initialized may be sent once per session (cmi5 9.3.2.0-3).');
      if (!s.prefsRead)
        refuse('The AU must read the learner preferences before it sends initialized (cmi5 11.0.0.0-3).');
      initialized = true;
    } else if (!initialized) refuse('initialized must be the first statement of a session (cmi5 9.3.0.0-4).');
    if (!defined) continue;

    if (objectId !== s.activityId)
      refuse('A cmi5 defined statement must have the launch activityId as its object (cmi5 8.1.5.0-6).');
    if (!categories.includes(CMI5.category))
      refuse('A cmi5 defined statement needs the cmi5 category (cmi5 9.6.2.1-1).');
    if (used.has(verb)) refuse(`${verb.split('/').pop()} was already sent in this session (cmi5 9.3.0.0-2).`);
    if ((verb === VERB('passed') || verb === VERB('failed')) && (used.has(VERB('passed')) || used.has(VERB('failed'))))
      refuse('A session may hold only one of passed and failed (cmi5 9.3.0.0-3).');
    used.add(verb);
    const review = s.launchMode !== 'Normal';
    const duration = typeof result?.duration === 'string';
    if (verb === VERB('terminated')) {
      if (!duration) refuse('terminated needs result.duration (cmi5 9.5.4.1-1).');
      terminated = true;
    }
    if (verb === VERB('completed')) {
      if (review) refuse('In Browse or Review mode an AU may not send completed (cmi5 10.2.2).');
      if (completed) refuse('The AU was already completed in this registration (cmi5 9.3.0.0-2).');
      if (result?.completion !== true) refuse('completed needs result.completion true (cmi5 9.5.3.0-1).');
      if (result?.success !== undefined) refuse('completed may not carry result.success (cmi5 9.5.2.0-3).');
      if (score) refuse('completed may not carry a score (cmi5 9.5.1.0-2).');
      if (!duration) refuse('completed needs result.duration (cmi5 9.5.4.1-2).');
      completed = true;
    }
    if (verb === VERB('passed') || verb === VERB('failed')) {
      const isPassed = verb === VERB('passed');
      if (review) refuse('In Browse or Review mode an AU may not send passed or failed (cmi5 10.2.2).');
      if (passed)
        refuse(
          isPassed
            ? 'The AU was already passed in this registration (cmi5 9.3.0.0-2).'
            : 'failed may not follow passed (cmi5 9.3.0.0-8).',
        );
      if (result?.success !== isPassed) refuse(`${isPassed ? 'passed' : 'failed'} needs result.success ${isPassed}.`);
      if (result?.completion !== undefined)
        refuse('passed and failed may not carry result.completion (cmi5 9.5.3.0-2).');
      if (!duration) refuse('passed and failed need result.duration (cmi5 9.5.4.1-3).');
      // Judged on a score against the mastery score: the AU must say which mastery score it used.
      if (s.masteryScore !== null && score) {
        if (ext?.[CMI5.masteryScore] !== s.masteryScore)
          refuse(
            `passed and failed with a score must carry the masteryScore extension ${s.masteryScore} (cmi5 9.6.3.2-2).`,
          );
        const scaled = score?.scaled;
        if (typeof scaled === 'number' && isPassed && scaled < s.masteryScore)
          refuse(`passed with a scaled score below the mastery score ${s.masteryScore} (cmi5 9.3.4.0-2).`);
        if (typeof scaled === 'number' && !isPassed && scaled >= s.masteryScore)
          refuse(`failed with a scaled score at or above the mastery score ${s.masteryScore} (cmi5 9.3.5.0-2).`);
      }
      if (isPassed) passed = true;
    }
  }
  return { initialized, terminated };
}
