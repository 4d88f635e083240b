import { ifiKey } from '../ledger/statement-index.js';
import type { StatementObject } from '../ledger/statement.js';
import type { Cmi5Actor, Store, StoredStatement } from '../store/store.js';
import { etagOf } from '../xapi/document-service.js';

export const verbOf = (st: StoredStatement) => st.verb.id;
const idOf = (o: StatementObject) => ('id' in o && typeof o.id === 'string' ? o.id : '');
export const objectOf = (st: StoredStatement) => idOf(st.object);

/** What the cmi5 LMS reads and writes in the LRS for a registration: its statements, its documents. */
export function cmi5Records(store: Store, now: () => Date) {
  return {
    /** Every statement of the registration, in stored order, page by page. */
    async registrationStatements(registration: string): Promise<StoredStatement[]> {
      const out: StoredStatement[] = [];
      let afterSeq: number | undefined;
      for (;;) {
        const page = await store.statements.query({ registration, ascending: true, limit: 500, afterSeq });
        out.push(...page.statements);
        if (page.nextSeq === null) return out;
        afterSeq = page.nextSeq;
      }
    },
    /** Writes a JSON document the LMS owns (LMS.LaunchData, cmi5LearnerPreferences). */
    async putDocument(
      kind: 'state' | 'agent_profile',
      doc: { docId: string; actor: Cmi5Actor; value: unknown; activityId?: string; registration?: string },
    ): Promise<void> {
      const content = Buffer.from(JSON.stringify(doc.value));
      await store.documents.put({
        kind,
        activityId: doc.activityId ?? '',
        agent: ifiKey(doc.actor) ?? '',
        registration: doc.registration ?? '',
        docId: doc.docId,
        contentType: 'application/json',
        content,
        etag: etagOf(content),
        updated: now(),
      });
    },
  };
}
