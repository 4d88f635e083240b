import { appendProfile, type ProfileEntry } from '../profile-history.js';
import { mongoPackages } from './packages.js';
import { mongoCmi5 } from './cmi5.js';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../errors.js';
import { userIdOf } from '../session-data.js';
import type { AuditEntry, Store, UserRecord } from '../store.js';
import { coreMongoErasers, featureMongoErasers, mongoEraseLearner, type MongoEraser } from './erasure.js';
import { mongoCertificates } from './certificates.js';
import { mongoLearning } from './learning.js';
import { mongoLedger, type MongoProjector } from './ledger.js';
import { accountModels } from './models.js';
import { mongoRateLimits } from './rate-limits.js';
import { mongoScorm } from './scorm.js';
import { mongoStats } from './stats.js';
import type { LedgerHooks } from '../../ledger/trainer-certification.js';
import { statsModels } from './stats-models.js';
import { mongoTraining } from './training.js';
import { lrsModels } from './lrs-models.js';
import { mongoDocuments, mongoLrsClients } from './lrs-repos.js';
import {
  auditListFilter,
  auditListSort,
  liveSessionFilter,
  userListFilter,
  userListSort,
  userSessionsFilter,
} from './queries.js';

const MAX_TIME_MS = 5000;

type UserDoc = Omit<UserRecord, 'id'> & { _id: string };
export const userFromDoc = ({
  _id,
  profileHistory: _history,
  ...rest
}: UserDoc & { profileHistory?: unknown }): UserRecord => ({
  id: _id,
  ...rest,
  roles: [...rest.roles],
  lastActiveAt: rest.lastActiveAt ?? null,
  credentialsChangedAt: rest.credentialsChangedAt ?? null,
});
type AuditDoc = Omit<AuditEntry, 'id'> & { _id: string };
const auditFromDoc = ({ _id, ...rest }: AuditDoc): AuditEntry => ({ id: _id, ...rest });

