import type { Database } from 'better-sqlite3';
import type { DocumentKey, DocumentRepo, DocumentScope, XapiDocument } from '../store.js';

interface DocRow {
  content_type: string;
  content: Buffer;
  etag: string;
  updated: number;
}
const KEY = 'kind = @kind AND activity_id = @activityId AND agent = @agent AND registration = @registration';

export function sqliteDocuments(db: Database): DocumentRepo {
  const get = db.prepare(
    `SELECT content_type, content, etag, updated FROM xapi_documents WHERE ${KEY} AND doc_id = @docId`,
  );
  const ids = db.prepare(`SELECT doc_id FROM xapi_documents WHERE ${KEY} AND updated > @since ORDER BY doc_id`).pluck();
  const upsert =
    db.prepare(`INSERT INTO xapi_documents (kind, activity_id, agent, registration, doc_id, content_type, content, etag, updated)
    VALUES (@kind, @activityId, @agent, @registration, @docId, @contentType, @content, @etag, @updated)
    ON CONFLICT DO UPDATE SET content_type = excluded.content_type, content = excluded.content, etag = excluded.etag, updated = excluded.updated`);
  const create =
    db.prepare(`INSERT OR IGNORE INTO xapi_documents (kind, activity_id, agent, registration, doc_id, content_type, content, etag, updated)
    VALUES (@kind, @activityId, @agent, @registration, @docId, @contentType, @content, @etag, @updated)`);
  const replace =
    db.prepare(`UPDATE xapi_documents SET content_type = @contentType, content = @content, etag = @etag, updated = @updated
    WHERE ${KEY} AND doc_id = @docId AND etag = @expect`);
  const del = db.prepare(`DELETE FROM xapi_documents WHERE ${KEY} AND doc_id = @docId`);
  const delIf = db.prepare(`DELETE FROM xapi_documents WHERE ${KEY} AND doc_id = @docId AND etag = @expect`);
  const delAll = db.prepare(`DELETE FROM xapi_documents WHERE ${KEY}`);
  const keyOf = (k: DocumentScope) => ({
    kind: k.kind,
    activityId: k.activityId,
    agent: k.agent,
    registration: k.registration,
  });

  return {
    get: async (key: DocumentKey) => {
      const row = get.get({ ...keyOf(key), docId: key.docId }) as DocRow | undefined;
      return row
        ? {
            ...key,
            contentType: row.content_type,
            content: row.content,
            etag: row.etag,
            updated: new Date(row.updated),
          }
        : null;
    },
    ids: async (scope, since) => ids.all({ ...keyOf(scope), since: since ? since.getTime() : -1 }) as string[],
    put: async (doc: XapiDocument, expectEtag?: string | null) => {
      const params = {
        ...keyOf(doc),
        docId: doc.docId,
        contentType: doc.contentType,
        content: doc.content,
        etag: doc.etag,
        updated: doc.updated.getTime(),
      };
      if (expectEtag === undefined) {
        upsert.run(params);
        return true;
      }
      if (expectEtag === null) return create.run(params).changes > 0;
      return replace.run({ ...params, expect: expectEtag }).changes > 0;
    },
    delete: async (key, expectEtag) => {
      const params = { ...keyOf(key), docId: key.docId };
      return (expectEtag === undefined ? del.run(params) : delIf.run({ ...params, expect: expectEtag })).changes > 0;
    },
    deleteAll: async (scope) => {
      delAll.run(keyOf(scope));
    },
  };
}
