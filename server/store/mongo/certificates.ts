import type { ClientSession, Connection } from 'mongoose';
import { ConflictError } from '../../errors.js';
import type { CertificateRecord, CertificateRepo } from '../store.js';
import { certificateModels } from './certificate-models.js';
import type { MongoProjector } from './ledger.js';
import { certificateListFilter, certificateListSort, certificateRevokeFilter } from './queries.js';

const MAX_TIME_MS = 5000;
type CertificateDoc = Omit<CertificateRecord, 'id'> & { _id: string };
export const certificateFromDoc = ({ _id, ...rest }: CertificateDoc): CertificateRecord => ({
  id: _id,
  ...rest,
  languages: [...rest.languages],
  courseTitle: { ...rest.courseTitle },
});

export function mongoCertificates(conn: Connection) {
  const { Certificate } = certificateModels(conn);
  const one = async (filter: Record<string, unknown>) => {
    const doc = await Certificate.findOne(filter).lean<CertificateDoc>().maxTimeMS(MAX_TIME_MS);
    return doc ? certificateFromDoc(doc) : null;
  };

  const projector: MongoProjector = async (change, _voided, session: ClientSession) => {
    const docs = (change.certificates ?? []).map(({ id, ...c }) => ({ _id: id, ...c }));
    if (docs.length === 0) return;
    try {
      await Certificate.insertMany(docs, { session, ordered: true });
    } catch (err) {
      if ((err as { code?: number }).code === 11000)
        throw new ConflictError(
          'already_recorded',
          'A certificate for this course was already issued to this learner.',
        );
      throw err;
    }
  };

  const repo: CertificateRepo = {
    findById: (id) => one({ _id: id }),
    findByCode: (code) => one({ code }),
    findForUserCourse: (userId, courseSlug) => one({ userId, courseSlug }),
    listForUser: async (userId) => {
      const docs = await Certificate.find({ userId })
        .sort(certificateListSort)
        .lean<CertificateDoc[]>()
        .maxTimeMS(MAX_TIME_MS);
      return docs.map(certificateFromDoc);
    },
    list: async ({ limit, before }) => {
      const docs = await Certificate.find(certificateListFilter(before))
        .sort(certificateListSort)
        .limit(limit)
        .lean<CertificateDoc[]>()
        .maxTimeMS(MAX_TIME_MS);
      return docs.map(certificateFromDoc);
    },
    revoke: async (id, { at, by, reason }) => {
      await Certificate.updateOne(certificateRevokeFilter(id), {
        $set: { revokedAt: at, revokedBy: by, revokedReason: reason },
      });
      return one({ _id: id });
    },
    reinstate: async (id) => {
      await Certificate.updateOne({ _id: id }, { $set: { revokedAt: null, revokedBy: null, revokedReason: null } });
      return one({ _id: id });
    },
  };
  return { repo, projector, models: { Certificate } };
}
