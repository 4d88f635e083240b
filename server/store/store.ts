/**
 * The storage port. Services depend on these interfaces only; `sqlite/` and `mongo/` implement them.
 * Plain records cross the port: string ids, Dates, no driver types.
 */
import type { AuditRepo, ResetTokenRepo, SessionRepo, UserRepo } from './ports/accounts.js';
import type { CertificateRepo } from './ports/certificates.js';
import type { LearningRepo } from './ports/learning.js';
import type { LedgerChange, StatementRepo } from './ports/ledger.js';
import type { ScormRepo } from './ports/scorm.js';
import type { PackageRepo } from './ports/packages.js';
import type { RateLimitRepo } from './ports/rate-limits.js';
import type { Cmi5SessionRepo } from './ports/cmi5.js';
import type { StatsRepo } from './ports/stats.js';
import type { TrainingRepo } from './ports/training.js';
import type { DocumentRepo, ErasureCounts, LrsClientRepo } from './ports/xapi-documents.js';

export * from './ports/accounts.js';
export * from './ports/ledger.js';
export * from './ports/xapi-documents.js';
export * from './ports/training.js';
export * from './ports/stats.js';
export * from './ports/certificates.js';
export * from './ports/learning.js';
export * from './ports/scorm.js';
export * from './ports/packages.js';
export * from './ports/cmi5.js';
export * from './ports/rate-limits.js';

export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  /** Appends statements (applying voiding) and their projections atomically: all or nothing. */
  record(change: LedgerChange): Promise<void>;
  statements: StatementRepo;
  learning: LearningRepo;
  documents: DocumentRepo;
  lrsClients: LrsClientRepo;
  users: UserRepo;
  sessions: SessionRepo;
  resetTokens: ResetTokenRepo;
  /** Rate-limit counters, shared by every instance on this database. */
  rateLimits: RateLimitRepo;
  audit: AuditRepo;
  /**
   * Erases everything stored about one learner in ONE transaction: feature data (each feature's
   * eraser), their statements (as actor or anywhere as a related agent, and statements referring
   * to those), xAPI documents keyed by their agent, sessions, reset tokens and the user record.
   */
  eraseLearner(userId: string, agentIfis: readonly string[]): Promise<ErasureCounts>;
  /** A consistent copy of the whole database at `destination` while it stays online (SQLite only). */
  backup(destination: string): Promise<void>;
  training: TrainingRepo;
  stats: StatsRepo;
  certificates: CertificateRepo;
  /** SCORM run-time data (CMI) per registration, SCO and attempt. */
  scorm: ScormRepo;
  packages: PackageRepo;
  cmi5: Cmi5SessionRepo;
  /** Resolves when the database answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
