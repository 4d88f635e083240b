import { describe, expect, it } from 'vitest';
import { Query, updateOne } from 'mingo';
import mongoose from 'mongoose';
import {
  attachmentFilter,
  attachmentUpsert,
  auditListFilter,
  auditListSort,
  liveSessionFilter,
  userListFilter,
  userListSort,
  userSessionsFilter,
  voidTargetFilter,
} from '../../../server/store/mongo/queries.js';
import { accountModels } from '../../../server/store/mongo/models.js';
import { ledgerModels } from '../../../server/store/mongo/ledger-models.js';
import { decodeKeys, encodeKeys } from '../../../server/store/mongo/key-encoding.js';
import { seqAllocator, statementDocument } from '../../../server/store/mongo/ledger.js';
import { aStoredStatement } from '../../store/store.contract.js';

// mingo runs the same query documents MongoDB would, over plain arrays.
const run = (docs: object[], filter: object, sort?: Record<string, 1 | -1>) => {
  const cursor = new Query(filter as never).find(docs as never[]);
  return (sort ? cursor.sort(sort) : cursor).all() as Record<string, unknown>[];
};

describe('mongo query documents', () => {
  const users = [
    { _id: '1', email: 'c@x.org', displayName: 'Carla' },
    { _id: '2', email: 'a@x.org', displayName: 'Zainab (a.b)' },
    { _id: '3', email: 'b@x.org', displayName: 'Bob' },
  ];

  it('lists users by e-mail with keyset paging', () => {
    expect(run(users, userListFilter({}), userListSort).map((u) => u.email)).toEqual(['a@x.org', 'b@x.org', 'c@x.org']);
    expect(run(users, userListFilter({ after: 'a@x.org' }), userListSort).map((u) => u.email)).toEqual([
      'b@x.org',
      'c@x.org',
    ]);
  });

  it('searches name or e-mail case-insensitively and treats regex characters literally', () => {
    expect(run(users, userListFilter({ search: 'ZAIN' })).map((u) => u._id)).toEqual(['2']);
    expect(run(users, userListFilter({ search: '(a.b)' })).map((u) => u._id)).toEqual(['2']);
    expect(run(users, userListFilter({ search: '.*' }))).toEqual([]);
  });

  it('filters users by a role they hold, with search and paging', () => {
    const withRoles = users.map((u, i) => ({ ...u, roles: i === 1 ? ['learner', 'trainer'] : ['learner'] }));

    expect(run(withRoles, userListFilter({ role: 'trainer' })).map((u) => u._id)).toEqual(['2']);
    expect(
      run(withRoles, userListFilter({ role: 'learner', after: 'a@x.org' }), userListSort).map((u) => u.email),
    ).toEqual(['b@x.org', 'c@x.org']);
    expect(run(withRoles, userListFilter({ role: 'trainer', search: 'bob' }))).toEqual([]);
  });

  it('finds only live sessions', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const sessions = [
      { _id: 's1', expiresAt: new Date('2026-01-02T00:00:00Z') },
      { _id: 's2', expiresAt: new Date('2025-12-31T00:00:00Z') },
    ];
    expect(run(sessions, liveSessionFilter('s1', now))).toHaveLength(1);
    expect(run(sessions, liveSessionFilter('s2', now))).toHaveLength(0);
  });

  it("selects a user's other sessions", () => {
    const sessions = [
      { _id: 'a', userId: 'u' },
      { _id: 'b', userId: 'u' },
      { _id: 'c', userId: 'v' },
    ];
    expect(run(sessions, userSessionsFilter('u', 'a')).map((s) => s._id)).toEqual(['b']);
    expect(run(sessions, userSessionsFilter('u')).map((s) => s._id)).toEqual(['a', 'b']);
  });

  it('filters and sorts the audit log newest first', () => {
    const entries = [
      { _id: '1', at: new Date(1000), targetType: 'user', targetId: 'u1' },
      { _id: '2', at: new Date(2000), targetType: 'user', targetId: 'u1' },
      { _id: '3', at: new Date(3000), targetType: 'user', targetId: 'u2' },
    ];
    expect(
      run(entries, auditListFilter({ targetType: 'user', targetId: 'u1' }), auditListSort).map((e) => e._id),
    ).toEqual(['2', '1']);
    expect(run(entries, auditListFilter({ before: new Date(3000) }), auditListSort).map((e) => e._id)).toEqual([
      '2',
      '1',
    ]);
  });

  it('voids only a statement that is not voiding and not already voided', () => {
    const docs = [
      { _id: 'a', isVoiding: false, voided: false },
      { _id: 'b', isVoiding: true, voided: false },
      { _id: 'c', isVoiding: false, voided: true },
    ];
    expect(run(docs, voidTargetFilter('a'))).toHaveLength(1);
    expect(run(docs, voidTargetFilter('b'))).toHaveLength(0);
    expect(run(docs, voidTargetFilter('c'))).toHaveLength(0);
  });
});

