import { checkActor, checkAgent, checkAuthority, checkGroup } from './agent-rules.js';
import type { XapiVersion } from './xapi-version.js';
import type { Statement } from '../ledger/statement.js';
import {
  checkExtensions,
  checkLanguageMap,
  fail,
  isDuration,
  isIri,
  isLanguageTag,
  isTimestamp,
  onlyKeys,
  requireIri,
  requireObject,
  requireString,
  requireUuid,
  type Json,
} from './xapi-formats.js';

/** Statement structure rules of xAPI 1.0.3 Data 2.4, each pure and named after its property. */

export const VERB_VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const STATEMENT_KEYS = [
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments',
];
const SUB_STATEMENT_KEYS = ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'];
const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
];
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'];

export function checkVerb(v: unknown, path: string): void {
  const verb = requireObject(v, path, 'XAPI-00049');
  onlyKeys(verb, ['id', 'display'], path);
  requireIri(verb.id, `${path}.id`, 'XAPI-00050');
  if (verb.display !== undefined) checkLanguageMap(verb.display, `${path}.display`);
}

function checkDefinition(v: unknown, path: string): void {
  const d = requireObject(v, path);
  onlyKeys(
    d,
    [
      'name',
      'description',
      'type',
      'moreInfo',
      'extensions',
      'interactionType',
      'correctResponsesPattern',
      ...COMPONENT_LISTS,
    ],
    path,
  );
  if (d.name !== undefined) checkLanguageMap(d.name, `${path}.name`);
  if (d.description !== undefined) checkLanguageMap(d.description, `${path}.description`);
  if (d.type !== undefined) requireIri(d.type, `${path}.type`, 'XAPI-00060');
  if (d.moreInfo !== undefined) requireIri(d.moreInfo, `${path}.moreInfo`, 'XAPI-00061');
  if (d.extensions !== undefined) checkExtensions(d.extensions, `${path}.extensions`);
  if (d.interactionType !== undefined && !INTERACTION_TYPES.includes(d.interactionType as string))
    fail(`${path}.interactionType`, 'is not an interaction type', 'XAPI-00064');
  if (d.correctResponsesPattern !== undefined) {
    if (d.interactionType === undefined)
      fail(`${path}.correctResponsesPattern`, 'needs an interactionType', 'XAPI-00064');
    if (!Array.isArray(d.correctResponsesPattern) || d.correctResponsesPattern.some((p) => typeof p !== 'string'))
      fail(`${path}.correctResponsesPattern`, 'must be an array of strings', 'XAPI-00065');
  }
  for (const list of COMPONENT_LISTS) {
    if (d[list] === undefined) continue;
    if (d.interactionType === undefined) fail(`${path}.${list}`, 'needs an interactionType', 'XAPI-00064');
    if (!Array.isArray(d[list])) fail(`${path}.${list}`, 'must be an array');
    const seen = new Set<string>();
    (d[list] as unknown[]).forEach((c, i) => {
      const comp = requireObject(c, `${path}.${list}[${i}]`);
      onlyKeys(comp, ['id', 'description'], `${path}.${list}[${i}]`);
      const id = requireString(comp.id, `${path}.${list}[${i}].id`);
      if (seen.has(id)) fail(`${path}.${list}[${i}].id`, 'component ids are unique', 'XAPI-00067');
      seen.add(id);
      if (comp.description !== undefined) checkLanguageMap(comp.description, `${path}.${list}[${i}].description`);
    });
  }
}

function checkActivity(o: Json, path: string): void {
  onlyKeys(o, ['objectType', 'id', 'definition'], path);
  requireIri(o.id, `${path}.id`, 'XAPI-00053');
  if (o.definition !== undefined) checkDefinition(o.definition, `${path}.definition`);
}

function checkStatementRef(o: Json, path: string): void {
  onlyKeys(o, ['objectType', 'id'], path);
  requireUuid(o.id, `${path}.id`, 'XAPI-00072');
}

export function checkObject(v: unknown, path: string, inSubStatement = false, version: XapiVersion = '1.0.3'): void {
  const o = requireObject(v, path, 'XAPI-00051');
  const type = o.objectType ?? 'Activity';
  if (type === 'Activity') return checkActivity(o, path);
  if (type === 'Agent') return checkAgent(o, path);
  if (type === 'Group') return checkGroup(o, path);
  if (type === 'StatementRef') return checkStatementRef(o, path);
  if (type === 'SubStatement') {
    if (inSubStatement) fail(`${path}.objectType`, 'a SubStatement cannot contain a SubStatement', 'XAPI-00075');
    return checkSubStatement(o, path, version);
  }
  fail(`${path}.objectType`, 'is not a known object type', 'XAPI-00052');
}

function checkSubStatement(o: Json, path: string, version: XapiVersion): void {
  for (const k of ['id', 'stored', 'version', 'authority'])
    if (o[k] !== undefined) fail(`${path}.${k}`, 'is not allowed in a SubStatement', 'XAPI-00074');
  onlyKeys(o, SUB_STATEMENT_KEYS, path);
  checkCore(o, path, true, version);
}

