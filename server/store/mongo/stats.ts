import { profileAt, type ProfileEntry } from '../profile-history.js';
import { countedStatementsOfAgentsFilter } from './erasure-queries.js';
import type { ClientSession, Connection } from 'mongoose';
import type { LedgerChange, StatsRepo, StoredStatement, TrainerRecord } from '../store.js';
import { counterKey, type ActivityRow, type CounterRow } from '../../ledger/stats-contributions.js';
import type { StatsFact } from '../../ledger/stats-facts.js';
import type { LedgerHooks } from '../../ledger/trainer-certification.js';
import { activityKey, applyStats, emptyState, keysFor, type StatsWrites } from '../../ledger/stats-projection.js';
import { decodeKeys } from './key-encoding.js';
import type { MongoProjector } from './ledger.js';
import type { StatsModels } from './stats-models.js';
import {
  counterIncrement,
  pairFactsFilter,
  registeredUsersFilter,
  statsActivePipeline,
  statsCountsPipeline,
  yearActivityFilter,
} from './stats-queries.js';

const MAX_TIME_MS = 5000;
type FactDoc = StatsFact & { _id: string };
type TrainerDoc = Omit<TrainerRecord, 'userId'> & { _id: string };
export const trainerFromDoc = ({ _id, ...rest }: TrainerDoc): TrainerRecord => ({ userId: _id, ...rest });
const stripId = <T extends { _id: string }>({ _id, ...rest }: T) => rest;

