/**
 * The kernel's view of what the ledger stores and of one change to it. The storage port
 * (`server/store/ports/ledger.ts`) re-exports these and extends `LedgerChange` with the fields
 * only its adapters apply (learning, SCORM, attachments, definitions, delivered sessions).
 */
import type { StoredStatement } from './statement.js';
import type { TrainerChange } from './trainer-certification.js';

export type { StoredStatement } from './statement.js';

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
