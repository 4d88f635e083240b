import { createHash } from 'node:crypto';
import { FieldError } from '../accounts/account-service.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { ErasureCounts, Store, UserRecord } from '../store/store.js';

/**
 * Every IFI key a learner's agent may carry: the platform account the platform writes, and the
 * mbox / mbox_sha1sum an external tool may have used for their e-mail address.
 */
export function learnerIfis(user: { id: string; email: string }, publicUrl: string): string[] {
  const mbox = `mailto:${user.email.toLowerCase()}`;
  return [`account:${publicUrl}|${user.id}`, `mbox:${mbox}`, `sha1:${createHash('sha1').update(mbox).digest('hex')}`];
}

export function createErasureService(deps: { store: Store; publicUrl: string; now?: () => Date }) {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    async find(email: string): Promise<UserRecord> {
      const user = await store.users.findByEmail(email);
      if (!user) throw new FieldError('email', 'lrsadmin:error.learnerUnknown');
      return user;
    },

    async require(userId: string): Promise<UserRecord> {
      const user = await store.users.findById(userId);
      if (!user) throw new NotFoundError('user_not_found', 'No such user.');
      return user;
    },

    /**
     * Erases the learner once the administrator has typed their e-mail address. The audit entry
     * records that an erasure happened, by whom, and how many rows went: never what they held.
     */
    async erase(admin: UserRecord, userId: string, typedEmail: string): Promise<ErasureCounts> {
      const user = await this.require(userId);
      if (typedEmail.trim().toLowerCase() !== user.email)
        throw new FieldError('confirm', 'lrsadmin:error.confirmMismatch');
      if (user.id === admin.id) throw new BadRequestError('cannot_erase_self', 'You cannot erase your own account.');
      const counts = await store.eraseLearner(user.id, learnerIfis(user, deps.publicUrl));
      await store.audit.append({
        at: now(),
        actorId: admin.id,
        action: 'user.erased',
        targetType: 'user',
        targetId: user.id,
        details: { counts },
      });
      return counts;
    },
  };
}

export type ErasureService = ReturnType<typeof createErasureService>;
