/**
 * The kernel's view of what the ledger stores and of one change to it. The storage port
 * (`server/store/ports/ledger.ts`) re-exports these and extends `LedgerChange` with the fields
 * only its adapters apply (learning, SCORM, attachments, definitions, delivered sessions).
 */
import type { TrainerChange } from './trainer-certification.js';

/** A statement exactly as the LRS returns it: id, timestamp, stored, authority and version are set. */
export type StoredStatement = Record<string, unknown> & {
  id: string;
  actor: unknown;
  verb: { id: string };
  object: unknown;
  timestamp: string;
  stored: string;
  authority: unknown;
  version: string;
};

export interface LedgerEntry {
  statement: StoredStatement;
  /** LRS client that sent it (for the statements/read/mine scope); null when the platform wrote it. */
  clientId: string | null;
}

/** A certificate issued by a change, as far as the kernel reads it (trainer certification). */
export interface IssuedCertificate {
  userId: string;
  courseSlug?: string;
  code?: string;
}

/** What the kernel's projections read of one change written in one transaction. */
export interface LedgerChange {
  entries: LedgerEntry[];
  /** Trainer certifications and withdrawals (training of trainers); the stats counters follow them. */
  trainers?: TrainerChange[];
  /** Certificates issued by this change; a second one for the same (user, course) rejects the whole change. */
  certificates?: IssuedCertificate[];
}
