import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.js';
import { aCertificate, aUser } from './builders.js';
import { aStoredStatement } from './store.contract.js';
import {
  assessed,
  completedCourse,
  completedModule,
  earned,
  registered,
  PUBLIC_URL,
} from '../support/xapi-builders.js';

const HOME = 'https://praxis.test';
const accountOf = (name: string) => ({ objectType: 'Agent', account: { homePage: HOME, name } });
const keyOf = (name: string) => `account:${HOME}|${name}`;
const docOf = (kind: 'state' | 'agent_profile', agent: string, docId: string) => ({
  kind,
  activityId: kind === 'state' ? 'http://a' : '',
  agent,
  registration: '',
  docId,
  contentType: 'text/plain',
  content: Buffer.from('x'),
  etag: docId,
  updated: new Date(),
});

/** store.eraseLearner: everything about one learner goes, in one transaction; nobody else's data moves. */
export function erasureContract(name: string, open: () => Promise<Store>) {
  describe(`erasure contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("erases the learner's statements, documents, sessions, reset tokens and profile, and nothing else", async () => {
      const ada = await store.users.create(aUser());
      const bo = await store.users.create(aUser());
      const own = aStoredStatement({
        actor: accountOf(ada.id),
        attachments: [
          { usageType: 'http://u', display: { en: 'a' }, contentType: 'text/plain', length: 1, sha2: 'abc' },
        ],
      });
      const asInstructor = aStoredStatement({ actor: accountOf(bo.id), context: { instructor: accountOf(ada.id) } });
      const voidingOwn = aStoredStatement({
        actor: accountOf(bo.id),
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: own.id },
      });
      const bos = aStoredStatement({ actor: accountOf(bo.id) });
      const byMbox = aStoredStatement({ actor: { mbox: 'mailto:ada@example.org' } });
      await store.record({
        entries: [own, asInstructor, bos, byMbox].map((statement) => ({ statement, clientId: null })),
        attachments: [{ sha2: 'abc', contentType: 'text/plain', content: Buffer.from('a') }],
      });
      await store.record({ entries: [{ statement: voidingOwn, clientId: null }] });
      await store.documents.put(docOf('state', keyOf(ada.id), 'ada-state'));
      await store.documents.put(docOf('agent_profile', keyOf(ada.id), 'ada-profile'));
      await store.documents.put(docOf('state', keyOf(bo.id), 'bo-state'));
      const future = new Date(Date.now() + 60_000);
      await store.sessions.set('ada-s', JSON.stringify({ passport: { user: ada.id } }), future);
      await store.sessions.set('bo-s', JSON.stringify({ passport: { user: bo.id } }), future);
      await store.resetTokens.create({ tokenHash: 'ada-t', userId: ada.id, createdAt: new Date(), expiresAt: future });

      const counts = await store.eraseLearner(ada.id, [keyOf(ada.id), 'mbox:mailto:ada@example.org']);

      expect(counts).toMatchObject({
        statements: 4,
        attachments: 1,
        documents: 2,
        sessions: 1,
        resetTokens: 1,
        users: 1,
      });
      for (const s of [own, asInstructor, voidingOwn, byMbox]) expect(await store.statements.get(s.id)).toBeNull();
      expect(await store.statements.get(bos.id)).not.toBeNull();
      expect(await store.statements.attachment('abc')).toBeNull();
      expect(
        await store.documents.ids({ kind: 'state', activityId: 'http://a', agent: keyOf(ada.id), registration: '' }),
      ).toEqual([]);
      expect(
        await store.documents.ids({ kind: 'state', activityId: 'http://a', agent: keyOf(bo.id), registration: '' }),
      ).toEqual(['bo-state']);
      expect(await store.sessions.get('ada-s', new Date())).toBeNull();
      expect(await store.sessions.get('bo-s', new Date())).not.toBeNull();
      expect(await store.resetTokens.consume('ada-t', new Date())).toBeNull();
      expect(await store.users.findById(ada.id)).toBeNull();
      expect(await store.users.findById(bo.id)).not.toBeNull();
      expect(
        (await store.statements.query({ agent: keyOf(ada.id), relatedAgents: true, limit: 10 })).statements,
      ).toEqual([]);
    });

    it("erases the learner's enrolments with their progress, and their certificates", async () => {
      const ada = await store.users.create(aUser());
      const bo = await store.users.create(aUser());
      const enrol = (userId: string) => {
        const id = crypto.randomUUID();
        return store.record({
          entries: [{ statement: aStoredStatement({ actor: accountOf(userId) }), clientId: null }],
          learning: {
            enrolmentId: id,
            ops: [
              {
                type: 'enrol',
                enrolment: { id, userId, courseSlug: 'c', courseVersion: '1.0.0', enrolledAt: new Date(1000) },
              },
            ],
          },
        });
      };
      await enrol(ada.id);
      await enrol(bo.id);
      const adaCert = aCertificate({ userId: ada.id });
      const boCert = aCertificate({ userId: bo.id });
      await store.record({
        entries: [{ statement: aStoredStatement({ actor: accountOf(ada.id) }), clientId: null }],
        certificates: [adaCert],
      });
      await store.record({
        entries: [{ statement: aStoredStatement({ actor: accountOf(bo.id) }), clientId: null }],
        certificates: [boCert],
      });

      const counts = await store.eraseLearner(ada.id, [keyOf(ada.id)]);

      expect(counts).toMatchObject({ enrolments: 1, certificates: 1 });
      expect(await store.learning.findEnrolment(ada.id, 'c')).toBeNull();
      expect(await store.learning.findEnrolment(bo.id, 'c')).not.toBeNull();
      expect(await store.certificates.findByCode(adaCert.code)).toBeNull();
      expect(await store.certificates.findByCode(boCert.code)).not.toBeNull();
    });

    it('erases a trainer with the sessions they delivered', async () => {
      const ada = await store.users.create(aUser());
      const at = new Date('2025-03-01T00:00:00Z');
      await store.record({ entries: [], trainers: [{ action: 'certify', userId: ada.id, at, source: 'admin' }] });
      const delivered = aStoredStatement({ actor: accountOf(ada.id) });
      const counts = { girls: 5, boys: 4, other: 0, under13: 0, from13to15: 9, from16to18: 0, over18: 0 };
      await store.record({
        entries: [{ statement: delivered, clientId: null }],
        deliveredSessions: {
          put: [
            {
              id: crypto.randomUUID(),
              trainerId: ada.id,
              statementId: delivered.id,
              date: '2025-03-02',
              country: 'KG',
              town: 'Osh',
              venue: 'School 5',
              sessions: [1],
              counts,
              notes: '',
              createdAt: at,
              updatedAt: at,
            },
          ],
        },
      });

      const erased = await store.eraseLearner(ada.id, [keyOf(ada.id)]);

      expect(erased).toMatchObject({ deliveredSessions: 1, trainers: 1, users: 1 });
      expect(await store.training.trainer(ada.id)).toBeNull();
      expect(await store.training.listSessions({ trainerId: ada.id, limit: 5 })).toEqual([]);
    });

    it('takes the learner out of the statistics counters, exactly as a rebuild from the remaining ledger would', async () => {
      const [ada, bo] = [
        await store.users.create(aUser({ country: 'KE' })),
        await store.users.create(aUser({ country: 'FR', sex: 'male' })),
      ];
      for (const [i, u] of [ada, bo].entries()) {
        const ev = { user: u.id, course: 'c1', at: new Date(`2025-0${i + 1}-10T00:00:00Z`) };
        await store.record({
          entries: [
            registered(ev),
            assessed({ ...ev, module: 'm1' }, true),
            completedModule({ ...ev, module: 'm1' }),
            assessed(ev, true),
            completedCourse(ev),
            earned(ev),
          ],
        });
      }
      await store.record({
        entries: [],
        trainers: [{ action: 'certify', userId: ada.id, at: new Date('2025-03-01T00:00:00Z'), source: 'admin' }],
      });
      const before = await store.stats.dump();

      await store.eraseLearner(ada.id, [`account:${PUBLIC_URL}|${ada.id}`]);
      const afterErasure = await store.stats.dump();
      await store.stats.rebuild();

      expect(afterErasure).not.toEqual(before);
      expect(afterErasure).toEqual(await store.stats.dump());
    });

    it('keeps an attachment another statement still carries', async () => {
      const ada = await store.users.create(aUser());
      const attachment = {
        usageType: 'http://u',
        display: { en: 'a' },
        contentType: 'text/plain',
        length: 1,
        sha2: 'shared',
      };
      const entries = [accountOf(ada.id), accountOf('someone')].map((actor) => ({
        statement: aStoredStatement({ actor, attachments: [attachment] }),
        clientId: null,
      }));
      await store.record({
        entries,
        attachments: [{ sha2: 'shared', contentType: 'text/plain', content: Buffer.from('a') }],
      });

      await store.eraseLearner(ada.id, [keyOf(ada.id)]);

      expect(await store.statements.attachment('shared')).not.toBeNull();
    });

    it('erases nothing and reports zeros for an unknown learner', async () => {
      await store.record({ entries: [{ statement: aStoredStatement(), clientId: null }] });

      const counts = await store.eraseLearner('nobody', [keyOf('nobody')]);

      expect(counts).toMatchObject({ statements: 0, documents: 0, users: 0 });
      expect(await store.statements.count()).toBe(1);
    });
  });
}
