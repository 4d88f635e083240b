import { createHash, randomUUID } from 'node:crypto';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import type { AttachmentContent, LedgerChange, Store, StoredStatement } from '../store/store.js';
import { checkLearnerStatements } from './learner-token-rules.js';
import { checkStatementLimits, type LrsLimits } from './xapi-limits.js';
import { hasScope, type LrsPrincipal } from './lrs-client-service.js';
import { sameStatement } from './statement-compare.js';
import { decodeCursor, encodeCursor } from './statement-cursor.js';
import { formatStatement } from './statement-format.js';
import { parseStatementGet } from './statement-params.js';
import { checkStatement } from './statement-rules.js';
import { voidingGuard } from './voiding-guard.js';
import { SIGNATURE_USAGE, verifySignature } from './statement-signature.js';
import { fail } from './xapi-formats.js';
import {
  type Activity,
  type Actor,
  type ActivityDefinition,
  type Attachment,
  type Statement,
  type StatementObject,
  contextActivityList,
  isActivity,
  isSubStatement,
} from '../ledger/statement.js';
import { statementForVersion, type XapiVersion } from './xapi-version.js';

/** A raw part of a multipart/mixed request after the statement part (xAPI 1.0.3 Data 2.4.11). */
export interface AttachmentPart {
  sha2: string;
  contentType: string;
  content: Buffer;
}

export interface StatementsIn {
  body: unknown;
  parts: AttachmentPart[];
  putId?: string;
  version?: XapiVersion;
  /** The sender's statement and batch size limits; none for the platform's own writes. */
  limits?: LrsLimits;
}

/* ---- The store pipeline: named, pure steps, then one write. ---- */

export function toBatch(body: unknown): unknown[] {
  const list: unknown[] = Array.isArray(body) ? body : [body];
  if (list.length === 0) throw new BadRequestError('empty_batch', 'No statements were sent.');
  return list;
}

export function validateStatements(batch: unknown[], version: XapiVersion = '1.0.3'): asserts batch is Statement[] {
  batch.forEach((s, i) => checkStatement(s, batch.length > 1 ? `statement[${i}]` : 'statement', version));
}

export function checkIds(batch: Pick<Statement, 'id'>[], putId?: string): void {
  if (putId !== undefined) {
    if (batch.length !== 1) fail('statement', 'PUT stores exactly one statement');
    if (batch[0]?.id !== undefined && String(batch[0].id).toLowerCase() !== putId.toLowerCase())
      fail('statement.id', 'differs from the statementId parameter');
  }
  const seen = new Set<string>();
  for (const s of batch) {
    if (typeof s.id !== 'string') continue;
    const id = s.id.toLowerCase();
    if (seen.has(id)) fail('statement.id', `${id} appears twice in one batch`);
    seen.add(id);
  }
}

/** Every attachment without fileUrl has a part with its hash, every part belongs to one, and hashes match (XAPI-00109..00114). */
export function matchAttachmentParts(
  batch: Pick<Statement, 'attachments'>[],
  parts: AttachmentPart[],
): AttachmentContent[] {
  const declared = batch.flatMap((s): Attachment[] => s.attachments ?? []);
  const byHash = new Map(parts.map((p) => [p.sha2, p]));
  for (const part of parts) {
    const actual = createHash(part.sha2.length === 128 ? 'sha512' : part.sha2.length === 96 ? 'sha384' : 'sha256')
      .update(part.content)
      .digest('hex');
    if (actual !== part.sha2.toLowerCase())
      fail('attachment', `content does not match its hash ${part.sha2}`, 'XAPI-00114');
    if (!declared.some((a) => String(a.sha2).toLowerCase() === part.sha2.toLowerCase()))
      fail('attachment', `part ${part.sha2} is not declared by any statement`, 'XAPI-00113');
  }
  for (const a of declared) {
    if (a.usageType === SIGNATURE_USAGE && a.contentType !== 'application/octet-stream')
      fail('statement.attachments', 'a signature is application/octet-stream', 'XAPI-00115');
    if (a.fileUrl === undefined && !byHash.has(String(a.sha2).toLowerCase()) && !byHash.has(String(a.sha2)))
      fail('statement.attachments', `no content was sent for ${String(a.sha2)}`, 'XAPI-00110');
  }
  return parts.map((p) => ({ sha2: p.sha2.toLowerCase(), contentType: p.contentType, content: p.content }));
}

