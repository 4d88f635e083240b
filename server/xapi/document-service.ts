import { createHash } from 'node:crypto';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../errors.js';
import type { XapiVersion } from './xapi-version.js';
import type { DocumentKind, DocumentScope, Store, XapiDocument } from '../store/store.js';
import { hasScope, type LrsPrincipal } from './lrs-client-service.js';
import { agentKeyFromParam } from './statement-params.js';
import { checkJsonDepth } from './json-input.js';
import { stringifyJson } from '../ledger/json-text.js';
import { isIri, isTimestamp, isUuid } from './xapi-formats.js';

/** State, Activity Profile and Agent Profile resources (xAPI 1.0.3 Communication 2.2-2.7, 3.1). */

const ID_PARAM: Record<DocumentKind, string> = {
  state: 'stateId',
  activity_profile: 'profileId',
  agent_profile: 'profileId',
};
const bad = (msg: string) => new BadRequestError('invalid_parameter', msg);

/** `version` 2.0.0: the State resource follows the concurrency rules too (xAPI 2.0 Communication 3.1). */
export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
  version?: XapiVersion;
}
export interface DocumentBody {
  contentType: string;
  content: Buffer;
}

export const etagOf = (content: Buffer) => createHash('sha1').update(content).digest('hex');
const unquote = (tag: string) =>
  tag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');

function scopeOf(kind: DocumentKind, p: Record<string, string>): DocumentScope {
  const needsActivity = kind !== 'agent_profile';
  const needsAgent = kind !== 'activity_profile';
  if (needsActivity && (p.activityId === undefined || !isIri(p.activityId)))
    throw bad('activityId is required and must be an IRI.');
  if (needsAgent && p.agent === undefined) throw bad('agent is required.');
  if (p.registration !== undefined && (kind !== 'state' || !isUuid(p.registration)))
    throw bad('registration must be a UUID.');
  return {
    kind,
    activityId: needsActivity ? (p.activityId ?? '') : '',
    agent: needsAgent ? agentKeyFromParam(p.agent ?? '') : '',
    registration: p.registration?.toLowerCase() ?? '',
  };
}

function parseJsonObject(content: Buffer): Record<string, unknown> | null {
  try {
    const v = JSON.parse(content.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
const isJsonType = (t: string) => /^application\/json\b/i.test(t);

export function createDocumentService(deps: { store: Store; now?: () => Date }) {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());

  function allow(principal: LrsPrincipal, kind: DocumentKind) {
    const ok = kind === 'state' ? hasScope(principal, 'state') : hasScope(principal, 'profile');
    if (!ok)
      throw new ForbiddenError('scope_missing', `This client may not use the ${kind.replace('_', ' ')} resource.`);
  }

  function checkPreconditions(current: XapiDocument | null, pre: Preconditions) {
    if (pre.ifMatch !== undefined) {
      const tags = pre.ifMatch.split(',').map(unquote);
      if (!current || !(tags.includes('*') || tags.includes(current.etag)))
        throw new PreconditionFailedError('etag_mismatch', 'The document has changed (If-Match failed).');
    }
    if (pre.ifNoneMatch !== undefined && current) {
      const tags = pre.ifNoneMatch.split(',').map(unquote);
      if (tags.includes('*') || tags.includes(current.etag))
        throw new PreconditionFailedError('etag_match', 'The document already exists (If-None-Match failed).');
    }
  }

  async function get(principal: LrsPrincipal, kind: DocumentKind, p: Record<string, string>) {
    allow(principal, kind);
    const scope = scopeOf(kind, p);
    const docId = p[ID_PARAM[kind]];
    if (docId !== undefined) {
      if (p.since !== undefined) throw bad('since is only for lists of ids.');
      const doc = await store.documents.get({ ...scope, docId });
      if (!doc) throw new NotFoundError('document_not_found', 'No such document.');
      return { doc };
    }
    if (p.since !== undefined && !isTimestamp(p.since)) throw bad('since must be an ISO 8601 timestamp.');
    return { ids: await store.documents.ids(scope, p.since ? new Date(p.since) : undefined) };
  }

  /** PUT replaces; POST merges JSON objects one level deep (Communication 2.2 "JSON Procedure with Requirements"). */
  async function write(
    principal: LrsPrincipal,
    kind: DocumentKind,
    p: Record<string, string>,
    body: DocumentBody,
    pre: Preconditions,
    merge: boolean,
  ) {
    allow(principal, kind);
    const scope = scopeOf(kind, p);
    const docId = p[ID_PARAM[kind]];
    if (docId === undefined) throw bad(`${ID_PARAM[kind]} is required.`);
    if (isJsonType(body.contentType)) checkJsonDepth(body.content.toString('utf8'), 'The document');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await store.documents.get({ ...scope, docId });
      checkPreconditions(current, pre);
      const guarded = kind !== 'state' || pre.version === '2.0.0';
      if (!merge && guarded && current && pre.ifMatch === undefined && pre.ifNoneMatch === undefined) {
        throw new ConflictError(
          'etag_required',
          'The document exists: send If-Match with its ETag (or If-None-Match: *).',
        );
      }
      // The ADL suite (XAPI-00273) expects a profile PUT without any precondition header to be refused.
      if (!merge && kind !== 'state' && !current && pre.ifMatch === undefined && pre.ifNoneMatch === undefined) {
        throw bad('Send If-None-Match: * to create a profile document, or If-Match to replace one.');
      }
      let { contentType, content } = body;
      if (merge && current) {
        const incoming = isJsonType(contentType) ? parseJsonObject(content) : null;
        const known = isJsonType(current.contentType) ? parseJsonObject(current.content) : null;
        if (!incoming || !known) throw bad('POST merges only JSON objects; use PUT to replace this document.');
        content = Buffer.from(stringifyJson({ ...known, ...incoming }));
        contentType = 'application/json';
      } else if (merge && isJsonType(contentType) && !parseJsonObject(content)) {
        throw bad('POST with application/json needs a JSON object.');
      }
      const doc: XapiDocument = { ...scope, docId, contentType, content, etag: etagOf(content), updated: now() };
      // Compare-and-set against what we read, so two concurrent writers cannot lose an update.
      if (await store.documents.put(doc, current ? current.etag : null)) return doc;
    }
    throw new ConflictError('document_busy', 'The document changed while it was being written; try again.');
  }

  async function remove(principal: LrsPrincipal, kind: DocumentKind, p: Record<string, string>, pre: Preconditions) {
    allow(principal, kind);
    const scope = scopeOf(kind, p);
    const docId = p[ID_PARAM[kind]];
    if (docId === undefined) {
      if (kind !== 'state') throw bad(`${ID_PARAM[kind]} is required.`);
      await store.documents.deleteAll(scope);
      return;
    }
    const current = await store.documents.get({ ...scope, docId });
    checkPreconditions(current, pre);
    if (current && !(await store.documents.delete({ ...scope, docId }, current.etag)))
      throw new PreconditionFailedError('etag_mismatch', 'The document changed meanwhile.');
  }

  return { get, write, remove };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
