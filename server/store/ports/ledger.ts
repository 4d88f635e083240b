/** The xAPI ledger: statements, the change written with them in one transaction, and queries. */
import type { LedgerChange as KernelChange, StoredStatement } from '../../ledger/ledger-change.js';
import type { NewCertificate } from './certificates.js';
import type { LearningChange } from './learning.js';
import type { ScormAttemptChange } from './scorm.js';
import type { DeliveredSession } from './training.js';

export type { LedgerEntry, StoredStatement } from '../../ledger/ledger-change.js';

/**
 * Everything one learner action (or one LRS request) changes, written in ONE transaction:
 * the statements and the projections that depend on them. Features add optional fields here
 * and a projector in each adapter that applies them.
 */
export interface LedgerChange extends KernelChange {
  /** Delivered-session records of trainers; their counts reach the stats through the session statements. */
  deliveredSessions?: { put?: DeliveredSession[]; remove?: string[] };
  /** Certificates issued by this change; a second one for the same (user, course) rejects the whole change. */
  certificates?: NewCertificate[];
  /** Learner progress changed by these statements (server/learning). */
  learning?: LearningChange;
  /** SCORM run-time data committed by a SCO, written with the statements that translate it. */
  scorm?: ScormAttemptChange[];
  /** Raw attachment content sent with the statements, keyed by SHA-2 (stored once per hash). */
  attachments?: AttachmentContent[];
  /** Activity definitions to merge into the Activities resource (clients with the `define` scope). */
  definitions?: { activityId: string; definition: Record<string, unknown> }[];
}

export interface AttachmentContent {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/** A statements query after parsing: agents are IFI keys (statement-index.ts), times are `stored`. */
export interface StatementQuery {
  agent?: string;
  verb?: string;
  activity?: string;
  registration?: string;
  relatedActivities?: boolean;
  relatedAgents?: boolean;
  since?: Date;
  until?: Date;
  /** Only statements this LRS client stored (scope statements/read/mine). */
  clientId?: string;
  ascending?: boolean;
  limit: number;
  /** Paging cursor: the seq of the last statement of the previous page (exclusive). */
  afterSeq?: number;
}

export interface StatementPage {
  statements: StoredStatement[];
  /** seq of the last statement returned when more may follow, else null. */
  nextSeq: number | null;
}

export interface StatementRepo {
  /** By id, voided or not; null when unknown. */
  get(id: string): Promise<{ statement: StoredStatement; voided: boolean; clientId: string | null } | null>;
  /** The subset of `ids` already stored, with their statements (to tell a duplicate from a conflict). */
  existing(ids: string[]): Promise<Map<string, StoredStatement>>;
  count(): Promise<number>;
  /** Not-voided statements matching the query, plus statements referring to a match (xAPI 2.5 StatementRef rule). */
  query(q: StatementQuery): Promise<StatementPage>;
  /**
   * Attachment content by hash. With `carriedBy`, only when that LRS client (null: the platform)
   * sent this content with one of its statements.
   */
  attachment(sha2: string, carriedBy?: string | null): Promise<AttachmentContent | null>;
  /** The merged definition of an activity, null when none was ever defined. */
  activity(activityId: string): Promise<Record<string, unknown> | null>;
}
