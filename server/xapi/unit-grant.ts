import type { Statement, StoredStatement } from '../ledger/statement.js';

/**
 * What a launched unit of a course package (a cmi5 AU) may do with its token: write statements
 * for one learner, registration and session, read and write its own state, read the learner's
 * preferences. The feature that launched it supplies the rules it must follow and what the LMS
 * does after (cmi5: statement rules, moveOn, satisfied); the LRS only calls them.
 */
export interface UnitGrant {
  userId: string;
  registration: string;
  activityId: string;
  /** The learner's agent IFI key (statement-index's ifiKey), for document access. */
  agentKey: string;
  /** Throws an AppError (403) for statements the package standard forbids. */
  check(batch: readonly Statement[]): Promise<void>;
  /** Runs after the statements are stored. */
  after(stored: readonly StoredStatement[]): Promise<void>;
}

/** Verifies a unit's token (the password of Basic `cmi5:<token>`); null when it is not valid. */
export interface UnitAuthenticator {
  verify(token: string): Promise<import('./lrs-client-service.js').LrsPrincipal | null>;
}
