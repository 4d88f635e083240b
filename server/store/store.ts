/**
 * The storage port. Services depend on these interfaces only; `sqlite/` and `mongo/` implement them.
 * Plain records cross the port: string ids, Dates, no driver types.
 */

export const ROLES = ['learner', 'trainer', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const SEXES = ['female', 'male', 'another', 'undisclosed'] as const;
export type Sex = (typeof SEXES)[number];

export const SECTORS = [
  'police', 'prosecution', 'judiciary', 'prison-probation', 'social-services',
  'health', 'education-sport', 'civil-society', 'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export interface UserProfile {
  displayName: string;
  country: string; // ISO 3166-1 alpha-2
  sex: Sex;
  sector: Sector;
  organisation: string;
  language: string;
}

export interface UserRecord extends UserProfile {
  id: string;
  email: string; // stored lower-case
  passwordHash: string;
  roles: Role[];
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser extends UserProfile {
  email: string;
  passwordHash: string;
  roles?: Role[];
}

export interface UserListQuery {
  search?: string; // matches e-mail or display name
  limit: number;
  after?: string; // e-mail of the last row of the previous page
}

export interface UserRepo {
  /** Throws ConflictError('email_taken') when the e-mail is already registered. */
  create(user: NewUser): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByEmail(email: string): Promise<UserRecord | null>;
  updateProfile(id: string, profile: UserProfile, at: Date): Promise<UserRecord>;
  setPasswordHash(id: string, passwordHash: string, at: Date): Promise<void>;
  setRoles(id: string, roles: Role[], at: Date): Promise<UserRecord>;
  list(query: UserListQuery): Promise<UserRecord[]>;
  count(): Promise<number>;
}

export interface SessionRepo {
  get(sid: string, now: Date): Promise<string | null>; // the serialised session, null when absent or expired
  set(sid: string, data: string, expiresAt: Date): Promise<void>;
  touch(sid: string, expiresAt: Date): Promise<void>;
  destroy(sid: string): Promise<void>;
  destroyForUser(userId: string, exceptSid?: string): Promise<void>;
  prune(now: Date): Promise<number>;
}

export interface ResetTokenRepo {
  create(token: { tokenHash: string; userId: string; expiresAt: Date; createdAt: Date }): Promise<void>;
  /** Single use: returns the user id and deletes the token, or null when unknown or expired. */
  consume(tokenHash: string, now: Date): Promise<string | null>;
  deleteForUser(userId: string): Promise<void>;
}

export interface AuditEntry {
  id: string;
  at: Date;
  actorId: string | null;
  action: string; // e.g. 'user.roles.changed'
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

export interface AuditRepo {
  append(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
  list(query: { targetType?: string; targetId?: string; limit: number; before?: Date }): Promise<AuditEntry[]>;
}

/** A statement exactly as the LRS returns it: id, timestamp, stored, authority and version are set. */
export type StoredStatement = Record<string, unknown> & {
  id: string; actor: unknown; verb: { id: string }; object: unknown; timestamp: string; stored: string; authority: unknown; version: string;
};

export interface LedgerEntry {
  statement: StoredStatement;
  /** LRS client that sent it (for the statements/read/mine scope); null when the platform wrote it. */
  clientId: string | null;
}

/**
 * Everything one learner action (or one LRS request) changes, written in ONE transaction:
 * the statements and the projections that depend on them. Features add optional fields here
 * and a projector in each adapter that applies them.
 */
export interface LedgerChange {
  entries: LedgerEntry[];
  /** Trainer certifications and withdrawals (training of trainers); the stats counters follow them. */
  trainers?: TrainerChange[];
  /** Delivered-session records of trainers; their counts reach the stats through the session statements. */
  deliveredSessions?: { put?: DeliveredSession[]; remove?: string[] };
  /** Certificates issued by this change; a second one for the same (user, course) rejects the whole change. */
  certificates?: NewCertificate[];
  /** Learner progress changed by these statements (server/learning). */
  learning?: LearningChange;
  /** Raw attachment content sent with the statements, keyed by SHA-2 (stored once per hash). */
  attachments?: AttachmentContent[];
  /** Activity definitions to merge into the Activities resource (clients with the `define` scope). */
  definitions?: { activityId: string; definition: Record<string, unknown> }[];
}

export interface AttachmentContent { sha2: string; contentType: string; content: Buffer }

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
  attachment(sha2: string): Promise<AttachmentContent | null>;
  /** The merged definition of an activity, null when none was ever defined. */
  activity(activityId: string): Promise<Record<string, unknown> | null>;
}

export type DocumentKind = 'state' | 'activity_profile' | 'agent_profile';

/** Where a document lives: unused parts are ''. `agent` is an IFI key. */
export interface DocumentScope { kind: DocumentKind; activityId: string; agent: string; registration: string }
export interface DocumentKey extends DocumentScope { docId: string }

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

export const LRS_SCOPES = ['statements/write', 'statements/read', 'statements/read/mine', 'state', 'define', 'profile', 'all'] as const;
export type LrsScope = (typeof LRS_SCOPES)[number];

export interface LrsClientRecord {
  id: string;
  key: string;
  secretHash: string;
  name: string;
  scopes: LrsScope[];
  revoked: boolean;
  createdAt: Date;
}

export interface LrsClientRepo {
  create(client: LrsClientRecord): Promise<void>;
  findByKey(key: string): Promise<LrsClientRecord | null>;
  list(): Promise<LrsClientRecord[]>;
  /** Returns false when no client has that key. */
  revoke(key: string): Promise<boolean>;
}

/**
 * Who an erasure removes: the user id, and every IFI key (statement-index.ts) their agent may
 * appear under (the platform account, and mbox / mbox_sha1sum of their e-mail sent by tools).
 */
export interface ErasureTarget { userId: string; agents: readonly string[] }

/** Rows removed, by kind (`statements`, `documents`, `users`, ...): counts only, never content. */
export type ErasureCounts = Record<string, number>;
/** A certified trainer of the Line Up Live Up cascade. Dimensions are those of the trainer when certified. */
export interface TrainerRecord {
  userId: string;
  certifiedAt: Date;
  source: 'course' | 'admin';
  certificateRef: string | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  country: string; sex: string; sector: string;
}

export type TrainerChange =
  | { action: 'certify'; userId: string; at: Date; source: 'course' | 'admin'; certificateRef?: string | null; course?: string }
  | { action: 'withdraw'; userId: string; at: Date; reason: string };

export const AGE_BANDS = ['under13', 'from13to15', 'from16to18', 'over18'] as const;
export const PARTICIPANT_SEXES = ['girls', 'boys', 'other'] as const;
export type ParticipantCounts = Record<(typeof PARTICIPANT_SEXES)[number] | (typeof AGE_BANDS)[number], number>;

/** A session a trainer delivered: aggregate counts only, never names of the (minor) participants. */
export interface DeliveredSession {
  id: string;
  trainerId: string;
  statementId: string; // the current xAPI statement that carries this record
  date: string; // YYYY-MM-DD
  country: string; town: string; venue: string;
  sessions: number[]; // which of the ten Line Up Live Up sessions (1-10)
  counts: ParticipantCounts;
  notes: string;
  createdAt: Date; updatedAt: Date;
}

export interface TrainingRepo {
  trainer(userId: string): Promise<TrainerRecord | null>;
  /** Newest certification first. */
  listTrainers(query: { limit: number; includeWithdrawn?: boolean }): Promise<TrainerRecord[]>;
  session(id: string): Promise<DeliveredSession | null>;
  /** Newest session date first; keyset paging on (date, id). */
  listSessions(query: { trainerId?: string; limit: number; before?: { date: string; id: string } }): Promise<DeliveredSession[]>;
}

/** Dimensions of the stats counters. '*' in a stored counter means "all values" (a roll-up). */
export const STATS_DIMS = ['course', 'country', 'sex', 'sector'] as const;
export type StatsDim = (typeof STATS_DIMS)[number];
export type StatsFilter = Partial<Record<StatsDim, string>>;

export interface StatsCountQuery {
  metrics: string[];
  filter: StatsFilter;
  /** Breakdown dimension: rows carry its value; without it, `value` is ''. */
  by?: StatsDim;
  /** Inclusive period keys: 'YYYY-MM' for monthly metrics, 'YYYY-Qn' / 'YYYY' for the active.q / active.y metrics. */
  from: string;
  to: string;
  /** Sum over the whole period: rows carry month '' (breakdowns that need no monthly series read far fewer rows). */
  wholePeriod?: boolean;
}
export interface StatsCountRow { metric: string; month: string; value: string; detail: string; n: number }

export interface StatsRepo {
  /** Sums of pre-aggregated counters: cost depends on the number of dimension values, not statements. */
  counts(query: StatsCountQuery): Promise<StatsCountRow[]>;
  /** Distinct active learners over any run of months (for custom periods), optionally broken down. */
  activeLearners(query: { filter: StatsFilter; by?: StatsDim; from: string; to: string }): Promise<{ value: string; n: number }[]>;
  /** Accounts created in [from, to), by the users' current profile. */
  registeredUsers(query: { filter: StatsFilter; from: Date; to: Date }): Promise<number>;
  /** Recomputes every counter from the statement ledger (and the trainers table). */
  rebuild(): Promise<void>;
  /** Every non-zero counter, sorted: for tests and for checking a rebuild. */
  dump(): Promise<string[]>;
}

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
  /** Resolves when the database answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// ---- Learning: enrolments, lesson progress, quiz attempts, completions --------------------------

export interface EnrolmentRecord {
  id: string; // the xAPI registration UUID
  userId: string;
  courseSlug: string;
  courseVersion: string;
  enrolledAt: Date;
  /** Bumped by every progress change: concurrent changes are detected inside the transaction. */
  version: number;
  lastModuleId: string | null;
  lastLessonId: string | null;
  completedAt: Date | null;
}

export interface QuizAttemptRecord {
  id: string;
  enrolmentId: string;
  quizId: string;
  startedAt: Date;
  /** Per question, the option / item ids in the order this attempt showed them. */
  shown: Record<string, string[]>;
  answers: Record<string, unknown> | null;
  score: number | null;
  maxScore: number | null;
  passed: boolean | null; // null: not submitted, or an ungraded pre-test
  submittedAt: Date | null;
}

export interface LearningProgress {
  enrolment: EnrolmentRecord;
  doneLessons: { moduleId: string; lessonId: string; doneAt: Date }[];
  completedModules: { moduleId: string; completedAt: Date }[];
  attempts: QuizAttemptRecord[]; // oldest first
}

export type LearningOp =
  | { type: 'enrol'; enrolment: Pick<EnrolmentRecord, 'id' | 'userId' | 'courseSlug' | 'courseVersion' | 'enrolledAt'> }
  | { type: 'lessonOpened'; moduleId: string; lessonId: string }
  | { type: 'lessonDone'; moduleId: string; lessonId: string; at: Date }
  | { type: 'attemptStarted'; attempt: Pick<QuizAttemptRecord, 'id' | 'quizId' | 'startedAt' | 'shown'> }
  | { type: 'attemptSubmitted'; attemptId: string; quizId: string; answers: Record<string, unknown>; score: number; maxScore: number;
      passed: boolean | null; submittedAt: Date; maxAttempts?: number }
  | { type: 'moduleCompleted'; moduleId: string; at: Date }
  | { type: 'courseCompleted'; at: Date };

/**
 * Applied by each adapter's learning projector in the ledger transaction. With `expectedVersion`,
 * the change applies only if nobody changed the enrolment since it was read (else StaleProgressError);
 * an op that finds its fact already there throws AlreadyRecordedError. Either way nothing is written.
 */
export interface LearningChange {
  enrolmentId: string;
  expectedVersion?: number;
  ops: LearningOp[];
}

export interface LearningRepo {
  findEnrolment(userId: string, courseSlug: string): Promise<EnrolmentRecord | null>;
  enrolmentsOf(userId: string): Promise<EnrolmentRecord[]>; // newest first
  progress(enrolmentId: string): Promise<LearningProgress | null>;
  attempt(id: string): Promise<QuizAttemptRecord | null>;
  /**
   * Recomputes every registration's progress from its platform statements (learning-projection.ts),
   * one transaction per registration. A registration whose projection changes gets a new version.
   */
  rebuild(): Promise<{ registrations: number; changed: number }>;
}
