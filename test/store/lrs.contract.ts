import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentKey, Store } from '../../server/store/store.js';
import { aStoredStatement } from './store.contract.js';

const actorOf = (name: string) => ({ objectType: 'Agent', account: { homePage: 'https://praxis.test', name } });

/** Statement queries, attachments, activities, documents and LRS clients, the same for every adapter. */
export function lrsContract(name: string, open: () => Promise<Store>) {
  describe(`LRS contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('queries newest first, pages with a cursor, leaves voided statements out but returns the voiding one', async () => {
      const s = [1, 2, 3].map(() => aStoredStatement({ actor: actorOf('ada') }));
      for (const st of s) await store.record({ entries: [{ statement: st, clientId: null }] });
      const voiding = aStoredStatement({
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: s[0].id },
      });
      await store.record({ entries: [{ statement: voiding, clientId: null }] });

      const first = await store.statements.query({ agent: 'account:https://praxis.test|ada', limit: 2 });
      const second = await store.statements.query({
        agent: 'account:https://praxis.test|ada',
        limit: 5,
        afterSeq: first.nextSeq!,
      });

      expect(first.statements.map((x) => x.id)).toEqual([voiding.id, s[2].id]);
      expect(second.statements.map((x) => x.id)).toEqual([s[1].id]);
      expect(second.nextSeq).toBeNull();
    });

    it("returns statements that refer to a matching statement, and only the client's own when asked", async () => {
      const target = aStoredStatement({ verb: { id: 'http://example.org/verbs/target' } });
      const ref = aStoredStatement({ object: { objectType: 'StatementRef', id: target.id } });
      await store.record({
        entries: [
          { statement: target, clientId: 'c1' },
          { statement: ref, clientId: 'c2' },
        ],
      });

      const byVerb = await store.statements.query({
        verb: 'http://example.org/verbs/target',
        limit: 10,
        ascending: true,
      });
      const mine = await store.statements.query({ clientId: 'c2', limit: 10 });

      expect(byVerb.statements.map((x) => x.id)).toEqual([target.id, ref.id]);
      expect(mine.statements.map((x) => x.id)).toEqual([ref.id]);
    });

    it('stores attachments once per hash and merges activity definitions', async () => {
      const content = Buffer.from([1, 2, 3]);
      await store.record({
        entries: [{ statement: aStoredStatement(), clientId: null }],
        attachments: [{ sha2: 'abc', contentType: 'application/octet-stream', content }],
        definitions: [{ activityId: 'http://a', definition: { name: { en: 'A' } } }],
      });
      await store.record({
        entries: [{ statement: aStoredStatement(), clientId: null }],
        definitions: [{ activityId: 'http://a', definition: { name: { fr: 'Un A' } } }],
      });

      expect(await store.statements.attachment('abc')).toEqual({
        sha2: 'abc',
        contentType: 'application/octet-stream',
        content,
      });
      expect(await store.statements.activity('http://a')).toEqual({ name: { en: 'A', fr: 'Un A' } });
      expect(await store.statements.activity('http://b')).toBeNull();
    });

    it('serves attachment content to a client only when it sent that content itself', async () => {
      const content = Buffer.from('owned');
      const attachment = { sha2: 'def', contentType: 'text/plain', content };
      await store.record({
        entries: [{ statement: aStoredStatement(), clientId: 'owner' }],
        attachments: [attachment],
      });
      await store.record({ entries: [{ statement: aStoredStatement(), clientId: null }], attachments: [attachment] });

      expect(await store.statements.attachment('def')).toEqual(attachment);
      expect(await store.statements.attachment('def', 'owner')).toEqual(attachment);
      expect(await store.statements.attachment('def', null)).toEqual(attachment);
      expect(await store.statements.attachment('def', 'thief')).toBeNull();
    });

    it('writes documents only when the expected ETag holds', async () => {
      const key: DocumentKey = {
        kind: 'state',
        activityId: 'http://a',
        agent: 'mbox:mailto:a@b.org',
        registration: '',
        docId: 'bookmark',
      };
      const doc = {
        ...key,
        contentType: 'text/plain',
        content: Buffer.from('one'),
        etag: 'e1',
        updated: new Date('2026-01-01'),
      };

      expect(await store.documents.put(doc, null)).toBe(true);
      expect(await store.documents.put({ ...doc, etag: 'e2' }, null)).toBe(false);
      expect(await store.documents.put({ ...doc, content: Buffer.from('two'), etag: 'e2' }, 'wrong')).toBe(false);
      expect(
        await store.documents.put(
          { ...doc, content: Buffer.from('two'), etag: 'e2', updated: new Date('2026-01-03') },
          'e1',
        ),
      ).toBe(true);
      expect((await store.documents.get(key))?.content.toString()).toBe('two');
      expect(await store.documents.ids({ ...key }, new Date('2026-01-02'))).toEqual(['bookmark']);
      expect(await store.documents.delete(key, 'e1')).toBe(false);
      expect(await store.documents.delete(key, 'e2')).toBe(true);
      expect(await store.documents.get(key)).toBeNull();
    });

    it('keeps LRS clients and revokes them', async () => {
      await store.lrsClients.create({
        id: crypto.randomUUID(),
        key: 'k1',
        secretHash: 'h',
        name: 'Tool',
        scopes: ['statements/read/mine'],
        revoked: false,
        createdAt: new Date(),
      });

      expect(await store.lrsClients.findByKey('k1')).toMatchObject({
        name: 'Tool',
        scopes: ['statements/read/mine'],
        revoked: false,
      });
      expect(await store.lrsClients.findByKey('k1')).not.toHaveProperty('limits');
      expect(await store.lrsClients.setLimits('k1', { bodyBytes: 1024, requestsPerMinute: 0 })).toBe(true);
      expect((await store.lrsClients.findByKey('k1'))?.limits).toEqual({ bodyBytes: 1024, requestsPerMinute: 0 });
      expect(await store.lrsClients.setLimits('k1', {})).toBe(true);
      expect(await store.lrsClients.findByKey('k1')).not.toHaveProperty('limits');
      expect(await store.lrsClients.setLimits('nope', { batchSize: 1 })).toBe(false);
      expect(await store.lrsClients.revoke('k1')).toBe(true);
      expect(await store.lrsClients.revoke('nope')).toBe(false);
      expect((await store.lrsClients.list()).map((c) => c.revoked)).toEqual([true]);
    });
  });
}
