/**
 * What the store indexes about a statement (xAPI 1.0.3 section 2.1.3 filters), derived by one pure
 * function so both adapters index exactly the same things.
 */

export const VERB_VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

import {
  type Actor,
  type Context,
  type StatementObject,
  type StoredStatement,
  contextActivityList,
  isActivity,
  isActor,
  isJson,
  isSubStatement,
} from './statement.js';

/** The Inverse Functional Identifier of an agent or identified group, as one comparable string. */
export function ifiKey(agent: unknown): string | null {
  if (!isJson(agent)) return null;
  const a = agent;
  if (typeof a.mbox === 'string') return `mbox:${a.mbox.toLowerCase()}`;
  if (typeof a.mbox_sha1sum === 'string') return `sha1:${a.mbox_sha1sum.toLowerCase()}`;
  if (typeof a.openid === 'string') return `openid:${a.openid}`;
  const acc = a.account;
  if (isJson(acc) && typeof acc.homePage === 'string' && typeof acc.name === 'string')
    return `account:${acc.homePage}|${acc.name}`;
  return null;
}

export interface StatementIndex {
  id: string;
  verb: string;
  actor: string | null;
  /** Agents for `agent` (actor, or object when the object is an agent/group; group members for groups). */
  agents: string[];
  /** Agents for `related_agents`: also authority, instructor, team and sub-statement agents. */
  relatedAgents: string[];
  activity: string | null;
  relatedActivities: string[];
  registration: string | null;
  /** Target of a StatementRef object (voiding or referring). */
  targetStatement: string | null;
  isVoiding: boolean;
  timestamp: string;
  stored: string;
}

function agentsOf(actor: Actor | undefined): string[] {
  if (!actor) return [];
  const keys: string[] = [];
  const own = ifiKey(actor);
  if (own) keys.push(own);
  if (actor.objectType === 'Group')
    for (const m of actor.member ?? []) {
      const k = ifiKey(m);
      if (k) keys.push(k);
    }
  return keys;
}

function contextActivities(context: Context | undefined): string[] {
  const kinds = ['parent', 'grouping', 'category', 'other'] as const;
  return kinds.flatMap((kind) => contextActivityList(context, kind).map((a) => a.id));
}

/** xAPI 2.0 contextAgents[].agent and contextGroups[].group count for related_agents (Communication 2.1.3). */
function contextActors(context: Context | undefined): string[] {
  return [
    ...(context?.contextAgents ?? []).flatMap((w) => agentsOf(w.agent)),
    ...(context?.contextGroups ?? []).flatMap((w) => agentsOf(w.group)),
  ];
}

const activityId = (o: StatementObject): string | null => (isActivity(o) && typeof o.id === 'string' ? o.id : null);

export function indexStatement(s: StoredStatement): StatementIndex {
  const object = s.object;
  const context = s.context;
  const agents = new Set(agentsOf(s.actor));
  const related = new Set(agents);
  const activities = new Set<string>();
  const activity = activityId(object);
  if (activity) activities.add(activity);

  if (isActor(object))
    for (const k of agentsOf(object)) {
      agents.add(k);
      related.add(k);
    }
  if (isSubStatement(object)) {
    for (const k of agentsOf(object.actor)) related.add(k);
    const sub = object.object;
    const subActivity = activityId(sub);
    if (subActivity) activities.add(subActivity);
    if (isActor(sub)) for (const k of agentsOf(sub)) related.add(k);
    for (const id of contextActivities(object.context)) activities.add(id);
    const subCtx = object.context;
    for (const k of [...agentsOf(subCtx?.instructor), ...agentsOf(subCtx?.team), ...contextActors(subCtx)])
      related.add(k);
  }
  for (const k of [...agentsOf(context?.instructor), ...agentsOf(context?.team), ...agentsOf(s.authority)])
    related.add(k);
  for (const k of contextActors(context)) related.add(k);
  for (const id of contextActivities(context)) activities.add(id);

  const verb = s.verb.id;
  const target = object.objectType === 'StatementRef' ? object.id : null;
  return {
    id: s.id,
    verb,
    actor: ifiKey(s.actor),
    agents: [...agents],
    relatedAgents: [...related],
    activity,
    relatedActivities: [...activities],
    registration: typeof context?.registration === 'string' ? context.registration.toLowerCase() : null,
    targetStatement: target,
    isVoiding: verb === VERB_VOIDED && target !== null,
    timestamp: s.timestamp,
    stored: s.stored,
  };
}
