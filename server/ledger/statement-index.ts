/**
 * What the store indexes about a statement (xAPI 1.0.3 section 2.1.3 filters), derived by one pure
 * function so both adapters index exactly the same things.
 */

export const VERB_VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

type Json = Record<string, unknown>;

/** The Inverse Functional Identifier of an agent or identified group, as one comparable string. */
export function ifiKey(agent: unknown): string | null {
  if (!agent || typeof agent !== 'object') return null;
  const a = agent as Json;
  if (typeof a.mbox === 'string') return `mbox:${a.mbox.toLowerCase()}`;
  if (typeof a.mbox_sha1sum === 'string') return `sha1:${a.mbox_sha1sum.toLowerCase()}`;
  if (typeof a.openid === 'string') return `openid:${a.openid}`;
  const acc = a.account as Json | undefined;
  if (acc && typeof acc.homePage === 'string' && typeof acc.name === 'string')
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

function agentsOf(actor: unknown): string[] {
  if (!actor || typeof actor !== 'object') return [];
  const a = actor as Json;
  const keys: string[] = [];
  const own = ifiKey(a);
  if (own) keys.push(own);
  if (a.objectType === 'Group' && Array.isArray(a.member))
    for (const m of a.member) {
      const k = ifiKey(m);
      if (k) keys.push(k);
    }
  return keys;
}

function contextActivities(context: unknown): string[] {
  const ca = (context as Json | undefined)?.contextActivities as Json | undefined;
  if (!ca) return [];
  const ids: string[] = [];
  for (const key of ['parent', 'grouping', 'category', 'other']) {
    const list = ca[key];
    for (const act of Array.isArray(list) ? list : list ? [list] : []) {
      if (act && typeof (act as Json).id === 'string') ids.push((act as Json).id as string);
    }
  }
  return ids;
}

/** xAPI 2.0 contextAgents[].agent and contextGroups[].group count for related_agents (Communication 2.1.3). */
function contextActors(context: Json | undefined): string[] {
  const wrapped = (list: unknown, key: string) =>
    (Array.isArray(list) ? list : []).flatMap((w: unknown) =>
      w && typeof w === 'object' ? agentsOf((w as Json)[key]) : [],
    );
  return [...wrapped(context?.contextAgents, 'agent'), ...wrapped(context?.contextGroups, 'group')];
}

export function indexStatement(s: Json): StatementIndex {
  const object = (s.object ?? {}) as Json;
  const objectType = (object.objectType as string | undefined) ?? 'Activity';
  const context = s.context as Json | undefined;
  const agents = new Set(agentsOf(s.actor));
  const related = new Set(agents);
  const activities = new Set<string>();
  let activity: string | null = null;

  if (objectType === 'Activity' && typeof object.id === 'string') {
    activity = object.id;
    activities.add(object.id);
  }
  if (objectType === 'Agent' || objectType === 'Group')
    for (const k of agentsOf(object)) {
      agents.add(k);
      related.add(k);
    }
  if (objectType === 'SubStatement') {
    for (const k of agentsOf(object.actor)) related.add(k);
    const sub = (object.object ?? {}) as Json;
    const subType = (sub.objectType as string | undefined) ?? 'Activity';
    if (subType === 'Activity' && typeof sub.id === 'string') activities.add(sub.id);
    if (subType === 'Agent' || subType === 'Group') for (const k of agentsOf(sub)) related.add(k);
    for (const id of contextActivities(object.context)) activities.add(id);
    const subCtx = object.context as Json | undefined;
    for (const k of [...agentsOf(subCtx?.instructor), ...agentsOf(subCtx?.team), ...contextActors(subCtx)])
      related.add(k);
  }
  for (const k of [...agentsOf(context?.instructor), ...agentsOf(context?.team), ...agentsOf(s.authority)])
    related.add(k);
  for (const k of contextActors(context)) related.add(k);
  for (const id of contextActivities(context)) activities.add(id);

  const verb = ((s.verb ?? {}) as Json).id as string;
  const target = objectType === 'StatementRef' && typeof object.id === 'string' ? object.id : null;
  return {
    id: s.id as string,
    verb,
    actor: ifiKey(s.actor),
    agents: [...agents],
    relatedAgents: [...related],
    activity,
    relatedActivities: [...activities],
    registration: typeof context?.registration === 'string' ? (context.registration as string).toLowerCase() : null,
    targetStatement: target,
    isVoiding: verb === VERB_VOIDED && target !== null,
    timestamp: s.timestamp as string,
    stored: s.stored as string,
  };
}