export function mongoStats(conn: Connection, m: StatsModels, hooks: LedgerHooks = {}) {
  const Statement = conn.model('Statement');
  const User = conn.model('User');

  /** Loads what the change touches, applies the shared projection, writes the result: all in the ledger's session. */
  const project = async (
    change: LedgerChange,
    voidedIds: string[],
    session: ClientSession | null,
    extraTrainers: string[] = [],
    historical = false,
  ) => {
    const bodies = new Map<string, { statement: StoredStatement; clientId: string | null }>();
    const voidedFacts = new Map<string, StatsFact[]>();
    if (voidedIds.length) {
      const docs = await Statement.find({ _id: { $in: voidedIds } }, { body: 1, clientId: 1 })
        .session(session)
        .lean<{ _id: string; body: StoredStatement; clientId: string | null }[]>();
      for (const d of docs) bodies.set(d._id, { statement: decodeKeys(d.body), clientId: d.clientId });
      for (const f of await m.StatsFact.find({ statementId: { $in: voidedIds } })
        .session(session)
        .lean<FactDoc[]>()) {
        voidedFacts.set(f.statementId, [...(voidedFacts.get(f.statementId) ?? []), stripId(f)]);
      }
    }
    const prep = keysFor(change, { bodies, facts: voidedFacts });
    prep.keys.trainers.push(...extraTrainers);
    const { users, pairs, years, trainers } = prep.keys;
    const state = emptyState();
    for (const [id, f] of voidedFacts) state.facts.set(id, f);
    const [userDocs, factDocs, activityDocs, trainerDocs] = await Promise.all([
      users.length
        ? User.find({ _id: { $in: users } }, { country: 1, sex: 1, sector: 1, profileHistory: 1 })
            .session(session)
            .lean<{ _id: string; country: string; sex: string; sector: string; profileHistory?: ProfileEntry[] }[]>()
        : [],
      pairs.length ? m.StatsFact.find(pairFactsFilter(pairs)).session(session).lean<FactDoc[]>() : [],
      years.length
        ? m.StatsActivity.find(yearActivityFilter(years)).session(session).lean<(ActivityRow & { _id: string })[]>()
        : [],
      trainers.length
        ? m.Trainer.find({ _id: { $in: trainers } })
            .session(session)
            .lean<TrainerDoc[]>()
        : [],
    ]);
    for (const u of userDocs) state.dims.set(u._id, { country: u.country, sex: u.sex, sector: u.sector });
    // A rebuild replays history: each statement counts with the profile of the moment it was stored.
    if (historical) {
      const histories = new Map(userDocs.map((u) => [u._id, u.profileHistory ?? null]));
      const stored = new Map(change.entries.map((e) => [e.statement.id, e.statement.stored]));
      state.dimsAt = new Map();
      for (const { id, d } of prep.derived) {
        const current = d.user ? state.dims.get(d.user) : undefined;
        if (d.user && current)
          state.dimsAt.set(id, profileAt(histories.get(d.user) ?? null, current, stored.get(id) ?? ''));
      }
    }
    const byStatement = new Map<string, StatsFact[]>();
    for (const f of factDocs) byStatement.set(f.statementId, [...(byStatement.get(f.statementId) ?? []), stripId(f)]);
    for (const [id, f] of byStatement) state.facts.set(id, f);
    for (const a of activityDocs) state.activity.set(activityKey(a.user, a.course, a.month), stripId(a));
    for (const t of trainers) state.trainers.set(t, null);
    for (const t of trainerDocs) state.trainers.set(t._id, trainerFromDoc(t));
    await flush(
      applyStats(
        change,
        voidedIds,
        prep,
        state,
        extraTrainers.map((t) => `t:${t}`),
        hooks,
      ),
      session,
    );
  };

  const flush = async (w: StatsWrites, session: ClientSession | null) => {
    const o = { session: session ?? undefined, ordered: false };
    const facts = [
      ...w.factsDeleted.map((id) => ({ deleteMany: { filter: { statementId: id } } })),
      ...w.factsPut.map((f) => ({
        replaceOne: {
          filter: { _id: `${f.statementId}|${f.kind}|${f.detail}` },
          replacement: { _id: `${f.statementId}|${f.kind}|${f.detail}`, ...f },
          upsert: true,
        },
      })),
    ];
    if (facts.length) await m.StatsFact.bulkWrite(facts as never, { ...o, ordered: true });
    const activity = [...w.activity].map(([key, r]) =>
      r.n > 0
        ? { replaceOne: { filter: { _id: key }, replacement: { _id: key, ...r }, upsert: true } }
        : { deleteOne: { filter: { _id: key } } },
    );
    if (activity.length) await m.StatsActivity.bulkWrite(activity as never, o);
    const counts = [...w.counts].map(([k, row]) => counterIncrement(k, row));
    if (counts.length) await m.StatsCount.bulkWrite(counts as never, o);
    for (const { userId, ...t } of w.trainers)
      await m.Trainer.replaceOne({ _id: userId }, t, { upsert: true, session: session ?? undefined });
    for (const { userId, trainer } of w.roles) {
      await User.updateOne(
        { _id: userId },
        trainer ? { $addToSet: { roles: 'trainer' } } : { $pull: { roles: 'trainer' } },
        { session: session ?? undefined },
      );
    }
  };

  const projector: MongoProjector = (change, voidedIds, session) => project(change, voidedIds, session);

  /** An erased learner's contributions leave the counters by the voiding path (see sqlite/stats.ts). */
  const erase = async (userId: string, agents: readonly string[], session: ClientSession) => {
    const ids =
      agents.length === 0
        ? []
        : (
            await Statement.find(countedStatementsOfAgentsFilter(agents), { _id: 1 })
              .session(session)
              .lean<{ _id: string }[]>()
          ).map((d) => d._id);
    const trainer = (await m.Trainer.exists({ _id: userId }).session(session))
      ? [{ action: 'withdraw' as const, userId, at: new Date(), reason: 'erased' }]
      : [];
    if (ids.length || trainer.length) await project({ entries: [], trainers: trainer }, ids, session);
    return ids.length;
  };

  const repo: StatsRepo = {
    counts: async (q) => m.StatsCount.aggregate(statsCountsPipeline(q) as never).option({ maxTimeMS: MAX_TIME_MS }),
    activeLearners: async (q) =>
      m.StatsActivity.aggregate(statsActivePipeline(q) as never).option({ maxTimeMS: MAX_TIME_MS }),
    registeredUsers: async (q) => User.countDocuments(registeredUsersFilter(q)).maxTimeMS(MAX_TIME_MS),
    // The rebuild runs outside a transaction (it may be far larger than one); run it while the platform is quiet.
    rebuild: async () => {
      for (const model of [m.StatsFact, m.StatsActivity, m.StatsCount] as unknown as {
        deleteMany(f: object): Promise<unknown>;
      }[])
        await model.deleteMany({});
      let after = -1;
      for (;;) {
        const docs = await Statement.find({ seq: { $gt: after }, isVoiding: false, voided: false })
          .sort({ seq: 1 })
          .limit(2000)
          .lean<{ seq: number; body: StoredStatement; clientId: string | null }[]>();
        if (docs.length === 0) break;
        await project(
          { entries: docs.map((d) => ({ statement: decodeKeys(d.body), clientId: d.clientId })) },
          [],
          null,
          [],
          true,
        );
        after = docs[docs.length - 1]!.seq;
      }
      const trainers = (await m.Trainer.find({}, { _id: 1 }).lean<{ _id: string }[]>()).map((t) => t._id);
      await project({ entries: [] }, [], null, trainers);
    },
    dump: async () =>
      (await m.StatsCount.find({ n: { $ne: 0 } }).lean<(CounterRow & { n: number })[]>())
        .map((r) => `${counterKey(r)}|${r.n}`)
        .sort(),
  };
  return { projector, repo, erase };
}
