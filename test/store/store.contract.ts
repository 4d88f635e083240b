import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/store.js';
import { aUser } from './builders.js';

/** One behaviour contract for every storage adapter. */
export function storeContract(name: string, open: () => Promise<Store>) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('users', () => {
      it('creates a learner and finds it by id and by e-mail regardless of case', async () => {
        const created = await store.users.create(aUser({ email: 'Ada@Example.org' }));

        expect(created).toMatchObject({ email: 'ada@example.org', roles: ['learner'] });
        expect(typeof created.id).toBe('string');
        expect(created.createdAt).toBeInstanceOf(Date);
        expect(await store.users.findById(created.id)).toEqual(created);
        expect(await store.users.findByEmail('ADA@example.org')).toEqual(created);
      });

      it('refuses a second account with the same e-mail', async () => {
        await store.users.create(aUser({ email: 'same@example.org' }));

        await expect(store.users.create(aUser({ email: 'SAME@example.org' }))).rejects.toMatchObject({
          status: 409,
          code: 'email_taken',
        });
      });

      it('finds several users by id in one call, leaving out unknown ids', async () => {
        const a = await store.users.create(aUser({ email: 'a@example.org' }));
        const b = await store.users.create(aUser({ email: 'b@example.org' }));

        const found = await store.users.findByIds([a.id, '00000000-0000-4000-8000-000000000000', b.id]);

        expect([...found.keys()].sort()).toEqual([a.id, b.id].sort());
        expect(found.get(a.id)).toEqual(a);
        expect((await store.users.findByIds([])).size).toBe(0);
      });

      it('returns null for unknown users', async () => {
        expect(await store.users.findById('00000000-0000-4000-8000-000000000000')).toBeNull();
        expect(await store.users.findByEmail('nobody@example.org')).toBeNull();
      });

      it('updates the profile, password hash and roles', async () => {
        const u = await store.users.create(aUser());
        const at = new Date(Date.now() + 1000);

        await store.users.updateProfile(
          u.id,
          {
            displayName: 'New',
            country: 'FR',
            sex: 'male',
            sector: 'judiciary',
            organisation: 'Court',
            language: 'fr',
          },
          at,
        );
        await store.users.setPasswordHash(u.id, 'new-hash', at);
        const updated = await store.users.setRoles(u.id, ['learner', 'manager'], at);

        expect(updated).toMatchObject({
          displayName: 'New',
          country: 'FR',
          sex: 'male',
          sector: 'judiciary',
          organisation: 'Court',
          language: 'fr',
          passwordHash: 'new-hash',
          roles: ['learner', 'manager'],
        });
        expect(updated.updatedAt.getTime()).toBe(at.getTime());
        // A password change revokes the learner's LRS tokens issued before it.
        expect(updated.credentialsChangedAt?.getTime()).toBe(at.getTime());
        expect((await store.users.create(aUser({ email: 'fresh@x.org' }))).credentialsChangedAt ?? null).toBeNull();
      });

      it('lists users by e-mail with search and keyset paging', async () => {
        for (const e of ['c@x.org', 'a@x.org', 'b@x.org', 'd@y.org'])
          await store.users.create(aUser({ email: e, displayName: e === 'd@y.org' ? 'Zainab' : 'Someone' }));

        const first = await store.users.list({ limit: 2 });
        const second = await store.users.list({ limit: 2, after: first[1].email });
        const search = await store.users.list({ limit: 10, search: 'zain' });
        const percent = await store.users.list({ limit: 10, search: '%' });

        expect(first.map((u) => u.email)).toEqual(['a@x.org', 'b@x.org']);
        expect(second.map((u) => u.email)).toEqual(['c@x.org', 'd@y.org']);
        expect(search.map((u) => u.email)).toEqual(['d@y.org']);
        expect(percent).toEqual([]);
        expect(await store.users.count()).toBe(4);
      });

      it('filters the list by role, and keeps the last sign-in of each account', async () => {
        const trainer = await store.users.create(aUser({ email: 't@x.org', roles: ['learner', 'trainer'] }));
        await store.users.create(aUser({ email: 'l@x.org' }));
        const at = new Date('2026-05-06T07:08:09Z');

        await store.users.markActive(trainer.id, at);
        const trainers = await store.users.list({ limit: 10, role: 'trainer' });
        const learners = await store.users.list({ limit: 10, role: 'learner' });

        expect(trainers.map((u) => u.email)).toEqual(['t@x.org']);
        expect(trainers[0]!.lastActiveAt?.getTime()).toBe(at.getTime());
        expect(learners.map((u) => u.email)).toEqual(['l@x.org', 't@x.org']);
        expect(learners[0]!.lastActiveAt).toBeNull();
      });
    });

    describe('sessions', () => {
      it('stores, reads, expires and destroys sessions', async () => {
        const future = new Date(Date.now() + 60_000);
        await store.sessions.set('s1', '{"a":1}', future);
        await store.sessions.set('s2', '{"b":2}', new Date(Date.now() - 1000));

        expect(await store.sessions.get('s1', new Date())).toBe('{"a":1}');
        expect(await store.sessions.get('s2', new Date())).toBeNull();
        expect(await store.sessions.prune(new Date())).toBe(1);
        await store.sessions.destroy('s1');
        expect(await store.sessions.get('s1', new Date())).toBeNull();
      });

      it('signs a user out everywhere except the current session', async () => {
        const future = new Date(Date.now() + 60_000);
        const data = JSON.stringify({ passport: { user: 'u1' } });
        await store.sessions.set('keep', data, future);
        await store.sessions.set('other', data, future);
        await store.sessions.set('someone-else', JSON.stringify({ passport: { user: 'u2' } }), future);

        await store.sessions.destroyForUser('u1', 'keep');

        expect(await store.sessions.get('keep', new Date())).not.toBeNull();
        expect(await store.sessions.get('other', new Date())).toBeNull();
        expect(await store.sessions.get('someone-else', new Date())).not.toBeNull();
      });
    });

    describe('password reset tokens', () => {
      it('consumes a token once', async () => {
        const u = await store.users.create(aUser());
        await store.resetTokens.create({
          tokenHash: 'h1',
          userId: u.id,
          createdAt: new Date(),
          expiresAt: new Date(Date.now() + 60_000),
        });

        expect(await store.resetTokens.consume('h1', new Date())).toBe(u.id);
        expect(await store.resetTokens.consume('h1', new Date())).toBeNull();
      });

      it('peeks at a live token without spending it, and not at an expired one', async () => {
        const u = await store.users.create(aUser());
        await store.resetTokens.create({
          tokenHash: 'h3',
          userId: u.id,
          createdAt: new Date(),
          expiresAt: new Date(Date.now() + 60_000),
        });
        await store.resetTokens.create({
          tokenHash: 'h4',
          userId: u.id,
          createdAt: new Date(),
          expiresAt: new Date(Date.now() - 1),
        });

        expect(await store.resetTokens.peek('h3', new Date())).toBe(u.id);
        expect(await store.resetTokens.peek('h4', new Date())).toBeNull();
        expect(await store.resetTokens.consume('h3', new Date())).toBe(u.id);
        expect(await store.resetTokens.peek('h3', new Date())).toBeNull();
      });

      it('refuses an expired token', async () => {
        const u = await store.users.create(aUser());
        await store.resetTokens.create({
          tokenHash: 'h2',
          userId: u.id,
          createdAt: new Date(),
          expiresAt: new Date(Date.now() - 1),
        });

        expect(await store.resetTokens.consume('h2', new Date())).toBeNull();
      });
    });

    describe('audit log', () => {
      it('appends entries and lists them newest first, filtered by target', async () => {
        const base = Date.now();
        await store.audit.append({
          at: new Date(base),
          actorId: 'a',
          action: 'x.one',
          targetType: 'user',
          targetId: 'u1',
          details: { n: 1 },
        });
        await store.audit.append({
          at: new Date(base + 1),
          actorId: null,
          action: 'x.two',
          targetType: 'user',
          targetId: 'u1',
          details: {},
        });
        await store.audit.append({
          at: new Date(base + 2),
          actorId: 'a',
          action: 'x.three',
          targetType: 'certificate',
          targetId: 'c1',
          details: {},
        });

        const forU1 = await store.audit.list({ targetType: 'user', targetId: 'u1', limit: 10 });
        const all = await store.audit.list({ limit: 2 });

        expect(forU1.map((e) => e.action)).toEqual(['x.two', 'x.one']);
        expect(forU1[1].details).toEqual({ n: 1 });
        expect(all.map((e) => e.action)).toEqual(['x.three', 'x.two']);
      });
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

const PLATFORM = { objectType: 'Agent', account: { homePage: 'https://praxis.test', name: 'praxis-platform' } };

/** A stored-form statement for ledger tests. */
export function aStoredStatement(over: Record<string, unknown> = {}) {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: 'https://praxis.test', name: 'learner-1' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: { objectType: 'Activity', id: 'https://praxis.test/courses/c/lessons/l1' },
    timestamp: now,
    stored: now,
    authority: PLATFORM,
    version: '1.0.3',
    ...over,
  } as import('../../server/store/store.js').StoredStatement;
}

export function ledgerContract(name: string, open: () => Promise<Store>) {
  describe(`ledger contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('records statements and reads them back exactly, including dotted extension keys', async () => {
      const s = aStoredStatement({ context: { extensions: { 'https://praxis.test/ext/a.b': { $weird: 1 } } } });

      await store.record({ entries: [{ statement: s, clientId: 'client-1' }] });

      expect(await store.statements.get(s.id)).toEqual({ statement: s, voided: false, clientId: 'client-1' });
      expect(await store.statements.count()).toBe(1);
    });

    it('voids the target of a voiding statement in the same write', async () => {
      const target = aStoredStatement();
      const voiding = aStoredStatement({
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: target.id },
      });

      await store.record({ entries: [{ statement: target, clientId: null }] });
      await store.record({ entries: [{ statement: voiding, clientId: null }] });

      expect((await store.statements.get(target.id))?.voided).toBe(true);
      expect((await store.statements.get(voiding.id))?.voided).toBe(false);
    });

    it('writes nothing when one statement of a batch conflicts', async () => {
      const first = aStoredStatement();
      await store.record({ entries: [{ statement: first, clientId: null }] });
      const fresh = aStoredStatement();

      await expect(
        store.record({
          entries: [
            { statement: fresh, clientId: null },
            { statement: first, clientId: null },
          ],
        }),
      ).rejects.toMatchObject({ status: 409 });

      expect(await store.statements.get(fresh.id)).toBeNull();
      expect(await store.statements.count()).toBe(1);
    });

    it('tells which ids already exist', async () => {
      const s = aStoredStatement();
      await store.record({ entries: [{ statement: s, clientId: null }] });

      const found = await store.statements.existing([s.id, crypto.randomUUID()]);

      expect([...found.keys()]).toEqual([s.id]);
    });
  });
}