describe('mongoose models (validated without a server)', () => {
  const conn = mongoose.createConnection();
  const { User, Audit } = accountModels(conn);
  const { Statement } = ledgerModels(conn);

  it('accepts a valid user and rejects a bad country, sex and role', async () => {
    const base = {
      _id: 'u',
      email: 'A@B.org',
      passwordHash: 'h',
      displayName: 'A',
      country: 'KE',
      sex: 'female',
      sector: 'police',
      language: 'en',
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    await expect(new User(base).validate()).resolves.toBeUndefined();
    expect(new User(base).email).toBe('a@b.org');
    await expect(new User({ ...base, country: 'Kenya' }).validate()).rejects.toThrow(/country/);
    await expect(new User({ ...base, sex: 'x' }).validate()).rejects.toThrow(/sex/);
    await expect(new User({ ...base, roles: ['emperor'] }).validate()).rejects.toThrow(/roles/);
  });

  it('keeps empty audit details', async () => {
    const doc = new Audit({ _id: 'a', at: new Date(), action: 'x', targetType: 't', targetId: 'i', details: {} });
    await expect(doc.validate()).resolves.toBeUndefined();
    expect(doc.toObject().details).toEqual({});
  });

  it('builds a valid statement document with encoded extension keys and index fields', async () => {
    const s = aStoredStatement({ context: { registration: 'ABC', extensions: { 'https://x.org/a.b': 1 } } });
    const doc = statementDocument(s, null, 1);

    await expect(new Statement(doc).validate()).resolves.toBeUndefined();
    expect(Object.keys((doc.body.context as { extensions: object }).extensions)).toEqual(['https://x%2Eorg/a%2Eb']);
    expect(doc).toMatchObject({
      verb: s.verb.id,
      activity: 'https://praxis.test/courses/c/lessons/l1',
      registration: 'abc',
      voided: false,
    });
    expect(Statement.schema.indexes().map(([keys]) => keys)).toContainEqual({ agents: 1, seq: -1 });
  });
});

describe('key encoding', () => {
  it('round-trips keys with dots, dollars and percent signs', () => {
    const value = { 'a.b': { $c: [{ 'd%2E': 1 }] }, plain: 'x.y' };
    const encoded = encodeKeys(value);

    expect(JSON.stringify(encoded)).not.toMatch(/"[^"]*[.$][^"]*":/);
    expect(decodeKeys(encoded)).toEqual(value);
  });
});

describe('paging key allocation', () => {
  it('is strictly increasing even within one millisecond', () => {
    const next = seqAllocator();
    const seqs = [next(1000), next(1000), next(999), next(1001)];
    expect(seqs).toEqual([1_000_000, 1_000_001, 1_000_002, 1_001_000]);
  });

  it('finds attachment content by hash, and for one client only when that client sent it', () => {
    const docs = [
      { _id: 'h1', carriers: ['owner', ''] },
      { _id: 'h2', carriers: ['other'] },
      { _id: 'h3' }, // stored before carriers were recorded
    ];
    const ids = (filter: object) => run(docs, filter).map((d) => d._id);

    expect(ids(attachmentFilter('h1'))).toEqual(['h1']);
    expect(ids(attachmentFilter('h1', 'owner'))).toEqual(['h1']);
    expect(ids(attachmentFilter('h1', null))).toEqual(['h1']);
    expect(ids(attachmentFilter('h2', 'owner'))).toEqual([]);
    expect(ids(attachmentFilter('h3', 'owner'))).toEqual([]);
    expect(ids(attachmentFilter('h3'))).toEqual(['h3']);
  });

  it('adds each sending client to an attachment once, keeping its content as first stored', () => {
    const docs: Record<string, unknown>[] = [{ _id: 'h1', contentType: 'a/b', carriers: ['owner'] }];
    const update = attachmentUpsert({ contentType: 'x/y', content: Buffer.from('z') }, ['owner', 'other']);
    // mingo has no $setOnInsert; it only applies to a new document, so the existing one keeps its content.
    updateOne(docs as never[], attachmentFilter('h1'), { $addToSet: update.$addToSet } as never);

    expect(update.$setOnInsert).toEqual({ contentType: 'x/y', content: Buffer.from('z') });
    expect(docs[0]).toEqual({ _id: 'h1', contentType: 'a/b', carriers: ['owner', 'other'] });
  });
});
