import { randomUUID } from 'node:crypto';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { CompletionHook } from '../learning/course-completion.js';
import { LINE_UP_LIVE_UP } from './trainer-course.js';
import { AGE_BANDS, PARTICIPANT_SEXES, type DeliveredSession, type Store, type UserRecord } from '../store/store.js';
import { platformEntry } from '../ledger/platform.js';
import { VERB_VOIDED } from '../ledger/statement-index.js';
import { sessionStatement } from './session-statement.js';
import type { SessionInput } from './training.schema.js';

export interface TrainingDeps {
  store: Store;
  publicUrl: string;
  clock?: () => Date;
}

export function createTrainingService(deps: TrainingDeps) {
  const { store, publicUrl } = deps;
  const now = deps.clock ?? (() => new Date());
  const isManager = (u: UserRecord) => u.roles.includes('manager') || u.roles.includes('admin');
  const voiding = (id: string, at: Date) =>
    platformEntry(
      {
        actor: { objectType: 'Agent', account: { homePage: publicUrl, name: 'praxis-platform' } },
        verb: { id: VERB_VOIDED, display: { en: 'voided' } },
        object: { objectType: 'StatementRef', id },
      },
      { publicUrl, now: at },
    );
  const toRecord = (
    trainerId: string,
    input: SessionInput,
    base: { id: string; createdAt: Date },
    at: Date,
  ): DeliveredSession => ({
    id: base.id,
    trainerId,
    statementId: randomUUID(),
    date: input.date,
    country: input.country,
    town: input.town,
    venue: input.venue,
    sessions: input.sessions,
    notes: input.notes,
    createdAt: base.createdAt,
    updatedAt: at,
    counts: Object.fromEntries(
      [...PARTICIPANT_SEXES, ...AGE_BANDS].map((k) => [k, input[k]]),
    ) as DeliveredSession['counts'],
  });
  const own = async (user: UserRecord, id: string) => {
    const s = await store.training.session(id);
    if (!s) throw new NotFoundError('session_not_found', 'No such session record.');
    if (s.trainerId !== user.id)
      throw new ForbiddenError('not_your_session', 'Only the trainer who recorded a session can change it.');
    return s;
  };

  return {
    /** Completing Line Up Live Up (final assessment passed) certifies the coach as a trainer, in the completion's own change. */
    certifyOnCompletion: ((event) =>
      event.course.slug === LINE_UP_LIVE_UP
        ? {
            trainers: [
              {
                action: 'certify',
                userId: event.user.id,
                at: event.completedAt,
                source: 'course',
                course: LINE_UP_LIVE_UP,
              },
            ],
          }
        : {}) as CompletionHook,

    trainer: (userId: string) => store.training.trainer(userId),
    listTrainers: () => store.training.listTrainers({ limit: 500, includeWithdrawn: true }),

    /** The trainers with their accounts, read in two queries whatever their number. */
    async listTrainersWithUsers() {
      const trainers = await store.training.listTrainers({ limit: 500, includeWithdrawn: true });
      const users = await store.users.findByIds(trainers.map((t) => t.userId));
      return trainers.map((t) => ({ trainer: t, user: users.get(t.userId) ?? null }));
    },

    async certify(admin: UserRecord, email: string, reason: string) {
      const user = await store.users.findByEmail(email);
      if (!user) throw new NotFoundError('user_not_found', 'No account with this e-mail address.');
      const at = now();
      await store.record({ entries: [], trainers: [{ action: 'certify', userId: user.id, at, source: 'admin' }] });
      await store.audit.append({
        at,
        actorId: admin.id,
        action: 'trainer.certified',
        targetType: 'user',
        targetId: user.id,
        details: { reason },
      });
      return user;
    },

    async withdraw(admin: UserRecord, userId: string, reason: string) {
      const t = await store.training.trainer(userId);
      if (!t || t.withdrawnAt) throw new NotFoundError('trainer_not_found', 'This person is not a certified trainer.');
      const at = now();
      await store.record({ entries: [], trainers: [{ action: 'withdraw', userId, at, reason }] });
      await store.audit.append({
        at,
        actorId: admin.id,
        action: 'trainer.withdrawn',
        targetType: 'user',
        targetId: userId,
        details: { reason },
      });
    },

    async recordSession(trainer: UserRecord, input: SessionInput): Promise<DeliveredSession> {
      const at = now();
      const record = toRecord(trainer.id, input, { id: randomUUID(), createdAt: at }, at);
      await store.record({
        entries: [sessionStatement(record, { publicUrl, now: at })],
        deliveredSessions: { put: [record] },
      });
      return record;
    },

    /** Editing voids the statement that carried the record and replaces it, in one change. */
    async updateSession(trainer: UserRecord, id: string, input: SessionInput): Promise<DeliveredSession> {
      const current = await own(trainer, id);
      const at = now();
      const record = toRecord(trainer.id, input, current, at);
      await store.record({
        entries: [voiding(current.statementId, at), sessionStatement(record, { publicUrl, now: at })],
        deliveredSessions: { put: [record] },
      });
      return record;
    },

    async deleteSession(trainer: UserRecord, id: string): Promise<void> {
      const current = await own(trainer, id);
      await store.record({ entries: [voiding(current.statementId, now())], deliveredSessions: { remove: [id] } });
    },

    session: (id: string) => store.training.session(id),
    ownSession: own,
    /** Trainers see their own records; managers and administrators see everyone's. */
    listSessions: (user: UserRecord, before?: { date: string; id: string }) =>
      store.training.listSessions({ trainerId: isManager(user) ? undefined : user.id, limit: 50, before }),
  };
}
export type TrainingService = ReturnType<typeof createTrainingService>;