/** Production store. Needs a replica set (or Atlas) for the multi-document transactions later features use. */
export async function openMongoStore(uri: string, hooks: LedgerHooks = {}): Promise<Store> {
  const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  const m = accountModels(conn);
  // Projections updated in the ledger's transaction; later features add theirs here.
  const learning = mongoLearning(conn);
  const certificates = mongoCertificates(conn);
  const projectors: MongoProjector[] = [learning.projector, certificates.projector];
  const ledger = mongoLedger(conn, projectors);
  // Each feature that keeps data about a learner adds its eraser here; they run before the core
  // ones, so they still see the learner's statements (erasure.ts, docs/operations.md).
  const erasers: MongoEraser[] = [...featureMongoErasers(conn)];
  const sm = statsModels(conn);
  const training = mongoTraining(sm);
  const stats = mongoStats(conn, sm, hooks);
  const scorm = mongoScorm(conn);
  const rateLimits = mongoRateLimits(conn);
  projectors.push(training.projector, stats.projector, scorm.projector);
  erasers.push(async ({ userId }, session) => scorm.erase(userId, session));
  await Promise.all(
    [
      ...Object.values(m),
      ...Object.values(ledger.models),
      ...Object.values(lrsModels(conn)),
      ...Object.values(learning.models),
      ...Object.values(certificates.models),
      ...Object.values(sm),
      ...Object.values(scorm.models),
      ...Object.values(rateLimits.models),
    ].map((model) => model.syncIndexes()),
  );

  const requireUser = async (id: string) => {
    const doc = await m.User.findById(id).lean<UserDoc>().maxTimeMS(MAX_TIME_MS);
    if (!doc) throw new NotFoundError('user_not_found', `No user ${id}.`);
    return userFromDoc(doc);
  };

  return {
    kind: 'mongo',
    record: ledger.record,
    statements: ledger.statements,
    learning: learning.repo,
    scorm: scorm.repo,
    documents: mongoDocuments(conn),
    lrsClients: mongoLrsClients(conn),
    users: {
      create: async (u) => {
        const at = u.createdAt ?? new Date();
        try {
          const doc = await m.User.create({
            ...u,
            _id: randomUUID(),
            email: u.email.toLowerCase(),
            roles: u.roles ?? ['learner'],
            createdAt: at,
            updatedAt: at,
            profileHistory: [{ from: at.getTime(), country: u.country, sex: u.sex, sector: u.sector }],
          });
          return userFromDoc(doc.toObject() as UserDoc);
        } catch (err) {
          if ((err as { code?: number }).code === 11000)
            throw new ConflictError('email_taken', 'This e-mail address is already registered.');
          throw err;
        }
      },
      findById: async (id) => {
        const doc = await m.User.findById(id).lean<UserDoc>().maxTimeMS(MAX_TIME_MS);
        return doc ? userFromDoc(doc) : null;
      },
      findByIds: async (ids) => {
        if (ids.length === 0) return new Map();
        const docs = await m.User.find({ _id: { $in: [...ids] } })
          .lean<UserDoc[]>()
          .maxTimeMS(MAX_TIME_MS);
        return new Map(docs.map((d) => [d._id, userFromDoc(d)]));
      },
      findByEmail: async (email) => {
        const doc = await m.User.findOne({ email: email.toLowerCase() }).lean<UserDoc>().maxTimeMS(MAX_TIME_MS);
        return doc ? userFromDoc(doc) : null;
      },
      updateProfile: async (id, p, at) => {
        const before = await m.User.findById(id, { country: 1, sex: 1, sector: 1, profileHistory: 1 })
          .lean<{ country: string; sex: string; sector: string; profileHistory?: ProfileEntry[] }>()
          .maxTimeMS(MAX_TIME_MS);
        const profileHistory = before ? appendProfile(before.profileHistory ?? null, before, p, at) : undefined;
        await m.User.updateOne(
          { _id: id },
          { $set: { ...p, updatedAt: at, ...(profileHistory ? { profileHistory } : {}) } },
        );
        return requireUser(id);
      },
      setPasswordHash: async (id, passwordHash, at) => {
        const r = await m.User.updateOne(
          { _id: id },
          { $set: { passwordHash, updatedAt: at, credentialsChangedAt: at } },
        );
        if (r.matchedCount === 0) throw new NotFoundError('user_not_found', `No user ${id}.`);
      },
      setRoles: async (id, roles, at) => {
        await m.User.updateOne({ _id: id }, { $set: { roles, updatedAt: at } });
        return requireUser(id);
      },
      list: async (q) => {
        const docs = await m.User.find(userListFilter(q))
          .sort(userListSort)
          .limit(q.limit)
          .lean<UserDoc[]>()
          .maxTimeMS(MAX_TIME_MS);
        return docs.map(userFromDoc);
      },
      markActive: async (id, at) => {
        await m.User.updateOne({ _id: id }, { $set: { lastActiveAt: at } });
      },
      count: async () => m.User.estimatedDocumentCount(),
    },
    sessions: {
      get: async (sid, now) => {
        const doc = await m.Session.findOne(liveSessionFilter(sid, now))
          .lean<{ data: string }>()
          .maxTimeMS(MAX_TIME_MS);
        return doc?.data ?? null;
      },
      set: async (sid, data, expiresAt) => {
        await m.Session.updateOne(
          { _id: sid },
          { $set: { data, userId: userIdOf(data), expiresAt } },
          { upsert: true },
        );
      },
      touch: async (sid, expiresAt) => {
        await m.Session.updateOne({ _id: sid }, { $set: { expiresAt } });
      },
      destroy: async (sid) => {
        await m.Session.deleteOne({ _id: sid });
      },
      destroyForUser: async (userId, exceptSid) => {
        await m.Session.deleteMany(userSessionsFilter(userId, exceptSid));
      },
      prune: async (now) => (await m.Session.deleteMany({ expiresAt: { $lte: now } })).deletedCount,
    },
    rateLimits: rateLimits.repo,
    resetTokens: {
      create: async (t) => {
        await m.ResetToken.create({
          _id: t.tokenHash,
          userId: t.userId,
          expiresAt: t.expiresAt,
          createdAt: t.createdAt,
        });
      },
      consume: async (tokenHash, now) => {
        const doc = await m.ResetToken.findOneAndDelete({ _id: tokenHash }).lean<{ userId: string; expiresAt: Date }>();
        return doc && doc.expiresAt > now ? doc.userId : null;
      },
      peek: async (tokenHash, now) => {
        const doc = await m.ResetToken.findOne({ _id: tokenHash, expiresAt: { $gt: now } }).lean<{ userId: string }>();
        return doc?.userId ?? null;
      },
      deleteForUser: async (userId) => {
        await m.ResetToken.deleteMany({ userId });
      },
    },
    training: training.repo,
    stats: stats.repo,
    audit: {
      append: async (e) => {
        const entry = { ...e, id: randomUUID() };
        await m.Audit.create({ _id: entry.id, ...e });
        return entry;
      },
      list: async (q) => {
        const docs = await m.Audit.find(auditListFilter(q))
          .sort(auditListSort)
          .limit(q.limit)
          .lean<AuditDoc[]>()
          .maxTimeMS(MAX_TIME_MS);
        return docs.map(auditFromDoc);
      },
    },
    // The counters eraser runs first: it reads the learner's statements and trainer record before they go.
    eraseLearner: mongoEraseLearner(conn, [
      async ({ userId, agents }, session) => ({ statsStatements: await stats.erase(userId, agents, session) }),
      ...erasers,
      ...coreMongoErasers(conn),
    ]),
    backup: async () => {
      throw new Error('Back up MongoDB with mongodump (see docs/operations.md).');
    },
    certificates: certificates.repo,
    packages: mongoPackages(conn),
    cmi5: mongoCmi5(conn),
    ping: async () => {
      await conn.db!.admin().ping();
    },
    close: async () => {
      await conn.close();
    },
  };
}
