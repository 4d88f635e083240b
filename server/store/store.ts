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
}

export interface StatementRepo {
  /** By id, voided or not; null when unknown. */
  get(id: string): Promise<{ statement: StoredStatement; voided: boolean; clientId: string | null } | null>;
  /** The subset of `ids` already stored, with their statements (to tell a duplicate from a conflict). */
  existing(ids: string[]): Promise<Map<string, StoredStatement>>;
  count(): Promise<number>;
}

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

export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  /** Appends statements (applying voiding) and their projections atomically: all or nothing. */
  record(change: LedgerChange): Promise<void>;
  statements: StatementRepo;
  users: UserRepo;
  sessions: SessionRepo;
  resetTokens: ResetTokenRepo;
  audit: AuditRepo;
  training: TrainingRepo;
  stats: StatsRepo;
  /** Resolves when the database answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
