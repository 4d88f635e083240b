import type { ClientSession, Connection } from 'mongoose';
import type { ErasureCounts, ErasureTarget } from '../store.js';
import {
  attachmentInUseFilter,
  attemptsOfEnrolmentsFilter,
  documentsOfAgentsFilter,
  ownedByUserFilter,
  referringFilter,
  sessionsOfTrainerFilter,
  statementsOfAgentsFilter,
} from './erasure-queries.js';
import { ledgerModels } from './ledger-models.js';
import { lrsModels } from './lrs-models.js';
import { accountModels } from './models.js';
import { certificateModels } from './certificate-models.js';
import { learningModels } from './learning-models.js';
import { statsModels } from './stats-models.js';

/**
 * One feature's part of an erasure, inside the erasure transaction. Features push theirs into the
 * `erasers` array of mongo-store.ts; they run before the core erasers, so they can still read the
 * learner's statements (see sqlite/erasure.ts and docs/operations.md).
 */
export type MongoEraser = (target: ErasureTarget, session: ClientSession) => Promise<ErasureCounts>;

export function coreMongoErasers(conn: Connection): MongoEraser[] {
  const { Statement } = ledgerModels(conn);
  const { Attachment, XapiDocument } = lrsModels(conn);
  const { User, Session, ResetToken } = accountModels(conn);

  const statements: MongoEraser = async ({ agents }, session) => {
    type Doc = { _id: string; body: { attachments?: { sha2?: string }[] } };
    const own = await Statement.find(statementsOfAgentsFilter(agents), { _id: 1, 'body.attachments': 1 })
      .session(session)
      .lean<Doc[]>();
    const ids = own.map((d) => d._id);
    const referring = (
      await Statement.find(referringFilter(ids), { _id: 1 }).session(session).lean<{ _id: string }[]>()
    ).map((d) => d._id);
    const n = (await Statement.deleteMany({ _id: { $in: [...ids, ...referring] } }, { session })).deletedCount;
    let attachments = 0;
    const hashes = new Set(
      own.flatMap((d) => (d.body.attachments ?? []).map((a) => a.sha2?.toLowerCase()).filter((h): h is string => !!h)),
    );
    for (const h of hashes) {
      if (!(await Statement.exists(attachmentInUseFilter(h)).session(session)))
        attachments += (await Attachment.deleteOne({ _id: h }, { session })).deletedCount;
    }
    return { statements: n, attachments };
  };
  const documents: MongoEraser = async ({ agents }, session) => ({
    documents: (await XapiDocument.deleteMany(documentsOfAgentsFilter(agents), { session })).deletedCount,
  });
  const account: MongoEraser = async ({ userId }, session) => ({
    sessions: (await Session.deleteMany(ownedByUserFilter(userId), { session })).deletedCount,
    resetTokens: (await ResetToken.deleteMany(ownedByUserFilter(userId), { session })).deletedCount,
    users: (await User.deleteOne({ _id: userId }, { session })).deletedCount,
  });
  return [statements, documents, account];
}

/** Erasers of the features that landed before erasure did: enrolments with their quiz attempts, certificates, training. */
export function featureMongoErasers(conn: Connection): MongoEraser[] {
  const { Enrolment, QuizAttempt } = learningModels(conn);
  const { Certificate } = certificateModels(conn);
  const { Trainer, DeliveredSession } = statsModels(conn);
  return [
    async ({ userId }, session) => {
      const ids = (
        await Enrolment.find(ownedByUserFilter(userId), { _id: 1 }).session(session).lean<{ _id: string }[]>()
      ).map((d) => d._id);
      await QuizAttempt.deleteMany(attemptsOfEnrolmentsFilter(ids), { session });
      return { enrolments: (await Enrolment.deleteMany(ownedByUserFilter(userId), { session })).deletedCount };
    },
    async ({ userId }, session) => ({
      certificates: (await Certificate.deleteMany(ownedByUserFilter(userId), { session })).deletedCount,
    }),
    async ({ userId }, session) => ({
      deliveredSessions: (await DeliveredSession.deleteMany(sessionsOfTrainerFilter(userId), { session })).deletedCount,
      trainers: (await Trainer.deleteOne({ _id: userId }, { session })).deletedCount,
    }),
    // The statistics counters' eraser is stats.erase (mongo/stats.ts), placed first by mongo-store.ts.
  ];
}

/** Runs every eraser in one multi-document transaction (a replica set is required, as for the ledger). */
export function mongoEraseLearner(conn: Connection, erasers: MongoEraser[]) {
  return async (userId: string, agentIfis: readonly string[]): Promise<ErasureCounts> => {
    const target: ErasureTarget = { userId, agents: [...new Set(agentIfis)] };
    const session = await conn.startSession();
    try {
      let total: ErasureCounts = {};
      await session.withTransaction(async () => {
        total = {};
        for (const erase of erasers) {
          for (const [k, v] of Object.entries(await erase(target, session))) total[k] = (total[k] ?? 0) + v;
        }
      });
      return total;
    } finally {
      await session.endSession();
    }
  };
}
