import { describe, expect, it } from 'vitest';
import { Query } from 'mingo';
import mongoose from 'mongoose';
import {
  documentFilter,
  documentIdsFilter,
  statementQueryFilter,
  statementQuerySort,
} from '../../../server/store/mongo/queries.js';
import { lrsModels } from '../../../server/store/mongo/lrs-models.js';
import { statementQuerySql } from '../../../server/store/sqlite/statement-sql.js';
import type { StatementQuery } from '../../../server/store/store.js';

const run = (docs: object[], filter: object, sort?: Record<string, 1 | -1>) => {
  const cursor = new Query(filter as never).find(docs as never[]);
  return (sort ? cursor.sort(sort) : cursor).all().map((d) => (d as { _id: unknown })._id);
};

const docs = [
  {
    _id: 's1',
    seq: 1,
    stored: new Date('2026-01-01'),
    verb: 'v1',
    agents: ['mbox:a'],
    relatedAgents: ['mbox:a', 'mbox:auth'],
    activity: 'x',
    relatedActivities: ['x', 'parent'],
    registration: 'r1',
    targetStatement: null,
    voided: false,
    clientId: 'c1',
  },
  {
    _id: 's2',
    seq: 2,
    stored: new Date('2026-01-02'),
    verb: 'v2',
    agents: ['mbox:b'],
    relatedAgents: ['mbox:b'],
    activity: 'y',
    relatedActivities: ['y'],
    registration: null,
    targetStatement: 's1',
    voided: false,
    clientId: 'c2',
  },
  {
    _id: 's3',
    seq: 3,
    stored: new Date('2026-01-03'),
    verb: 'v1',
    agents: ['mbox:a'],
    relatedAgents: ['mbox:a'],
    activity: 'x',
    relatedActivities: ['x'],
    registration: 'r1',
    targetStatement: null,
    voided: true,
    clientId: 'c1',
  },
];
const q = (over: Partial<StatementQuery>): StatementQuery => ({ limit: 10, ...over });

describe('mongo statement query documents (run with mingo)', () => {
  it('filters by agent, verb and activity, leaves out voided statements, newest first', () => {
    expect(run(docs, statementQueryFilter(q({ agent: 'mbox:a' }), []), statementQuerySort(q({})))).toEqual(['s1']);
    expect(run(docs, statementQueryFilter(q({}), []), statementQuerySort(q({})))).toEqual(['s2', 's1']);
    expect(
      run(docs, statementQueryFilter(q({ ascending: true }), []), statementQuerySort(q({ ascending: true }))),
    ).toEqual(['s1', 's2']);
  });

  it('widens to related agents and activities only when asked', () => {
    expect(run(docs, statementQueryFilter(q({ agent: 'mbox:auth' }), []))).toEqual([]);
    expect(run(docs, statementQueryFilter(q({ agent: 'mbox:auth', relatedAgents: true }), []))).toEqual(['s1']);
    expect(run(docs, statementQueryFilter(q({ activity: 'parent', relatedActivities: true }), []))).toEqual(['s1']);
  });

  it('returns statements that refer to a matching statement', () => {
    expect(run(docs, statementQueryFilter(q({ verb: 'v1' }), ['s1']), { seq: 1 })).toEqual(['s1', 's2']);
  });

  it('pages by seq, windows by stored, restricts to the client for read/mine', () => {
    expect(run(docs, statementQueryFilter(q({ afterSeq: 2 }), []))).toEqual(['s1']);
    expect(run(docs, statementQueryFilter(q({ since: new Date('2026-01-01T12:00:00Z') }), []))).toEqual(['s2']);
    expect(run(docs, statementQueryFilter(q({ clientId: 'c2' }), []))).toEqual(['s2']);
  });

  it('addresses documents by their full key and ETag', () => {
    const key = { kind: 'state' as const, activityId: 'a', agent: 'mbox:a', registration: '', docId: 'd' };
    const stored = [
      { _id: 1, ...key, etag: 'e1', updated: new Date('2026-01-02') },
      { _id: 2, ...key, docId: 'e', etag: 'e2', updated: new Date('2026-01-01') },
    ];

    expect(run(stored, documentFilter(key))).toEqual([1]);
    expect(run(stored, documentFilter(key, 'other'))).toEqual([]);
    expect(run(stored, documentIdsFilter(key, new Date('2026-01-01T12:00:00Z')))).toEqual([1]);
  });

  it('validates LRS documents without a server', async () => {
    const { XapiDocument, LrsClient } = lrsModels(mongoose.createConnection());

    await expect(
      new XapiDocument({
        kind: 'state',
        docId: 'd',
        contentType: 'text/plain',
        content: Buffer.from('x'),
        etag: 'e',
        updated: new Date(),
      }).validate(),
    ).resolves.toBeUndefined();
    await expect(new LrsClient({ _id: 'c' }).validate()).rejects.toThrow();
  });
});

describe('sqlite statement query builder', () => {
  it('applies the StatementRef rule, keyset paging and the limit probe', () => {
    const { sql, params } = statementQuerySql(q({ verb: 'v1', afterSeq: 9, limit: 5 }));

    expect(sql).toContain(
      'UNION SELECT r.seq AS seq, r.body FROM statements r CROSS JOIN statements s ON s.id = r.target_statement',
    );
    expect(sql).toContain('s.seq < ?');
    expect(sql).toContain('r.seq < ?');
    expect(sql).toMatch(/ORDER BY 1 DESC LIMIT \?$/);
    expect(params).toEqual(['v1', 9, 'v1', 9, 6]);
  });

  it('drives a broad related_activities query from the index already in seq order', () => {
    const { sql } = statementQuerySql(q({ activity: 'course', relatedActivities: true }));

    expect(sql).toMatch(/^SELECT a.seq AS seq, s.body FROM statement_activities a CROSS JOIN statements s/);
    expect(sql).not.toMatch(/ OR /);
  });

  it('queries without filters in one arm', () => {
    const { sql, params } = statementQuerySql(q({ ascending: true, afterSeq: 4 }));

    expect(sql).not.toContain('UNION');
    expect(sql).toMatch(/ORDER BY s.seq ASC LIMIT \?$/);
    expect(params).toEqual([4, 11]);
  });

  it('reads a stored window as a seq range whose ends are found by index seeks', () => {
    const { sql, params } = statementQuerySql(q({ since: new Date(1000), until: new Date(2000) }));

    expect(sql).toContain(
      's.seq > COALESCE((SELECT max(b.seq) FROM statements b WHERE b.stored = (SELECT c.stored FROM statements c WHERE c.stored <= 1000 ORDER BY c.stored DESC LIMIT 1)), 0)',
    );
    expect(sql).toContain(
      's.seq <= COALESCE((SELECT max(b.seq) FROM statements b WHERE b.stored = (SELECT c.stored FROM statements c WHERE c.stored <= 2000 ORDER BY c.stored DESC LIMIT 1)), 0)',
    );
    expect(sql).toContain('s.stored > ? AND s.stored <= ?');
    expect(params).toEqual([1000, 2000, 11]);
  });
});
