import type { ClientSession, Connection } from 'mongoose';
import { ConflictError } from '../../errors.js';
import { indexStatement } from '../../xapi/statement-index.js';
import type { LedgerChange, StatementRepo, StoredStatement } from '../store.js';
import { decodeKeys, encodeKeys } from './key-encoding.js';
import { ledgerModels } from './ledger-models.js';
import { voidTargetFilter } from './queries.js';

export type MongoProjector = (change: LedgerChange, voidedIds: string[], session: ClientSession) => Promise<void>;

/** Paging key: milliseconds of `stored` times 1000 plus a counter, unique and increasing in this process. */
export function seqAllocator() {
  let lastMs = 0;
  let n = 0;
  return (storedMs: number) => {
    if (storedMs > lastMs) { lastMs = storedMs; n = 0; } else { n += 1; }
    return lastMs * 1000 + n;
  };
}

export function statementDocument(statement: StoredStatement, clientId: string | null, seq: number) {
  const ix = indexStatement(statement);
  return {
    _id: ix.id, seq, stored: new Date(ix.stored), verb: ix.verb, actor: ix.actor, agents: ix.agents,
    relatedAgents: ix.relatedAgents, activity: ix.activity, relatedActivities: ix.relatedActivities,
    registration: ix.registration, targetStatement: ix.targetStatement, isVoiding: ix.isVoiding,
    voided: false, clientId, body: encodeKeys(statement),
  };
}

/** Needs a replica set: statements and projections are written in one multi-document transaction. */
export function mongoLedger(conn: Connection, projectors: MongoProjector[]) {
  const { Statement } = ledgerModels(conn);
  const nextSeq = seqAllocator();

  const record = async (change: LedgerChange) => {
    const session = await conn.startSession();
    try {
      await session.withTransaction(async () => {
        const docs = change.entries.map(({ statement, clientId }) => statementDocument(statement, clientId, nextSeq(Date.parse(statement.stored))));
        try {
          await Statement.insertMany(docs, { session, ordered: true });
        } catch (err) {
          if ((err as { code?: number }).code === 11000) throw new ConflictError('statement_exists', 'A statement with this id already exists.');
          throw err;
        }
        const voidedIds: string[] = [];
        for (const d of docs.filter((x) => x.isVoiding)) {
          const r = await Statement.updateOne(voidTargetFilter(d.targetStatement!), { $set: { voided: true } }, { session });
          if (r.modifiedCount > 0) voidedIds.push(d.targetStatement!);
        }
        for (const project of projectors) await project(change, voidedIds, session);
      });
    } finally {
      await session.endSession();
    }
  };

  type Doc = { _id: string; body: StoredStatement; voided: boolean; clientId: string | null };
  const statements: StatementRepo = {
    get: async (id) => {
      const doc = await Statement.findById(id).lean<Doc>().maxTimeMS(5000);
      return doc ? { statement: decodeKeys(doc.body), voided: doc.voided, clientId: doc.clientId } : null;
    },
    existing: async (ids) => {
      const docs = await Statement.find({ _id: { $in: ids } }).lean<Doc[]>().maxTimeMS(5000);
      return new Map(docs.map((d) => [d._id, decodeKeys(d.body)]));
    },
    count: async () => Statement.estimatedDocumentCount(),
  };

  return { record, statements, models: { Statement } };
}
