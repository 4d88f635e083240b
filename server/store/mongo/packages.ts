import { type Connection, type Model, Schema } from 'mongoose';
import { NotFoundError } from '../../errors.js';
import type { PackageRepo, PackageVersionRecord } from '../store.js';

const MAX_TIME_MS = 5000;

export const packageSchema = new Schema(
  {
    _id: { type: String, required: true }, // slug@version
    slug: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    kind: { type: String, required: true, enum: ['cmi5', 'scorm', 'praxis'] },
    sourceId: { type: String, required: true },
    title: { type: Schema.Types.Mixed, required: true },
    description: { type: Schema.Types.Mixed, default: {} },
    languages: { type: [String], default: [] },
    defaultLanguage: { type: String, required: true },
    structure: { type: Schema.Types.Mixed, required: true },
    files: { type: Number, required: true },
    bytes: { type: Number, required: true },
    importedAt: { type: Date, required: true },
    importedBy: { type: String, default: null },
    current: { type: Boolean, required: true },
  },
  { versionKey: false, collection: 'packages', minimize: false },
);
packageSchema.index({ slug: 1, version: -1 });
packageSchema.index({ slug: 1 }, { unique: true, partialFilterExpression: { current: true } });
packageSchema.index({ kind: 1, sourceId: 1 });

/** Every filter and sort the adapter sends, pure, so mingo runs them in unit tests. */
export const packageQueries = {
  version: (slug: string, version: number) => ({ slug, version }),
  versions: (slug: string) => ({ slug }),
  versionsSort: { version: -1 } as const,
  current: () => ({ current: true }),
  currentSort: { slug: 1 } as const,
  source: (kind: PackageVersionRecord['kind'], sourceId: string) => ({ kind, sourceId }),
  currentOf: (slug: string) => ({ slug, current: true }),
};

type Doc = PackageVersionRecord & { _id: string };
const fromDoc = ({ _id, ...rest }: Doc): PackageVersionRecord => rest;

export function mongoPackages(conn: Connection): PackageRepo {
  const Package: Model<Doc> = conn.models.Package ?? conn.model<Doc>('Package', packageSchema);
  return {
    add: async (r) => {
      await conn.transaction(async (session) => {
        if (r.current)
          await Package.updateMany(packageQueries.currentOf(r.slug), { $set: { current: false } }, { session });
        await Package.create([{ _id: `${r.slug}@${r.version}`, ...r }], { session });
      });
      return r;
    },
    find: async (slug, version) => {
      const doc = await Package.findOne(packageQueries.version(slug, version)).lean<Doc>().maxTimeMS(MAX_TIME_MS);
      return doc ? fromDoc(doc) : null;
    },
    versions: async (slug) =>
      (
        await Package.find(packageQueries.versions(slug))
          .sort(packageQueries.versionsSort)
          .lean<Doc[]>()
          .maxTimeMS(MAX_TIME_MS)
      ).map(fromDoc),
    listCurrent: async () =>
      (
        await Package.find(packageQueries.current())
          .sort(packageQueries.currentSort)
          .lean<Doc[]>()
          .maxTimeMS(MAX_TIME_MS)
      ).map(fromDoc),
    slugOfSource: async (kind, sourceId) =>
      (await Package.findOne(packageQueries.source(kind, sourceId)).lean<Doc>().maxTimeMS(MAX_TIME_MS))?.slug ?? null,
    setCurrent: async (slug, version) => {
      await conn.transaction(async (session) => {
        const exists = await Package.exists(packageQueries.version(slug, version)).session(session);
        if (!exists) throw new NotFoundError('package_version_not_found', `No version ${version} of ${slug}.`);
        await Package.updateMany(packageQueries.currentOf(slug), { $set: { current: false } }, { session });
        await Package.updateOne(packageQueries.version(slug, version), { $set: { current: true } }, { session });
      });
    },
  };
}
