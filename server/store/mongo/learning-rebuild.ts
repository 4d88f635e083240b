import type { ClientSession, Connection, Model } from 'mongoose';
import { isPlatformLearningStatement, projectLearning, sameLearning } from '../../ledger/learning-projection.js';
import type { LearningProgress, StoredStatement } from '../store.js';
import { decodeKeys } from './key-encoding.js';
import {
  attemptsOfFilter,
  registrationStatementsFilter,
  registrationStatementsSort,
  voidedStatementsFilter,
} from './learning-queries.js';

type StatementDoc = { _id: string; body: StoredStatement; clientId: string | null; registration: string | null };
const entryOf = (d: StatementDoc) => ({ statement: decodeKeys(d.body), clientId: d.clientId });

/** Replaces one registration's enrolment and attempts with what its remaining statements say. */
export function mongoLearningRebuild(
  conn: Connection,
  models: { Enrolment: Model<unknown>; QuizAttempt: Model<unknown> },
  readProgress: (id: string, session: ClientSession | null) => Promise<LearningProgress | null>,
) {
  const { Enrolment, QuizAttempt } = models;
  // Looked up when used: the ledger registers the model after the learning projector is built.
  const statements = () => conn.model('Statement');

  async function recompute(registration: string, session: ClientSession): Promise<boolean> {
    const current = await readProgress(registration, session);
    const docs = await statements()
      .find(registrationStatementsFilter(registration), { body: 1, clientId: 1, registration: 1 })
      .sort(registrationStatementsSort)
      .session(session)
      .lean<StatementDoc[]>();
    const next = projectLearning(registration, docs.map(entryOf), current);
    if (sameLearning(current, next)) return false;
    await QuizAttempt.deleteMany(attemptsOfFilter(registration), { session });
    if (!next) {
      await Enrolment.deleteOne({ _id: registration }, { session });
      return true;
    }
    const { id, ...enrolment } = next.enrolment;
    await Enrolment.replaceOne(
      { _id: id },
      {
        ...enrolment,
        version: (current?.enrolment.version ?? 0) + 1,
        doneLessons: next.doneLessons,
        completedModules: next.completedModules,
      },
      { upsert: true, session },
    );
    if (next.attempts.length)
      await QuizAttempt.insertMany(
        next.attempts.map(({ id: _id, ...a }) => ({ _id, ...a })),
        { session },
      );
    return true;
  }

  return {
    /** In the ledger transaction: registrations that lost a platform statement follow their remaining statements. */
    async afterVoiding(voidedIds: string[], session: ClientSession) {
      if (voidedIds.length === 0) return;
      const docs = await statements()
        .find(voidedStatementsFilter(voidedIds), { body: 1, clientId: 1, registration: 1 })
        .session(session)
        .lean<StatementDoc[]>();
      const registrations = new Set(
        docs.filter((d) => isPlatformLearningStatement(entryOf(d))).map((d) => d.registration!),
      );
      for (const r of registrations) await recompute(r, session);
    },
    /** One transaction per registration, so a large ledger never makes one huge transaction. */
    async rebuild() {
      const all = new Set<string>([
        ...((await statements().distinct('registration', { registration: { $ne: null } })) as string[]),
        ...((await Enrolment.distinct('_id')) as string[]),
      ]);
      let changed = 0;
      for (const r of all) {
        const session = await conn.startSession();
        try {
          await session.withTransaction(async () => {
            if (await recompute(r, session)) changed += 1;
          });
        } finally {
          await session.endSession();
        }
      }
      return { registrations: all.size, changed };
    },
  };
}
