import type { Database } from 'better-sqlite3';
import { ConflictError } from '../../errors.js';
import { indexStatement } from '../../ledger/statement-index.js';
import { mergeDefinition } from '../../ledger/definition-merge.js';
import { stringifyJson } from '../../ledger/json-text.js';
import type { LedgerChange, StatementRepo, StoredStatement } from '../store.js';
import { statementQuerySql } from './statement-sql.js';

/**
 * A projection kept in step with the ledger: called inside the same transaction with what was
 * inserted and which statement ids were voided by it.
 */
export type SqliteProjector = (change: LedgerChange, voidedIds: string[]) => void;

export function sqliteLedger(db: Database, projectors: SqliteProjector[]) {
  const insert = db.prepare(`INSERT INTO statements (id, stored, timestamp, verb, actor, activity, registration,
    target_statement, is_voiding, client_id, body) VALUES (@id, @stored, @timestamp, @verb, @actor, @activity,
    @registration, @targetStatement, @isVoiding, @clientId, @body)`);
  const insertAgent = db.prepare('INSERT OR IGNORE INTO statement_agents (agent, seq, direct) VALUES (?, ?, ?)');
  const insertActivity = db.prepare('INSERT OR IGNORE INTO statement_activities (activity, seq) VALUES (?, ?)');
  // xAPI 2.2.2: a voiding statement cannot void another voiding statement.
  const markVoided = db.prepare('UPDATE statements SET voided = 1 WHERE id = ? AND is_voiding = 0 AND voided = 0');

  const insertAttachment = db.prepare(
    'INSERT OR IGNORE INTO xapi_attachments (sha2, content_type, content) VALUES (?, ?, ?)',
  );
  const insertCarrier = db.prepare('INSERT OR IGNORE INTO xapi_attachment_carriers (sha2, client_id) VALUES (?, ?)');
  const getDefinition = db.prepare('SELECT definition FROM xapi_activities WHERE id = ?').pluck();
  const putDefinition = db.prepare(
    'INSERT INTO xapi_activities (id, definition) VALUES (?, ?) ON CONFLICT DO UPDATE SET definition = excluded.definition',
  );

  // `stored` never goes backwards in seq order (xAPI lets the LRS choose it): a request that read the
  // clock before another one committed gets the later time. A stored window is then a seq range.
  let lastStored = (db.prepare('SELECT max(stored) FROM statements').pluck().get() as number | null) ?? 0;
  const monotonicStored = (statement: StoredStatement): number => {
    const ms = Date.parse(statement.stored);
    if (ms >= lastStored) return (lastStored = ms);
    statement.stored = new Date(lastStored).toISOString();
    return lastStored;
  };

  const write = db.transaction((change: LedgerChange) => {
    const voidedIds: string[] = [];
    const carriers = new Set(change.entries.map((e) => e.clientId ?? ''));
    for (const a of change.attachments ?? []) {
      insertAttachment.run(a.sha2, a.contentType, a.content);
      for (const clientId of carriers) insertCarrier.run(a.sha2, clientId);
    }
    for (const { activityId, definition } of change.definitions ?? []) {
      const old = getDefinition.get(activityId) as string | undefined;
      putDefinition.run(activityId, stringifyJson(mergeDefinition(old ? JSON.parse(old) : {}, definition)));
    }
    for (const { statement, clientId } of change.entries) {
      const storedMs = monotonicStored(statement);
      const ix = indexStatement(statement);
      let seq: number;
      try {
        seq = Number(
          insert.run({
            id: ix.id,
            stored: storedMs,
            timestamp: ix.timestamp,
            verb: ix.verb,
            actor: ix.actor,
            activity: ix.activity,
            registration: ix.registration,
            targetStatement: ix.targetStatement,
            isVoiding: ix.isVoiding ? 1 : 0,
            clientId,
            body: stringifyJson(statement),
          }).lastInsertRowid,
        );
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
          throw new ConflictError('statement_exists', `Statement ${ix.id} already exists.`);
        throw err;
      }
      const direct = new Set(ix.agents);
      for (const agent of ix.relatedAgents) insertAgent.run(agent, seq, direct.has(agent) ? 1 : 0);
      for (const activity of ix.relatedActivities) insertActivity.run(activity, seq);
      if (ix.isVoiding && markVoided.run(ix.targetStatement).changes > 0) voidedIds.push(ix.targetStatement!);
    }
    for (const project of projectors) project(change, voidedIds);
  });

  const byId = db.prepare('SELECT body, voided, client_id FROM statements WHERE id = ?');
  const statements: StatementRepo = {
    get: async (id) => {
      const row = byId.get(id) as { body: string; voided: number; client_id: string | null } | undefined;
      return row
        ? { statement: JSON.parse(row.body) as StoredStatement, voided: row.voided === 1, clientId: row.client_id }
        : null;
    },
    existing: async (ids) => {
      const found = new Map<string, StoredStatement>();
      for (const id of ids) {
        const row = byId.get(id) as { body: string } | undefined;
        if (row) found.set(id, JSON.parse(row.body) as StoredStatement);
      }
      return found;
    },
    count: async () => (db.prepare('SELECT count(*) AS n FROM statements').get() as { n: number }).n,
    query: async (q) => {
      const { sql, params } = statementQuerySql(q);
      const rows = db.prepare(sql).all(...params) as { seq: number; body: string }[];
      const page = rows.slice(0, q.limit);
      return {
        statements: page.map((r) => JSON.parse(r.body) as StoredStatement),
        nextSeq: rows.length > q.limit ? (page[page.length - 1]?.seq ?? null) : null,
      };
    },
    attachment: async (sha2, carriedBy) => {
      const row = (
        carriedBy === undefined
          ? db.prepare('SELECT content_type, content FROM xapi_attachments WHERE sha2 = ?').get(sha2)
          : db
              .prepare(`SELECT content_type, content FROM xapi_attachments a WHERE sha2 = ?
                AND EXISTS (SELECT 1 FROM xapi_attachment_carriers c WHERE c.sha2 = a.sha2 AND c.client_id = ?)`)
              .get(sha2, carriedBy ?? '')
      ) as { content_type: string; content: Buffer } | undefined;
      return row ? { sha2, contentType: row.content_type, content: row.content } : null;
    },
    activity: async (id) => {
      const def = getDefinition.get(id) as string | undefined;
      return def ? (JSON.parse(def) as Record<string, unknown>) : null;
    },
  };

  return {
    record: async (change: LedgerChange) => {
      write.immediate(change); // the write lock first: another process writing in between cannot void this snapshot
    },
    statements,
  };
}
