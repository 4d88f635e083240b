import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.js';
import { aCertificate } from './builders.js';
import { aStoredStatement } from './store.contract.js';

const earned = () => ({
  statement: aStoredStatement({ verb: { id: 'https://w3id.org/xapi/dod-isd/verbs/earned' } }),
  clientId: null,
});

/** Certificates behave the same on every adapter. */
export function certificatesContract(name: string, open: () => Promise<Store>) {
  describe(`certificates contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('issues a certificate with its statement and finds it by id, code, user and course', async () => {
      const cert = aCertificate();

      await store.record({ entries: [earned()], certificates: [cert] });

      const expected = { ...cert, revokedAt: null, revokedReason: null, revokedBy: null };
      expect(await store.certificates.findById(cert.id)).toEqual(expected);
      expect(await store.certificates.findByCode(cert.code)).toEqual(expected);
      expect(await store.certificates.findForUserCourse(cert.userId, cert.courseSlug)).toEqual(expected);
      expect(await store.certificates.listForUser(cert.userId)).toEqual([expected]);
      expect(await store.certificates.findByCode('ZZZZ-ZZZZ-ZZZZ-ZZZZ')).toBeNull();
    });

    it('rejects a second certificate for the same learner and course, writing nothing of that change', async () => {
      const first = aCertificate();
      await store.record({ entries: [earned()], certificates: [first] });
      const again = earned();

      await expect(
        store.record({
          entries: [again],
          certificates: [aCertificate({ userId: first.userId, courseSlug: first.courseSlug })],
        }),
      ).rejects.toMatchObject({ status: 409, code: 'already_recorded' });

      expect(await store.statements.get(again.statement.id)).toBeNull();
      expect(await store.statements.count()).toBe(1);
      expect(await store.certificates.listForUser(first.userId)).toHaveLength(1);
    });

    it('issues exactly one certificate when two completions race', async () => {
      const userId = crypto.randomUUID();

      const results = await Promise.allSettled(
        [1, 2].map(() => store.record({ entries: [earned()], certificates: [aCertificate({ userId })] })),
      );

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'already_recorded' } });
      expect(await store.certificates.listForUser(userId)).toHaveLength(1);
      expect(await store.statements.count()).toBe(1);
    });

    it('lists newest first with keyset paging', async () => {
      const certs = [1, 2, 3].map((n) => aCertificate({ issuedAt: new Date(Date.UTC(2025, 0, n)) }));
      for (const cert of certs) await store.record({ entries: [], certificates: [cert] });

      const first = await store.certificates.list({ limit: 2 });
      const second = await store.certificates.list({
        limit: 2,
        before: { issuedAt: first[1].issuedAt, id: first[1].id },
      });

      expect(first.map((x) => x.id)).toEqual([certs[2].id, certs[1].id]);
      expect(second.map((x) => x.id)).toEqual([certs[0].id]);
    });

    it('revokes once, keeping the first revocation, and reinstates', async () => {
      const cert = aCertificate();
      await store.record({ entries: [], certificates: [cert] });
      const at = new Date('2025-04-01T00:00:00Z');

      const revoked = await store.certificates.revoke(cert.id, { at, by: 'admin-1', reason: 'Fraudulent assessment' });
      const again = await store.certificates.revoke(cert.id, { at: new Date(), by: 'admin-2', reason: 'other' });
      const reinstated = await store.certificates.reinstate(cert.id);

      expect(revoked).toMatchObject({ revokedAt: at, revokedBy: 'admin-1', revokedReason: 'Fraudulent assessment' });
      expect(again).toMatchObject({ revokedAt: at, revokedBy: 'admin-1' });
      expect(reinstated).toMatchObject({ revokedAt: null, revokedBy: null, revokedReason: null });
      expect(await store.certificates.revoke(crypto.randomUUID(), { at, by: 'a', reason: 'r' })).toBeNull();
    });
  });
}
