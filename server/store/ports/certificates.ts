/** Completion certificates. */

/** A completion certificate. Course title and learner name are snapshots taken at issue. */
export interface CertificateRecord {
  id: string;
  code: string; // canonical XXXX-XXXX-XXXX-XXXX
  userId: string;
  learnerName: string;
  courseSlug: string;
  courseVersion: string;
  courseTitle: Record<string, string>; // by language
  defaultLanguage: string;
  languages: string[];
  hours: number;
  completedAt: Date;
  issuedAt: Date;
  /** Open Badges recipient identity: sha256 of e-mail + salt, so the credential carries no e-mail. */
  identityHash: string;
  identitySalt: string;
  revokedAt: Date | null;
  revokedReason: string | null;
  revokedBy: string | null;
}

export type NewCertificate = Omit<CertificateRecord, 'revokedAt' | 'revokedReason' | 'revokedBy'>;

export interface CertificateRepo {
  findById(id: string): Promise<CertificateRecord | null>;
  findByCode(code: string): Promise<CertificateRecord | null>;
  findForUserCourse(userId: string, courseSlug: string): Promise<CertificateRecord | null>;
  /** The learner's certificates, newest first. */
  listForUser(userId: string): Promise<CertificateRecord[]>;
  /** Newest first, keyset paging on (issuedAt, id). */
  list(query: { limit: number; before?: { issuedAt: Date; id: string } }): Promise<CertificateRecord[]>;
  /** Null when unknown. Revoking a revoked certificate (or reinstating a valid one) changes nothing. */
  revoke(id: string, revocation: { at: Date; by: string; reason: string }): Promise<CertificateRecord | null>;
  reinstate(id: string): Promise<CertificateRecord | null>;
}
