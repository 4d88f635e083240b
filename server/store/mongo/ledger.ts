import type { ClientSession, Connection } from 'mongoose';
import { ConflictError } from '../../errors.js';
import { indexStatement } from '../../ledger/statement-index.js';
import type { LedgerChange, StatementRepo, StoredStatement } from '../store.js';
import { decodeKeys, encodeKeys } from './key-encoding.js';
import { ledgerModels } from './ledger-models.js';
import { mergeDefinition } from '../../ledger/definition-merge.js';
import { lrsModels } from './lrs-models.js';
import {
  attachmentFilter,
  attachmentUpsert,
  statementMatchFilter,
  statementQueryFilter,
  statementQuerySort,
  voidTargetFilter,
} from './queries.js';

export type MongoProjector = (change: LedgerChange, voidedIds: string[], session: ClientSession) => Promise<void>;

/** Paging key: milliseconds of `stored` times 1000 plus a counter, unique and increasing in this process. */
export function seqAllocator() {
  let lastMs = 0;
  let n = 0;
  return (storedMs: number) => {
    if (storedMs > lastMs) {
      lastMs = storedMs;
      n = 0;
    } else {
      n += 1;
    }
    return lastMs * 1000 + n;
  };
}

export function statementDocument(statement: StoredStatement, clientId: string | null, seq: number) {
  const ix = indexStatement(statement);
  return {
    _id: ix.id,
    seq,
    stored: new Date(ix.stored),
    verb: ix.verb,
    actor: ix.actor,
    agents: ix.agents,
    relatedAgents: ix.relatedAgents,
    activity: ix.activity,
    relatedActivities: ix.relatedActivities,
    registration: ix.registration,
    targetStatement: ix.targetStatement,
    isVoiding: ix.isVoiding,
    voided: false,
    referenced: false,
    clientId,
    body: encodeKeys(statement),
  };
}

/** Needs a replica set: statements and projections are written in one multi-document transaction. */
export function mongoLedger(conn: Connection, projectors: MongoProjector[]) {
  const { Statement } = ledgerModels(conn);
  const { Attachment, Activity } = lrsModels(conn);
  const nextSeq = seqAllocator();

  const record = async (change: LedgerChange) => {
    const session = await conn.startSession();
    try {
      await session.withTransaction(async () => {
        const docs = change.entries.map(({ statement, clientId }) =>
          statementDocument(statement, clientId, nextSeq(Date.parse(statement.stored))),
        );
        try {
          await Statement.insertMany(docs, { session, ordered: true });
        } catch (err) {
          if ((err as { code?: number }).code === 11000)
            throw new ConflictError('statement_exists', 'A statement with this id already exists.');
          throw err;
        }
        const voidedIds: string[] = [];
        const targets = docs.filter((x) => x.targetStatement).map((x) => x.targetStatement!);
        if (targets.length > 0)
          await Statement.updateMany({ _id: { $in: targets } }, { $set: { referenced: true } }, { session });
        const carriers = [...new Set(change.entries.map((e) => e.clientId ?? ''))];
        for (const a of change.attachments ?? []) {
          await Attachment.updateOne(attachmentFilter(a.sha2), attachmentUpsert(a, carriers), {
            upsert: true,
            session,
          });
        }
        for (const { activityId, definition } of change.definitions ?? []) {
          const old = await Activity.findById(activityId)
            .session(session)
            .lean<{ definition: Record<string, unknown> }>();
          const merged = mergeDefinition(old ? decodeKeys(old.definition) : {}, definition);
          await Activity.updateOne(
            { _id: activityId },
            { $set: { definition: encodeKeys(merged) } },
            { upsert: true, session },
          );
        }
        for (const d of docs.filter((x) => x.isVoiding)) {
          const r = await Statement.updateOne(
            voidTargetFilter(d.targetStatement!),
            { $set: { voided: true } },
            { session },
          );
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
      const docs = await Statement.find({ _id: { $in: ids } })
        .lean<Doc[]>()
        .maxTimeMS(5000);
      return new Map(docs.map((d) => [d._id, decodeKeys(d.body)]));
    },
    count: async () => Statement.estimatedDocumentCount(),
    query: async (q) => {
      const match = statementMatchFilter(q);
      const referenced =
        Object.keys(match).length === 0
          ? []
          : (
              await Statement.find({ ...match, referenced: true }, { _id: 1 })
                .lean<{ _id: string }[]>()
                .maxTimeMS(5000)
            ).map((d) => d._id);
      const docs = await Statement.find(statementQueryFilter(q, referenced), { body: 1, seq: 1 })
        .sort(statementQuerySort(q))
        .limit(q.limit + 1)
        .lean<{ body: StoredStatement; seq: number }[]>()
        .maxTimeMS(5000);
      const page = docs.slice(0, q.limit);
      return {
        statements: page.map((d) => decodeKeys(d.body)),
        nextSeq: docs.length > q.limit ? (page[page.length - 1]?.seq ?? null) : null,
      };
    },
    attachment: async (sha2, carriedBy) => {
      const doc = await Attachment.findOne(attachmentFilter(sha2, carriedBy))
        .lean<{ contentType: string; content: { buffer: ArrayBuffer } | Buffer }>()
        .maxTimeMS(5000);
      return doc
        ? {
            sha2,
            contentType: doc.contentType,
            content: Buffer.isBuffer(doc.content)
              ? doc.content
              : Buffer.from((doc.content as { buffer: ArrayBuffer }).buffer),
          }
        : null;
    },
    activity: async (id) => {
      const doc = await Activity.findById(id).lean<{ definition: Record<string, unknown> }>().maxTimeMS(5000);
      return doc ? decodeKeys(doc.definition) : null;
    },
  };

  return { record, statements, models: { Statement, Attachment, Activity } };
}
