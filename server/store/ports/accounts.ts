/** Accounts: users, roles, sessions, password-reset tokens and the audit log. */

export const ROLES = ['learner', 'trainer', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const SEXES = ['female', 'male', 'another', 'undisclosed'] as const;
export type Sex = (typeof SEXES)[number];

export const SECTORS = [
  'police',
  'prosecution',
  'judiciary',
  'prison-probation',
  'social-services',
  'health',
  'education-sport',
  'civil-society',
  'other',
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
  /** The last sign-in; null for an account that never signed in. */
  lastActiveAt: Date | null;
  /** The last password change (it revokes LRS tokens issued before it); null or absent: never changed. */
  credentialsChangedAt?: Date | null;
}

export interface NewUser extends UserProfile {
  email: string;
  passwordHash: string;
  roles?: Role[];
  /** When the account was registered, for accounts imported from elsewhere; default now. */
  createdAt?: Date;
}

export interface UserListQuery {
  search?: string; // matches e-mail or display name
  role?: Role; // only accounts that hold this role
  limit: number;
  after?: string; // e-mail of the last row of the previous page
}

export interface UserRepo {
  /** Throws ConflictError('email_taken') when the e-mail is already registered. */
  create(user: NewUser): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  /** Several users in one query, by id; unknown ids are absent from the map. */
  findByIds(ids: readonly string[]): Promise<Map<string, UserRecord>>;
  findByEmail(email: string): Promise<UserRecord | null>;
  updateProfile(id: string, profile: UserProfile, at: Date): Promise<UserRecord>;
  /** Also records `at` as credentialsChangedAt, which revokes the learner's LRS tokens issued before it. */
  setPasswordHash(id: string, passwordHash: string, at: Date): Promise<void>;
  setRoles(id: string, roles: Role[], at: Date): Promise<UserRecord>;
  list(query: UserListQuery): Promise<UserRecord[]>;
  /** Records a sign-in. */
  markActive(id: string, at: Date): Promise<void>;
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
  /** The user id of a live token without spending it (a rejected new password must not spend the link). */
  peek(tokenHash: string, now: Date): Promise<string | null>;
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
