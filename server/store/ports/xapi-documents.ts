/** xAPI documents (State, Activity and Agent Profiles) and LRS client credentials. */

export type DocumentKind = 'state' | 'activity_profile' | 'agent_profile';

/** Where a document lives: unused parts are ''. `agent` is an IFI key. */
export interface DocumentScope {
  kind: DocumentKind;
  activityId: string;
  agent: string;
  registration: string;
}
export interface DocumentKey extends DocumentScope {
  docId: string;
}

export interface XapiDocument extends DocumentKey {
  contentType: string;
  content: Buffer;
  etag: string;
  updated: Date;
}

export interface DocumentRepo {
  get(key: DocumentKey): Promise<XapiDocument | null>;
  /** Document ids in a scope, optionally only those updated after `since`. */
  ids(scope: DocumentScope, since?: Date): Promise<string[]>;
  /**
   * Writes when the precondition holds, atomically: `expectEtag` undefined writes unconditionally,
   * null only creates, a string only replaces the document with that ETag. Returns false otherwise.
   */
  put(doc: XapiDocument, expectEtag?: string | null): Promise<boolean>;
  delete(key: DocumentKey, expectEtag?: string): Promise<boolean>;
  deleteAll(scope: DocumentScope): Promise<void>;
}

export const LRS_SCOPES = [
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'state',
  'define',
  'profile',
  'all',
  // The cmi5 LMS API (docs/packages.md): import, launch for any actor, waive, abandon. Not part of 'all'.
  'cmi5/lms',
  'praxis/void-platform',
] as const;
export type LrsScope = (typeof LRS_SCOPES)[number];
/**
 * Scopes that `all` does not include: an administrator grants each one by name. `praxis/void-platform`
 * lets a client void statements whose authority is the platform (completions, certificates).
 */
export const EXPLICIT_SCOPES: readonly LrsScope[] = ['praxis/void-platform', 'cmi5/lms'];

/** What one LRS principal may send (docs/xapi-lrs.md, "Limits"). */
export interface LrsLimits {
  /** Largest request body, in bytes. */
  bodyBytes: number;
  /** Largest single statement (its JSON), in bytes. */
  statementBytes: number;
  /** Most statements in one request. */
  batchSize: number;
  /** Most requests per minute; 0 for no limit. */
  requestsPerMinute: number;
}

export interface LrsClientRecord {
  id: string;
  key: string;
  secretHash: string;
  name: string;
  scopes: LrsScope[];
  revoked: boolean;
  createdAt: Date;
  /** This client's own limits; an absent one is the configured default for LRS clients. */
  limits?: Partial<LrsLimits>;
}

export interface LrsClientRepo {
  create(client: LrsClientRecord): Promise<void>;
  findByKey(key: string): Promise<LrsClientRecord | null>;
  list(): Promise<LrsClientRecord[]>;
  /** Returns false when no client has that key. */
  revoke(key: string): Promise<boolean>;
  /** Replaces the client's own limits (an empty object: the defaults again); false when no client has that key. */
  setLimits(key: string, limits: Partial<LrsLimits>): Promise<boolean>;
}

/**
 * Who an erasure removes: the user id, and every IFI key (statement-index.ts) their agent may
 * appear under (the platform account, and mbox / mbox_sha1sum of their e-mail sent by tools).
 */
export interface ErasureTarget {
  userId: string;
  agents: readonly string[];
}

/** Rows removed, by kind (`statements`, `documents`, `users`, ...): counts only, never content. */
export type ErasureCounts = Record<string, number>;