export async function checkSignatures(batch: Statement[], parts: AttachmentPart[]): Promise<void> {
  for (const s of batch) {
    for (const a of s.attachments ?? []) {
      if (a.usageType !== SIGNATURE_USAGE) continue;
      const part = parts.find((p) => p.sha2.toLowerCase() === String(a.sha2).toLowerCase());
      if (part) await verifySignature(s, part.content.toString('utf8'), 'statement.attachments');
    }
  }
}

/** contextActivities values are always returned as arrays (XAPI-00096), in statements and SubStatements. */
function contextActivitiesAsArrays<T extends Pick<Statement, 'context'>>(s: T): T {
  const ctx = s.context;
  if (!ctx?.contextActivities) return s;
  const ca = Object.fromEntries(Object.entries(ctx.contextActivities).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  return { ...s, context: { ...ctx, contextActivities: ca } };
}

function withArrays(s: Statement): Statement {
  const out = contextActivitiesAsArrays(s);
  return isSubStatement(out.object) ? { ...out, object: contextActivitiesAsArrays(out.object) } : out;
}

/** id, timestamp, stored, authority and version as the LRS sets them (Data 2.4.1, 2.4.7-2.4.10). */
export function completeStatement(
  s: Statement,
  authority: Actor,
  stored: string,
  version: XapiVersion = '1.0.3',
): StoredStatement {
  return {
    ...withArrays(s),
    id: typeof s.id === 'string' ? s.id.toLowerCase() : randomUUID(),
    timestamp: s.timestamp ?? stored,
    stored,
    authority,
    version: s.version ?? (version === '2.0.0' ? '2.0.0' : '1.0.0'),
  };
}

export function activityDefinitions(batch: Statement[]): { activityId: string; definition: ActivityDefinition }[] {
  const out: { activityId: string; definition: ActivityDefinition }[] = [];
  const visit = (o: StatementObject) => {
    if (isActivity(o) && o.definition) out.push({ activityId: o.id, definition: o.definition });
  };
  for (const s of batch) {
    visit(s.object);
    if (isSubStatement(s.object)) visit(s.object.object);
    const kinds = ['parent', 'grouping', 'category', 'other'] as const;
    for (const kind of kinds) contextActivityList(s.context, kind).forEach((a: Activity) => visit(a));
  }
  return out;
}

export function createStatementService(deps: { store: Store; publicUrl: string; now?: () => Date }) {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());

  const checkVoidingRights = voidingGuard(store, deps.publicUrl);

  async function storeStatements(principal: LrsPrincipal, input: StatementsIn): Promise<string[]> {
    if (!hasScope(principal, 'statements/write'))
      throw new ForbiddenError('scope_missing', 'This client may not write statements.');
    const batch = toBatch(input.body);
    if (input.limits) checkStatementLimits(batch, input.limits);
    const version = input.version ?? '1.0.3';
    validateStatements(batch, version);
    if (principal.learner) checkLearnerStatements(principal.learner, batch);
    const [first] = batch;
    if (input.putId !== undefined && first && first.id === undefined) batch[0] = { ...first, id: input.putId };
    if (principal.unit) await principal.unit.check(batch);
    checkIds(batch, input.putId);
    await checkVoidingRights(principal, batch);
    const attachments = matchAttachmentParts(batch, input.parts);
    await checkSignatures(batch, input.parts);

    const stored = now().toISOString();
    const completed = batch.map((s) => completeStatement(s, principal.authority, stored, version));
    const existing = await store.statements.existing(
      completed.filter((_, i) => batch[i]?.id !== undefined).map((s) => s.id),
    );
    const fresh = completed.filter((s, i) => {
      const old = existing.get(s.id);
      if (!old) return true;
      const sent = batch[i];
      const theirs = sent?.timestamp === undefined ? { ...old, timestamp: undefined } : old;
      if (!sameStatement(theirs, sent))
        throw new ConflictError('statement_conflict', `Statement ${s.id} already exists with different content.`);
      return false;
    });
    if (fresh.length > 0) {
      const change: LedgerChange = {
        entries: fresh.map((statement) => ({ statement, clientId: principal.clientId })),
        attachments,
      };
      if (hasScope(principal, 'define')) change.definitions = activityDefinitions(batch);
      await store.record(change);
      if (principal.unit) await principal.unit.after(fresh);
    }
    return completed.map((s) => s.id);
  }

  const canRead = (p: LrsPrincipal) => hasScope(p, 'statements/read', 'statements/read/mine');
  const onlyMine = (p: LrsPrincipal) => !hasScope(p, 'statements/read') && p.scopes.has('statements/read/mine');

  /**
   * The content of the statements' attachments. A reader limited to its own statements gets only
   * content its own client sent: declaring another client's hash with a fileUrl reveals nothing.
   */
  async function attachmentsFor(principal: LrsPrincipal, statements: StoredStatement[]): Promise<AttachmentContent[]> {
    const hashes = new Set(statements.flatMap((s) => (s.attachments ?? []).map((a) => a.sha2.toLowerCase())));
    const carriedBy = onlyMine(principal) ? principal.clientId : undefined;
    const found = await Promise.all([...hashes].map((h) => store.statements.attachment(h, carriedBy)));
    return found.filter((a): a is AttachmentContent => a !== null);
  }

  /** GET /statements: one statement, or a page with its `more` path. */
  async function getStatements(
    principal: LrsPrincipal,
    params: Record<string, string>,
    languages: string[],
    moreBase: string,
    version: XapiVersion = '1.0.3',
  ) {
    if (!canRead(principal)) throw new ForbiddenError('scope_missing', 'This client may not read statements.');
    const at = now();
    let raw = params;
    let afterSeq: number | undefined;
    if (params.more !== undefined) {
      if (Object.keys(params).length > 1)
        throw new BadRequestError('invalid_parameter', 'more cannot be combined with other parameters.');
      ({ params: raw, afterSeq } = decodeCursor(params.more, at));
    }
    const parsed = parseStatementGet(raw);
    if (parsed.single) {
      const found = await store.statements.get(parsed.single.id);
      const visible =
        found &&
        found.voided === parsed.single.voided &&
        (!onlyMine(principal) || found.clientId === principal.clientId);
      if (!visible)
        throw new NotFoundError(
          'statement_not_found',
          `No ${parsed.single.voided ? 'voided ' : ''}statement ${parsed.single.id}.`,
        );
      const statement = formatStatement(statementForVersion(found.statement, version), parsed.format, languages);
      return {
        single: statement,
        attachments: parsed.attachments ? await attachmentsFor(principal, [found.statement]) : [],
      };
    }
    const query = {
      ...parsed.query,
      afterSeq,
      clientId: onlyMine(principal) ? (principal.clientId ?? undefined) : undefined,
    };
    const page = await store.statements.query(query);
    const more = page.nextSeq === null ? '' : `${moreBase}?more=${encodeCursor(raw, page.nextSeq, at)}`;
    return {
      result: {
        statements: page.statements.map((s) =>
          formatStatement(statementForVersion(s, version), parsed.format, languages),
        ),
        more,
      },
      attachments: parsed.attachments ? await attachmentsFor(principal, page.statements) : [],
    };
  }

  async function activity(activityId: string) {
    return {
      objectType: 'Activity',
      id: activityId,
      ...(await store.statements.activity(activityId).then((d) => (d ? { definition: d } : {}))),
    };
  }

  return { storeStatements, getStatements, activity, consistentThrough: () => now().toISOString() };
}

export type StatementService = ReturnType<typeof createStatementService>;
