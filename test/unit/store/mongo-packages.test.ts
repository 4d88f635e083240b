import { describe, expect, it } from 'vitest';
import { Query } from 'mingo';
import mongoose from 'mongoose';
import { packageQueries, packageSchema } from '../../../server/store/mongo/packages.js';
import { cmi5Queries } from '../../../server/store/mongo/cmi5.js';

const run = (docs: object[], filter: object, sort?: Record<string, 1 | -1>) => {
  const cursor = new Query(filter as never).find(docs as never[]);
  return (sort ? cursor.sort(sort) : cursor).all() as Record<string, unknown>[];
};

describe('mongo package queries', () => {
  const docs = [
    { _id: 'a@1', slug: 'a', version: 1, kind: 'cmi5', sourceId: 'https://x/a', current: false },
    { _id: 'a@2', slug: 'a', version: 2, kind: 'cmi5', sourceId: 'https://x/a', current: true },
    { _id: 'b@1', slug: 'b', version: 1, kind: 'scorm', sourceId: 'MANIFEST-B', current: true },
  ];

  it('lists versions newest first, the current ones by slug, and finds by package id and kind', () => {
    expect(run(docs, packageQueries.versions('a'), packageQueries.versionsSort).map((d) => d.version)).toEqual([2, 1]);
    expect(run(docs, packageQueries.current(), packageQueries.currentSort).map((d) => d._id)).toEqual(['a@2', 'b@1']);
    expect(run(docs, packageQueries.source('scorm', 'MANIFEST-B')).map((d) => d.slug)).toEqual(['b']);
    expect(run(docs, packageQueries.source('cmi5', 'MANIFEST-B'))).toEqual([]);
    expect(run(docs, packageQueries.version('a', 1)).map((d) => d._id)).toEqual(['a@1']);
    expect(run(docs, packageQueries.currentOf('a')).map((d) => d._id)).toEqual(['a@2']);
  });

  it('validates a package record without a server', async () => {
    const Model = mongoose.model('PackageProbe', packageSchema);
    const bad = new Model({ _id: 'x@0', slug: 'x', version: 0, kind: 'aicc' });

    await expect(bad.validate()).rejects.toThrow(/version|kind|sourceId/);
  });
});

describe('mongo cmi5 session queries', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 3, 9, m));
  const docs = [
    { _id: 's1', registration: 'r', auId: 'a', activeAt: at(10), terminatedAt: null, abandonedAt: null },
    { _id: 's2', registration: 'r', auId: 'a', activeAt: at(5), terminatedAt: null, abandonedAt: null },
    { _id: 's3', registration: 'r', auId: 'a', activeAt: at(1), terminatedAt: at(2), abandonedAt: null },
    { _id: 's4', registration: 'r', auId: 'a', activeAt: at(50), terminatedAt: null, abandonedAt: null },
  ];

  it('finds open sessions idle since a time, oldest first, and only unmarked or unended ones to update', () => {
    expect(run(docs, cmi5Queries.idle(at(30)), cmi5Queries.idleSort).map((d) => d._id)).toEqual(['s2', 's1']);
    expect(run(docs, cmi5Queries.notEnded('s3'))).toEqual([]);
    expect(run([{ _id: 's1', prefsAt: at(3) }], cmi5Queries.unmarked('s1', 'prefsAt'))).toEqual([]);
    expect(run([{ _id: 's1', prefsAt: null }], cmi5Queries.unmarked('s1', 'prefsAt'))).toHaveLength(1);
  });
});
