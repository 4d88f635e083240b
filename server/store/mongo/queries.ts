import type { DocumentKey, DocumentScope, StatementQuery } from '../store.js';
/**
 * Every MongoDB filter and sort the adapter sends is built here by a pure function, so it can be
 * run with mingo over fixture documents in unit tests (no MongoDB server can run on the build machines).
 */

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function userListFilter(q: { search?: string; role?: string; after?: string }): Record<string, unknown> {
  const and: Record<string, unknown>[] = [];
  if (q.role) and.push({ roles: q.role });
  if (q.search) {
    const re = { $regex: escapeRegex(q.search), $options: 'i' };
    and.push({ $or: [{ email: re }, { displayName: re }] });
  }
  if (q.after) and.push({ email: { $gt: q.after } });
  return and.length ? { $and: and } : {};
}
export const userListSort = { email: 1 } as const;

export function liveSessionFilter(sid: string, now: Date) {
  return { _id: sid, expiresAt: { $gt: now } };
}

export function userSessionsFilter(userId: string, exceptSid?: string) {
  return exceptSid ? { userId, _id: { $ne: exceptSid } } : { userId };
}

export function auditListFilter(q: { targetType?: string; targetId?: string; before?: Date }) {
  const f: Record<string, unknown> = {};
  if (q.targetType) f.targetType = q.targetType;
  if (q.targetId) f.targetId = q.targetId;
  if (q.before) f.at = { $lt: q.before };
  return f;
}
export const auditListSort = { at: -1, _id: -1 } as const;

/** xAPI 2.2.2: voiding applies to a statement that is not itself a voiding statement. */
export function voidTargetFilter(id: string) {
  return { _id: id, isVoiding: false, voided: false };
}

/** Attachment content by hash; with `carriedBy`, only content that LRS client ('' for the platform) sent. */
export function attachmentFilter(sha2: string, carriedBy?: string | null) {
  return carriedBy === undefined ? { _id: sha2 } : { _id: sha2, carriers: carriedBy ?? '' };
}

/** Stores content once per hash and remembers every client that sent it. */
export function attachmentUpsert(a: { contentType: string; content: Buffer }, carriers: string[]) {
  return {
    $setOnInsert: { contentType: a.contentType, content: a.content },
    $addToSet: { carriers: { $each: carriers } },
  };
}

/** Newest first with a keyset cursor on (issuedAt, _id). */
export function certificateListFilter(before?: { issuedAt: Date; id: string }) {
  if (!before) return {};
  return { $or: [{ issuedAt: { $lt: before.issuedAt } }, { issuedAt: before.issuedAt, _id: { $lt: before.id } }] };
}
export const certificateListSort = { issuedAt: -1, _id: -1 } as const;

/** Only a valid certificate is revoked, so a second revoke keeps the first date, reason and actor. */
export function certificateRevokeFilter(id: string) {
  return { _id: id, revokedAt: null };
}

/** The part of a statements query a statement must match itself (xAPI 1.0.3 Communication 2.1.3). */
export function statementMatchFilter(q: StatementQuery): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (q.agent) f[q.relatedAgents ? 'relatedAgents' : 'agents'] = q.agent;
  if (q.verb) f.verb = q.verb;
  if (q.activity) f[q.relatedActivities ? 'relatedActivities' : 'activity'] = q.activity;
  if (q.registration) f.registration = q.registration.toLowerCase();
  return f;
}

/**
 * The whole statements query: not voided, matching or referring to a matching statement
 * (`referencedMatches`: ids of matching statements that some statement refers to), then the
 * stored window, the client (read/mine) and the keyset cursor on seq.
 */
export function statementQueryFilter(q: StatementQuery, referencedMatches: string[]): Record<string, unknown> {
  const and: Record<string, unknown>[] = [{ voided: false }];
  const match = statementMatchFilter(q);
  if (Object.keys(match).length > 0) {
    and.push(referencedMatches.length > 0 ? { $or: [match, { targetStatement: { $in: referencedMatches } }] } : match);
  }
  if (q.since || q.until)
    and.push({ stored: { ...(q.since ? { $gt: q.since } : {}), ...(q.until ? { $lte: q.until } : {}) } });
  if (q.clientId) and.push({ clientId: q.clientId });
  if (q.afterSeq !== undefined) and.push({ seq: q.ascending ? { $gt: q.afterSeq } : { $lt: q.afterSeq } });
  const [only] = and;
  return only && and.length === 1 ? only : { $and: and };
}

export const statementQuerySort = (q: StatementQuery) => ({ seq: q.ascending ? 1 : -1 }) as const;

export function documentScopeFilter(s: DocumentScope) {
  return { kind: s.kind, activityId: s.activityId, agent: s.agent, registration: s.registration };
}

export function documentIdsFilter(s: DocumentScope, since?: Date) {
  return { ...documentScopeFilter(s), ...(since ? { updated: { $gt: since } } : {}) };
}

export function documentFilter(k: DocumentKey, expectEtag?: string) {
  return { ...documentScopeFilter(k), docId: k.docId, ...(expectEtag !== undefined ? { etag: expectEtag } : {}) };
}
