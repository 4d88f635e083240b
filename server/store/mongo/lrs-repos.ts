import type { Connection } from 'mongoose';
import type { DocumentRepo, LrsClientRecord, LrsClientRepo, XapiDocument } from '../store.js';
import { lrsModels } from './lrs-models.js';
import { documentFilter, documentIdsFilter, documentScopeFilter } from './queries.js';

const MAX_TIME_MS = 5000;
type Binary = Buffer | { buffer: ArrayBuffer };
const toBuffer = (b: Binary) => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer));

export function mongoDocuments(conn: Connection): DocumentRepo {
  const { XapiDocument: Doc } = lrsModels(conn);
  type Row = Omit<XapiDocument, 'content'> & { content: Binary };
  return {
    get: async (key) => {
      const d = await Doc.findOne(documentFilter(key)).lean<Row>().maxTimeMS(MAX_TIME_MS);
      return d
        ? { ...key, contentType: d.contentType, content: toBuffer(d.content), etag: d.etag, updated: d.updated }
        : null;
    },
    ids: async (scope, since) =>
      (
        await Doc.find(documentIdsFilter(scope, since), { docId: 1 })
          .sort({ docId: 1 })
          .lean<{ docId: string }[]>()
          .maxTimeMS(MAX_TIME_MS)
      ).map((d) => d.docId),
    put: async (doc, expectEtag) => {
      const set = { contentType: doc.contentType, content: doc.content, etag: doc.etag, updated: doc.updated };
      if (expectEtag === undefined) {
        await Doc.updateOne(documentFilter(doc), { $set: set }, { upsert: true });
        return true;
      }
      if (expectEtag === null) {
        try {
          await Doc.create({ ...documentFilter(doc), ...set });
          return true;
        } catch (err) {
          if ((err as { code?: number }).code === 11000) return false;
          throw err;
        }
      }
      return (await Doc.updateOne(documentFilter(doc, expectEtag), { $set: set })).modifiedCount > 0;
    },
    delete: async (key, expectEtag) => (await Doc.deleteOne(documentFilter(key, expectEtag))).deletedCount > 0,
    deleteAll: async (scope) => {
      await Doc.deleteMany(documentScopeFilter(scope));
    },
  };
}

export function mongoLrsClients(conn: Connection): LrsClientRepo {
  const { LrsClient } = lrsModels(conn);
  type Row = Omit<LrsClientRecord, 'id'> & { _id: string };
  const fromDoc = ({ _id, limits, ...rest }: Row): LrsClientRecord => ({
    id: _id,
    ...rest,
    scopes: [...rest.scopes],
    ...(limits && Object.keys(limits).length > 0 ? { limits: { ...limits } } : {}),
  });
  return {
    create: async ({ id, ...rest }) => {
      await LrsClient.create({ _id: id, ...rest });
    },
    findByKey: async (key) => {
      const d = await LrsClient.findOne({ key }).lean<Row>().maxTimeMS(MAX_TIME_MS);
      return d ? fromDoc(d) : null;
    },
    list: async () =>
      (await LrsClient.find().sort({ createdAt: 1, key: 1 }).lean<Row[]>().maxTimeMS(MAX_TIME_MS)).map(fromDoc),
    revoke: async (key) => (await LrsClient.updateOne({ key }, { $set: { revoked: true } })).matchedCount > 0,
    setLimits: async (key, limits) =>
      (
        await LrsClient.updateOne(
          { key },
          Object.keys(limits).length > 0 ? { $set: { limits } } : { $unset: { limits: 1 } },
        )
      ).matchedCount > 0,
  };
}
