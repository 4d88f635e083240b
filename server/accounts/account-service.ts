import { createHash, randomBytes } from 'node:crypto';
import { AppError, BadRequestError, NotFoundError } from '../errors.js';
import type { JobQueue } from '../jobs.js';
import type { Logger } from '../log.js';
import type { Role, Store, UserListQuery, UserProfile, UserRecord } from '../store/store.js';
import type { Mailer } from './mailer.js';
import { passwordProblem, type PasswordHasher } from './password.js';

const RESET_TTL_MS = 3600 * 1000;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A form-level problem the page shows next to a field; `key` is an i18n key. */
export class FieldError extends AppError {
  constructor(
    readonly field: string,
    readonly key: string,
  ) {
    super(422, 'invalid_field', key);
  }
}

export interface AccountDeps {
  store: Store;
  hasher: PasswordHasher;
  mailer: Mailer;
  log: Logger;
  /** Runs the reset token and mail after the response (requestPasswordReset). */
  jobs: JobQueue;
  publicUrl: string;
  clock?: () => Date;
  /** Translates mail text into the recipient's language. */
  translate: (lang: string, key: string, vars?: Record<string, unknown>) => string;
}

export function createAccountService(deps: AccountDeps) {
  const { store, hasher } = deps;
  const now = deps.clock ?? (() => new Date());
  let dummyHash: Promise<string> | undefined;

  const checkPassword = (password: string, email?: string) => {
    const problem = passwordProblem(password, email);
    if (problem) throw new FieldError('password', problem);
  };

  const service = {
    async register(input: UserProfile & { email: string; password: string }): Promise<UserRecord> {
      checkPassword(input.password, input.email);
      const { password, ...profile } = input;
      return store.users.create({ ...profile, passwordHash: await hasher.hash(password) });
    },

    /** Same work whether or not the e-mail exists, so timing does not reveal registrations. */
    async authenticate(email: string, password: string): Promise<UserRecord | null> {
      const user = await store.users.findByEmail(email.trim());
      if (!user) {
        // A refused hash (503, server busy) must not stay cached as a rejected promise.
        dummyHash ??= hasher.hash(randomBytes(16).toString('hex')).catch((err: unknown) => {
          dummyHash = undefined;
          throw err;
        });
        await hasher.verify(await dummyHash, password);
        return null;
      }
      if (!(await hasher.verify(user.passwordHash, password))) return null;
      const now = new Date();
      await store.users.markActive(user.id, now);
      return { ...user, lastActiveAt: now };
    },

    findUser: (id: string) => store.users.findById(id),
    findByEmail: (email: string) => store.users.findByEmail(email.trim()),

    async updateProfile(user: UserRecord, profile: UserProfile): Promise<UserRecord> {
      return store.users.updateProfile(user.id, profile, now());
    },

    async changePassword(user: UserRecord, current: string, next: string, keepSid?: string): Promise<void> {
      if (!(await hasher.verify(user.passwordHash, current)))
        throw new FieldError('currentPassword', 'validation:password.wrong');
      checkPassword(next, user.email);
      await store.users.setPasswordHash(user.id, await hasher.hash(next), now());
      await store.sessions.destroyForUser(user.id, keepSid);
      await store.audit.append({
        at: now(),
        actorId: user.id,
        action: 'user.password.changed',
        targetType: 'user',
        targetId: user.id,
        details: {},
      });
    },

    /**
     * Queues the reset and returns at once: the page answers in the same time whether or not the
     * account exists, because the look-up, the token and the mail all happen after the response.
     */
    requestPasswordReset(email: string): void {
      deps.jobs.enqueue('password-reset', () => service.sendPasswordReset(email));
    },

    /** Creates a reset token and mails the link; does nothing (but log) for an unknown e-mail. */
    async sendPasswordReset(email: string): Promise<void> {
      const user = await store.users.findByEmail(email);
      if (!user) {
        deps.log.info('password reset requested for an unknown e-mail');
        return;
      }
      const token = randomBytes(32).toString('base64url');
      const at = now();
      await store.resetTokens.create({
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: at,
        expiresAt: new Date(at.getTime() + RESET_TTL_MS),
      });
      const link = `${deps.publicUrl}/reset-password?token=${token}`;
      const tr = (key: string, vars?: Record<string, unknown>) => deps.translate(user.language, key, vars);
      await deps.mailer.send({
        to: user.email,
        subject: tr('accounts:resetMail.subject'),
        text: tr('accounts:resetMail.body', { name: user.displayName, link, minutes: 60 }),
      });
    },

    async resetPassword(token: string, password: string): Promise<UserRecord> {
      // Look first, spend only once the new password is accepted: a rejected password keeps the link usable.
      const userId = await store.resetTokens.peek(hashToken(token), now());
      const user = userId ? await store.users.findById(userId) : null;
      if (!user) throw new BadRequestError('reset_token_invalid', 'This reset link is invalid or has expired.');
      checkPassword(password, user.email);
      // Consume is atomic: of two racing resets with the same link, only one goes on.
      if ((await store.resetTokens.consume(hashToken(token), now())) !== user.id) {
        throw new BadRequestError('reset_token_invalid', 'This reset link is invalid or has expired.');
      }
      await store.users.setPasswordHash(user.id, await hasher.hash(password), now());
      await store.resetTokens.deleteForUser(user.id);
      await store.sessions.destroyForUser(user.id);
      await store.audit.append({
        at: now(),
        actorId: user.id,
        action: 'user.password.reset',
        targetType: 'user',
        targetId: user.id,
        details: {},
      });
      return user;
    },

    async setRoles(actor: UserRecord, userId: string, roles: Role[]): Promise<UserRecord> {
      const target = await store.users.findById(userId);
      if (!target) throw new NotFoundError('user_not_found', 'No such user.');
      const next = [...new Set<Role>(['learner', ...roles])];
      if (actor.id === userId && !next.includes('admin')) {
        throw new BadRequestError('cannot_demote_self', 'You cannot remove your own administrator role.');
      }
      const updated = await store.users.setRoles(userId, next, now());
      await store.audit.append({
        at: now(),
        actorId: actor.id,
        action: 'user.roles.changed',
        targetType: 'user',
        targetId: userId,
        details: { from: target.roles, to: next },
      });
      return updated;
    },

    listUsers: (q: UserListQuery) => store.users.list(q),

    /** For `npm run create-admin`: creates the account, or promotes an existing one. */
    async ensureAdmin(input: {
      email: string;
      password?: string;
      displayName?: string;
      country?: string;
    }): Promise<{ user: UserRecord; created: boolean }> {
      const existing = await store.users.findByEmail(input.email);
      if (existing) {
        const roles = [...new Set<Role>([...existing.roles, 'admin'])];
        const user = await store.users.setRoles(existing.id, roles, now());
        if (input.password) {
          checkPassword(input.password, input.email);
          await store.users.setPasswordHash(user.id, await hasher.hash(input.password), now());
        }
        await store.audit.append({
          at: now(),
          actorId: null,
          action: 'user.roles.changed',
          targetType: 'user',
          targetId: user.id,
          details: { from: existing.roles, to: roles, via: 'create-admin' },
        });
        return { user, created: false };
      }
      if (!input.password)
        throw new BadRequestError('password_required', 'A password is needed to create a new administrator.');
      if (!input.country)
        throw new BadRequestError(
          'country_required',
          'A country (ISO 3166-1 alpha-2 code) is needed to create a new administrator.',
        );
      const user = await service.register({
        email: input.email,
        password: input.password,
        displayName: input.displayName ?? 'Administrator',
        country: input.country,
        sex: 'undisclosed',
        sector: 'other',
        organisation: '',
        language: 'en',
      });
      const admin = await store.users.setRoles(user.id, ['learner', 'admin'], now());
      await store.audit.append({
        at: now(),
        actorId: null,
        action: 'user.created',
        targetType: 'user',
        targetId: user.id,
        details: { roles: admin.roles, via: 'create-admin' },
      });
      return { user: admin, created: true };
    },
  };
  return service;
}

export type AccountService = ReturnType<typeof createAccountService>;
