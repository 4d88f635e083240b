import { type Connection, type Model, Schema } from 'mongoose';
import type { Cmi5SessionRecord, Cmi5SessionRepo } from '../store.js';

const MAX_TIME_MS = 5000;

export const cmi5SessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    registration: { type: String, required: true },
    userId: { type: String, default: null },
    actor: { type: Schema.Types.Mixed, default: null },
    slug: { type: String, required: true },
    version: { type: Number, required: true },
    auId: { type: String, required: true },
    activityId: { type: String, required: true },
    moduleId: { type: String, required: true },
    lessonId: { type: String, required: true },
    launchMode: { type: String, required: true, enum: ['Normal', 'Browse', 'Review'] },
    language: { type: String, required: true },
    launchedAt: { type: Date, required: true },
    fetchedAt: { type: Date, default: null },
    prefsAt: { type: Date, default: null },
    initializedAt: { type: Date, default: null },
    activeAt: { type: Date, required: true },
    terminatedAt: { type: Date, default: null },
    abandonedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'cmi5_sessions', minimize: false },
);
cmi5SessionSchema.index({ registration: 1, auId: 1, launchedAt: 1 });
cmi5SessionSchema.index({ registration: 1, launchedAt: 1 });
cmi5SessionSchema.index({ activeAt: 1 }, { partialFilterExpression: { terminatedAt: null, abandonedAt: null } });
cmi5SessionSchema.index({ userId: 1 });

/** Pure filters and updates, run by mingo in unit tests. */
export const cmi5Queries = {
  unfetched: (id: string) => ({ _id: id, fetchedAt: null }),
  notEnded: (id: string) => ({ _id: id, terminatedAt: null, abandonedAt: null }),
  unmarked: (id: string, field: 'prefsAt' | 'initializedAt') => ({ _id: id, [field]: null }),
  open: (registration: string, auId: string) => ({ registration, auId, terminatedAt: null, abandonedAt: null }),
  openSort: { launchedAt: 1 } as const,
  idle: (before: Date) => ({ terminatedAt: null, abandonedAt: null, activeAt: { $lt: before } }),
  idleSort: { activeAt: 1 } as const,
  /** Activity only moves forward. */
  touch: (at: Date) => ({ $max: { activeAt: at } }),
};

type Doc = Omit<Cmi5SessionRecord, 'id'> & { _id: string };
const fromDoc = ({ _id, ...rest }: Doc): Cmi5SessionRecord => ({ id: _id, ...rest });

export function mongoCmi5(conn: Connection): Cmi5SessionRepo {
  const Session: Model<Doc> = conn.models.Cmi5Session ?? conn.model<Doc>('Cmi5Session', cmi5SessionSchema);
  const list = async (filter: object, sort: Record<string, 1>, limit = 0) =>
    (await Session.find(filter).sort(sort).limit(limit).lean<Doc[]>().maxTimeMS(MAX_TIME_MS)).map(fromDoc);
  return {
    create: async ({ id, ...rest }) => {
      await Session.create({ _id: id, ...rest });
    },
    find: async (id) => {
      const d = await Session.findById(id).lean<Doc>().maxTimeMS(MAX_TIME_MS);
      return d ? fromDoc(d) : null;
    },
    claimFetch: async (id, at) =>
      (await Session.updateOne(cmi5Queries.unfetched(id), { $set: { fetchedAt: at }, ...cmi5Queries.touch(at) }))
        .modifiedCount === 1,
    mark: async (id, what, at) => {
      const field = what === 'prefs' ? 'prefsAt' : 'initializedAt';
      await Session.updateOne(cmi5Queries.unmarked(id, field), { $set: { [field]: at } });
      await Session.updateOne({ _id: id }, cmi5Queries.touch(at));
    },
    touch: async (id, at) => {
      await Session.updateOne({ _id: id }, cmi5Queries.touch(at));
    },
    end: async (id, how, at) =>
      (
        await Session.updateOne(
          cmi5Queries.notEnded(id),
          how === 'terminated'
            ? { $set: { terminatedAt: at }, ...cmi5Queries.touch(at) }
            : { $set: { abandonedAt: at } },
        )
      ).modifiedCount === 1,
    open: (registration, auId) => list(cmi5Queries.open(registration, auId), cmi5Queries.openSort),
    firstOf: async (registration) => (await list({ registration }, cmi5Queries.openSort, 1))[0] ?? null,
    idle: (before, limit) => list(cmi5Queries.idle(before), cmi5Queries.idleSort, limit),
  };
}
