/**
 * The xAPI statement as types (Data section 2.4 of 1.0.3, and the context agents and groups 2.0
 * added). A statement is `unknown` until `checkStatement` (server/xapi/statement-rules.ts) has
 * validated it; from then on every layer reads these fields instead of casting plain JSON.
 * Extension values and anything the spec leaves open stay `unknown`.
 */

/** A JSON object whose properties are not known yet (documents, extensions, raw request bodies). */
export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object itself when `v` is one, else an empty object: for reading optional, open-ended parts. */
export const jsonOrEmpty = (v: unknown): Json => (isJson(v) ? v : {});

export type LanguageMap = Record<string, string>;
export type Extensions = Record<string, unknown>;

export type Account = { homePage: string; name: string };

/** One Inverse Functional Identifier (exactly one is set on an identified agent or group). */
type Identified = { mbox?: string; mbox_sha1sum?: string; openid?: string; account?: Account };

export type Agent = Identified & { objectType?: 'Agent'; name?: string };
export type Group = Identified & { objectType: 'Group'; name?: string; member?: Agent[] };
export type Actor = Agent | Group;

export type Verb = { id: string; display?: LanguageMap };

export type InteractionComponent = { id: string; description?: LanguageMap };

export type ActivityDefinition = {
  name?: LanguageMap;
  description?: LanguageMap;
  type?: string;
  moreInfo?: string;
  extensions?: Extensions;
  interactionType?: string;
  correctResponsesPattern?: string[];
  choices?: InteractionComponent[];
  scale?: InteractionComponent[];
  source?: InteractionComponent[];
  target?: InteractionComponent[];
  steps?: InteractionComponent[];
};

export type Activity = { objectType?: 'Activity'; id: string; definition?: ActivityDefinition };
export type StatementRef = { objectType: 'StatementRef'; id: string };

export type Score = { scaled?: number; raw?: number; min?: number; max?: number };
export type Result = {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Extensions;
};

export type ContextActivityKind = 'parent' | 'grouping' | 'category' | 'other';
/** As sent, a context activity may be one object; as stored it is always a list (XAPI-00096). */
export type ContextActivities = Partial<Record<ContextActivityKind, Activity | Activity[]>>;
export type StoredContextActivities = Partial<Record<ContextActivityKind, Activity[]>>;

/** xAPI 2.0 Data 2.4.6.2: agents and groups in the context, with their relevance. */
export type ContextAgent = { objectType: 'contextAgent'; agent: Agent; relevantTypes?: string[] };
export type ContextGroup = { objectType: 'contextGroup'; group: Group; relevantTypes?: string[] };

export type Context = {
  registration?: string;
  instructor?: Actor;
  team?: Group;
  contextActivities?: ContextActivities;
  contextAgents?: ContextAgent[];
  contextGroups?: ContextGroup[];
  revision?: string;
  platform?: string;
  language?: string;
  statement?: StatementRef;
  extensions?: Extensions;
};

export type Attachment = {
  usageType: string;
  display: LanguageMap;
  description?: LanguageMap;
  contentType: string;
  length: number;
  sha2: string;
  fileUrl?: string;
};

/** What a statement and a SubStatement share. */
type Core = {
  actor: Actor;
  verb: Verb;
  result?: Result;
  context?: Context;
  timestamp?: string;
  attachments?: Attachment[];
};

export type SubStatement = Core & { objectType: 'SubStatement'; object: Activity | Actor | StatementRef };
export type StatementObject = Activity | Actor | StatementRef | SubStatement;

/** A statement as a client sends it, once validated. */
export type Statement = Core & {
  id?: string;
  object: StatementObject;
  stored?: string;
  authority?: Actor;
  version?: string;
};

/** A statement exactly as the LRS returns it: id, timestamp, stored, authority and version are set. */
export type StoredStatement = Statement & {
  id: string;
  timestamp: string;
  stored: string;
  authority: Actor;
  version: string;
};

export const objectTypeOf = (o: StatementObject): NonNullable<StatementObject['objectType']> =>
  o.objectType ?? 'Activity';

export const isActivity = (o: StatementObject): o is Activity => objectTypeOf(o) === 'Activity';
export const isSubStatement = (o: StatementObject): o is SubStatement => o.objectType === 'SubStatement';
export const isStatementRef = (o: StatementObject): o is StatementRef => o.objectType === 'StatementRef';
export const isActor = (o: StatementObject): o is Actor => o.objectType === 'Agent' || o.objectType === 'Group';

/** The context activities of one kind as a list, whether sent as one object or as a list. */
export const contextActivityList = (context: Context | undefined, kind: ContextActivityKind): Activity[] => {
  const v = context?.contextActivities?.[kind];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
