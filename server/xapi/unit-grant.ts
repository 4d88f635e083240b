import type { Statement, StoredStatement } from '../ledger/statement.js';

/**
 * What a launched unit of a course package (a cmi5 AU) may do with its token: write statements
 * for one learner, registration and session, read and write its own state, read the learner's
 * preferences. The feature that launched it supplies the rules it must follow and what the LMS
 * does after (cmi5: statement rules, moveOn, satisfied); the LRS only calls them.
 */
export interface UnitGrant {
  /** The Praxis learner, or null for a launch an integration asked for. */
  userId: string | null;
  registration: string;
  activityId: string;
  /** The learner's agent IFI key (statement-index's ifiKey), for document access. */
  agentKey: string;
  /** Throws an AppError (403) for statements the package standard forbids. */
  check(batch: readonly Statement[]): Promise<void>;
  /** Runs after the statements are stored. */
  after(stored: readonly StoredStatement[]): Promise<void>;
  /**
   * Runs before a document request the LRS's scoping allowed: throws an AppError for what the package
   * standard forbids (cmi5: LMS.LaunchData is read-only, learner preferences must be well-formed),
   * and notes what the standard tracks (cmi5: the AU read its preferences).
   */
  document?(req: UnitDocumentRequest): Promise<void>;
}

export interface UnitDocumentRequest {
  resource: '/activities/state' | '/agents/profile';
  method: string;
  params: Readonly<Record<string, string>>;
  contentType: string;
  body: Buffer | undefined;
}

/** Verifies a unit's token (the password of Basic `cmi5:<token>`); null when it is not valid. */
export interface UnitAuthenticator {
  verify(token: string): Promise<import('./lrs-client-service.js').LrsPrincipal | null>;
}