export function checkResult(v: unknown, path: string): void {
  const r = requireObject(v, path);
  onlyKeys(r, ['score', 'success', 'completion', 'response', 'duration', 'extensions'], path);
  if (r.score !== undefined) {
    const s = requireObject(r.score, `${path}.score`);
    onlyKeys(s, ['scaled', 'raw', 'min', 'max'], `${path}.score`);
    for (const k of ['scaled', 'raw', 'min', 'max'])
      if (s[k] !== undefined && typeof s[k] !== 'number') fail(`${path}.score.${k}`, 'must be a number');
    const { scaled, raw, min, max } = s as Record<string, number | undefined>;
    if (scaled !== undefined && (scaled < -1 || scaled > 1))
      fail(`${path}.score.scaled`, 'must be between -1 and 1', 'XAPI-00078');
    if (min !== undefined && max !== undefined && min >= max)
      fail(`${path}.score.max`, 'must be greater than min', 'XAPI-00082');
    if (raw !== undefined && min !== undefined && raw < min)
      fail(`${path}.score.raw`, 'must be at least min', 'XAPI-00080');
    if (raw !== undefined && max !== undefined && raw > max)
      fail(`${path}.score.raw`, 'must be at most max', 'XAPI-00081');
  }
  for (const k of ['success', 'completion'])
    if (r[k] !== undefined && typeof r[k] !== 'boolean') fail(`${path}.${k}`, 'must be a boolean');
  if (r.response !== undefined) requireString(r.response, `${path}.response`);
  if (r.duration !== undefined && !isDuration(r.duration))
    fail(`${path}.duration`, 'must be an ISO 8601 duration', 'XAPI-00085');
  if (r.extensions !== undefined) checkExtensions(r.extensions, `${path}.extensions`);
}

const CONTEXT_KEYS = [
  'registration',
  'instructor',
  'team',
  'contextActivities',
  'revision',
  'platform',
  'language',
  'statement',
  'extensions',
];

/** xAPI 2.0 Data 2.4.6.3/2.4.6.4: contextAgents and contextGroups, arrays of typed wrappers. */
function checkContextActors(v: unknown, path: string, kind: 'contextAgent' | 'contextGroup'): void {
  if (!Array.isArray(v)) fail(path, `must be an array of ${kind} objects`);
  const inner = kind === 'contextAgent' ? 'agent' : 'group';
  v.forEach((item, i) => {
    const p = `${path}[${i}]`;
    const o = requireObject(item, p);
    onlyKeys(o, ['objectType', inner, 'relevantTypes'], p);
    if (o.objectType !== kind) fail(`${p}.objectType`, `must be "${kind}"`);
    if (o[inner] === undefined) fail(`${p}.${inner}`, 'is required');
    if (kind === 'contextAgent') checkAgent(requireObject(o.agent, `${p}.agent`), `${p}.agent`);
    else checkGroup(o.group, `${p}.group`);
    if (o.relevantTypes !== undefined) {
      if (!Array.isArray(o.relevantTypes) || o.relevantTypes.length === 0)
        fail(`${p}.relevantTypes`, 'must be a non-empty array of IRIs');
      o.relevantTypes.forEach((t, j) => requireIri(t, `${p}.relevantTypes[${j}]`));
    }
  });
}

export function checkContext(v: unknown, path: string, objectType: string, version: XapiVersion = '1.0.3'): void {
  const c = requireObject(v, path);
  onlyKeys(c, version === '2.0.0' ? [...CONTEXT_KEYS, 'contextAgents', 'contextGroups'] : CONTEXT_KEYS, path);
  if (c.contextAgents !== undefined) checkContextActors(c.contextAgents, `${path}.contextAgents`, 'contextAgent');
  if (c.contextGroups !== undefined) checkContextActors(c.contextGroups, `${path}.contextGroups`, 'contextGroup');
  if (c.registration !== undefined) requireUuid(c.registration, `${path}.registration`, 'XAPI-00087');
  if (c.instructor !== undefined) checkActor(c.instructor, `${path}.instructor`);
  if (c.team !== undefined) checkGroup(c.team, `${path}.team`);
  if (c.contextActivities !== undefined) {
    const ca = requireObject(c.contextActivities, `${path}.contextActivities`);
    onlyKeys(ca, ['parent', 'grouping', 'category', 'other'], `${path}.contextActivities`);
    for (const [key, value] of Object.entries(ca)) {
      const list = Array.isArray(value) ? value : [value];
      list.forEach((a, i) => {
        const act = requireObject(a, `${path}.contextActivities.${key}[${i}]`, 'XAPI-00092');
        if (act.objectType !== undefined && act.objectType !== 'Activity')
          fail(`${path}.contextActivities.${key}[${i}]`, 'must be an Activity', 'XAPI-00092');
        checkActivity(act, `${path}.contextActivities.${key}[${i}]`);
      });
    }
  }
  if (objectType !== 'Activity' && c.revision !== undefined)
    fail(`${path}.revision`, 'only for statements about an Activity', 'XAPI-00089');
  if (objectType !== 'Activity' && c.platform !== undefined)
    fail(`${path}.platform`, 'only for statements about an Activity', 'XAPI-00090');
  if (c.revision !== undefined) requireString(c.revision, `${path}.revision`);
  if (c.platform !== undefined) requireString(c.platform, `${path}.platform`);
  if (c.language !== undefined && !isLanguageTag(c.language))
    fail(`${path}.language`, 'must be an RFC 5646 tag', 'XAPI-00091');
  if (c.statement !== undefined) {
    const ref = requireObject(c.statement, `${path}.statement`);
    if (ref.objectType !== 'StatementRef') fail(`${path}.statement.objectType`, 'must be "StatementRef"');
    checkStatementRef(ref, `${path}.statement`);
  }
  if (c.extensions !== undefined) checkExtensions(c.extensions, `${path}.extensions`);
}

