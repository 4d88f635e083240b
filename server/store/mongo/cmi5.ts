import { type Connection, type Model, Schema } from 'mongoose';
import type { Cmi5SessionRecord, Cmi5SessionRepo } from '../store.js';

const MAX_TIME_MS = 5000;

export const cmi5SessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    registration: { type: String, required: true },
    userId: { type: String, required: true },
    slug: { type: String, required: true },
    version: { type: Number, required: true },
    auId: { type: String, required: true },
    moduleId: { type: String, required: true },
    lessonId: { type: String, required: true },
    launchMode: { type: String, required: true, enum: ['Normal', 'Browse', 'Review'] },
    language: { type: String, required: true },
    launchedAt: { type: Date, required: true },
    fetchedAt: { type: Date, default: null },
    terminatedAt: { type: Date, default: null },
    abandonedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'cmi5_sessions' },
);
cmi5SessionSchema.index({ registration: 1, auId: 1, launchedAt: 1 });
cmi5SessionSchema.index({ userId: 1 });

/** Pure filters and updates, run by mingo in unit tests. */
export const cmi5Queries = {
  unfetched: (id: string) => ({ _id: id, fetchedAt: null }),
  notTerminated: (id: string) => ({ _id: id, terminatedAt: null }),
  notEnded: (id: string) => ({ _id: id, terminatedAt: null, abandonedAt: null }),
  open: (registration: string, auId: string) => ({ registration, auId, terminatedAt: null, abandonedAt: null }),
  openSort: { launchedAt: 1 } as const,
};

type Doc = Omit<Cmi5SessionRecord, 'id'> & { _id: string };
const fromDoc = ({ _id, ...rest }: Doc): Cmi5SessionRecord => ({ id: _id, ...rest });

export function mongoCmi5(conn: Connection): Cmi5SessionRepo {
  const Session: Model<Doc> = conn.models.Cmi5Session ?? conn.model<Doc>('Cmi5Session', cmi5SessionSchema);
  return {
    create: async ({ id, ...rest }) => {
      await Session.create({ _id: id, ...rest });
    },
    find: async (id) => {
      const d = await Session.findById(id).lean<Doc>().maxTimeMS(MAX_TIME_MS);
      return d ? fromDoc(d) : null;
    },
    claimFetch: async (id, at) =>
      (await Session.updateOne(cmi5Queries.unfetched(id), { $set: { fetchedAt: at } })).modifiedCount === 1,
    end: async (id, how, at) => {
      if (how === 'terminated') await Session.updateOne(cmi5Queries.notTerminated(id), { $set: { terminatedAt: at } });
      else await Session.updateOne(cmi5Queries.notEnded(id), { $set: { abandonedAt: at } });
    },
    open: async (registration, auId) =>
      (
        await Session.find(cmi5Queries.open(registration, auId))
          .sort(cmi5Queries.openSort)
          .lean<Doc[]>()
          .maxTimeMS(MAX_TIME_MS)
      ).map(fromDoc),
  };
}
