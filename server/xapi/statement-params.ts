import { BadRequestError } from '../errors.js';
import type { StatementQuery } from '../store/store.js';
import { checkActor } from './agent-rules.js';
import { ifiKey } from '../ledger/statement-index.js';
import type { StatementFormat } from './statement-format.js';
import { isIri, isTimestamp, isUuid } from './xapi-formats.js';

/** GET /statements parameters (xAPI 1.0.3 Communication 2.1.3), parsed into a store query. */

export const MAX_LIMIT = 500;
const QUERY_PARAMS = [
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
];
const SINGLE_PARAMS = ['statementId', 'voidedStatementId', 'format', 'attachments'];

export interface ParsedStatementGet {
  single?: { id: string; voided: boolean };
  query: StatementQuery;
  format: StatementFormat;
  attachments: boolean;
}

const bad = (message: string) => new BadRequestError('invalid_parameter', message);

function bool(v: string | undefined, name: string): boolean {
  if (v === undefined) return false;
  if (v !== 'true' && v !== 'false') throw bad(`${name} must be true or false.`);
  return v === 'true';
}

export function agentKeyFromParam(raw: string, name = 'agent'): string {
  let agent: unknown;
  try {
    agent = JSON.parse(raw);
  } catch {
    throw bad(`${name} must be a JSON Agent or Group.`);
  }
  try {
    checkActor(agent, name);
  } catch (err) {
    throw bad((err as Error).message);
  }
  const key = ifiKey(agent);
  if (!key) throw bad(`${name} must carry an identifier.`);
  return key;
}

export function parseStatementGet(params: Record<string, string>): ParsedStatementGet {
  const format = (params.format ?? 'exact') as StatementFormat;
  if (!['exact', 'ids', 'canonical'].includes(format)) throw bad('format must be exact, ids or canonical.');
  const attachments = bool(params.attachments, 'attachments');
  const id = params.statementId ?? params.voidedStatementId;
  if (id !== undefined) {
    if (params.statementId !== undefined && params.voidedStatementId !== undefined)
      throw bad('Use statementId or voidedStatementId, not both.');
    const extra = Object.keys(params).filter((k) => !SINGLE_PARAMS.includes(k));
    if (extra.length > 0) throw bad(`${extra.join(', ')} cannot be combined with a statement id.`);
    if (!isUuid(id)) throw bad('The statement id must be a UUID.');
    return {
      single: { id: id.toLowerCase(), voided: params.voidedStatementId !== undefined },
      query: { limit: 1 },
      format,
      attachments,
    };
  }
  const unknown = Object.keys(params).filter((k) => !QUERY_PARAMS.includes(k));
  if (unknown.length > 0) throw bad(`Unknown parameter: ${unknown.join(', ')}.`);
  const query: StatementQuery = { limit: MAX_LIMIT };
  if (params.agent !== undefined) query.agent = agentKeyFromParam(params.agent);
  if (params.verb !== undefined) {
    if (!isIri(params.verb)) throw bad('verb must be an IRI.');
    query.verb = params.verb;
  }
  if (params.activity !== undefined) {
    if (!isIri(params.activity)) throw bad('activity must be an IRI.');
    query.activity = params.activity;
  }
  if (params.registration !== undefined) {
    if (!isUuid(params.registration)) throw bad('registration must be a UUID.');
    query.registration = params.registration;
  }
  query.relatedActivities = bool(params.related_activities, 'related_activities');
  query.relatedAgents = bool(params.related_agents, 'related_agents');
  query.ascending = bool(params.ascending, 'ascending');
  for (const name of ['since', 'until'] as const) {
    if (params[name] === undefined) continue;
    if (!isTimestamp(params[name])) throw bad(`${name} must be an ISO 8601 timestamp.`);
    query[name] = new Date(params[name]);
  }
  if (params.limit !== undefined) {
    if (!/^\d+$/.test(params.limit)) throw bad('limit must be a non-negative integer.');
    const n = Number(params.limit);
    query.limit = n === 0 ? MAX_LIMIT : Math.min(n, MAX_LIMIT);
  }
  return { query, format, attachments };
}