export function checkAttachments(v: unknown, path: string): void {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  v.forEach((a, i) => {
    const p = `${path}[${i}]`;
    const att = requireObject(a, p);
    onlyKeys(att, ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'], p);
    requireIri(att.usageType, `${p}.usageType`, 'XAPI-00104');
    checkLanguageMap(att.display, `${p}.display`);
    if (att.description !== undefined) checkLanguageMap(att.description, `${p}.description`);
    if (typeof att.contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+/.test(att.contentType))
      fail(`${p}.contentType`, 'must be an Internet Media Type', 'XAPI-00105');
    if (!Number.isInteger(att.length) || (att.length as number) < 0)
      fail(`${p}.length`, 'must be a non-negative integer', 'XAPI-00106');
    if (typeof att.sha2 !== 'string' || !/^[0-9a-f]{56,128}$/i.test(att.sha2))
      fail(`${p}.sha2`, 'must be a hex SHA-2 hash', 'XAPI-00107');
    if (att.fileUrl !== undefined && !isIri(att.fileUrl)) fail(`${p}.fileUrl`, 'must be an IRL', 'XAPI-00108');
  });
}

/** actor, verb, object, result, context, timestamp, attachments: shared by statements and SubStatements. */
function checkCore(s: Json, path: string, inSub: boolean, version: XapiVersion): void {
  if (s.actor === undefined) fail(`${path}.actor`, 'is required', 'XAPI-00003');
  if (s.verb === undefined) fail(`${path}.verb`, 'is required', 'XAPI-00003');
  if (s.object === undefined) fail(`${path}.object`, 'is required', 'XAPI-00003');
  checkActor(s.actor, `${path}.actor`);
  checkVerb(s.verb, `${path}.verb`);
  checkObject(s.object, `${path}.object`, inSub, version);
  if (s.result !== undefined) checkResult(s.result, `${path}.result`);
  const object = requireObject(s.object, `${path}.object`);
  const objectType = typeof object.objectType === 'string' ? object.objectType : 'Activity';
  if (s.context !== undefined) checkContext(s.context, `${path}.context`, objectType, version);
  if (s.timestamp !== undefined && !isTimestamp(s.timestamp))
    fail(`${path}.timestamp`, 'must be an ISO 8601 timestamp', 'XAPI-00120');
  if (s.attachments !== undefined) checkAttachments(s.attachments, `${path}.attachments`);
}

/** The whole-statement rule set (the `validate` step of the pipeline). */
export function checkStatement(v: unknown, path = 'statement', version: XapiVersion = '1.0.3'): asserts v is Statement {
  const s = requireObject(v, path);
  onlyKeys(s, STATEMENT_KEYS, path);
  if (s.id !== undefined) requireUuid(s.id, `${path}.id`, 'XAPI-00027');
  checkCore(s, path, false, version);
  if (s.stored !== undefined && !isTimestamp(s.stored)) fail(`${path}.stored`, 'must be an ISO 8601 timestamp');
  if (s.authority !== undefined) checkAuthority(s.authority, `${path}.authority`);
  const versions = version === '2.0.0' ? /^(1|2)\.0(\.\d+)?$/ : /^1\.0(\.\d+)?$/;
  if (s.version !== undefined && (typeof s.version !== 'string' || !versions.test(s.version))) {
    fail(`${path}.version`, version === '2.0.0' ? 'must be 1.0.x or 2.0.x' : 'must be 1.0.x', 'XAPI-00097');
  }
  const verbId = requireObject(s.verb, `${path}.verb`).id;
  if (verbId === VERB_VOIDED && requireObject(s.object, `${path}.object`).objectType !== 'StatementRef')
    fail(`${path}.object`, 'a voiding statement targets a StatementRef', 'XAPI-00010');
}
