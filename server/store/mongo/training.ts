import type { ClientSession } from 'mongoose';
import type { DeliveredSession, LedgerChange, TrainingRepo } from '../store.js';
import { trainerFromDoc } from './stats.js';
import type { StatsModels } from './stats-models.js';
import { sessionsListFilter, sessionsListSort, trainersListFilter, trainersListSort } from './stats-queries.js';

type SessionDoc = Omit<DeliveredSession, 'id'> & { _id: string };
const sessionFromDoc = ({ _id, ...rest }: SessionDoc): DeliveredSession => ({ id: _id, ...rest });

export function mongoTraining(m: StatsModels) {
  const projector = async (change: LedgerChange, _voided: string[], session: ClientSession) => {
    for (const { id, ...s } of change.deliveredSessions?.put ?? [])
      await m.DeliveredSession.replaceOne({ _id: id }, s, { upsert: true, session });
    const remove = change.deliveredSessions?.remove ?? [];
    if (remove.length) await m.DeliveredSession.deleteMany({ _id: { $in: remove } }, { session });
  };
  const repo: TrainingRepo = {
    trainer: async (userId) => {
      const doc = await m.Trainer.findById(userId).lean<Parameters<typeof trainerFromDoc>[0]>().maxTimeMS(5000);
      return doc ? trainerFromDoc(doc) : null;
    },
    listTrainers: async (q) =>
      (
        await m.Trainer.find(trainersListFilter(q.includeWithdrawn))
          .sort(trainersListSort)
          .limit(q.limit)
          .lean<Parameters<typeof trainerFromDoc>[0][]>()
          .maxTimeMS(5000)
      ).map(trainerFromDoc),
    session: async (id) => {
      const doc = await m.DeliveredSession.findById(id).lean<SessionDoc>().maxTimeMS(5000);
      return doc ? sessionFromDoc(doc) : null;
    },
    listSessions: async (q) =>
      (
        await m.DeliveredSession.find(sessionsListFilter(q))
          .sort(sessionsListSort)
          .limit(q.limit)
          .lean<SessionDoc[]>()
          .maxTimeMS(5000)
      ).map(sessionFromDoc),
  };
  return { projector, repo };
}
