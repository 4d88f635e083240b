import { describe, expect, it } from 'vitest';
import { Query } from 'mingo';
import mongoose from 'mongoose';
import {
  certificateListFilter,
  certificateListSort,
  certificateRevokeFilter,
} from '../../../server/store/mongo/queries.js';
import { certificateModels } from '../../../server/store/mongo/certificate-models.js';
import { aCertificate } from '../../store/builders.js';

const run = (docs: object[], filter: object, sort?: Record<string, 1 | -1>) => {
  const cursor = new Query(filter as never).find(docs as never[]);
  return (sort ? cursor.sort(sort) : cursor).all() as Record<string, unknown>[];
};

describe('mongo certificate queries', () => {
  const day = (n: number) => new Date(Date.UTC(2025, 0, n));
  const docs = [
    { _id: 'a', issuedAt: day(1), revokedAt: null },
    { _id: 'b', issuedAt: day(2), revokedAt: day(3) },
    { _id: 'c', issuedAt: day(2), revokedAt: null },
    { _id: 'd', issuedAt: day(3), revokedAt: null },
  ];

  it('lists newest first and continues after a keyset cursor, ties broken by id', () => {
    expect(run(docs, certificateListFilter(), certificateListSort).map((d) => d._id)).toEqual(['d', 'c', 'b', 'a']);
    expect(
      run(docs, certificateListFilter({ issuedAt: day(2), id: 'c' }), certificateListSort).map((d) => d._id),
    ).toEqual(['b', 'a']);
  });

  it('revokes only a certificate that is not revoked yet', () => {
    expect(run(docs, certificateRevokeFilter('a')).map((d) => d._id)).toEqual(['a']);
    expect(run(docs, certificateRevokeFilter('b'))).toEqual([]);
  });
});

describe('mongo certificate model', () => {
  const { Certificate } = certificateModels(mongoose.createConnection());

  it('accepts an issued certificate', async () => {
    const { id, ...cert } = aCertificate({ code: '7K3M-Q9XD-2B4R-HT0W' });

    await expect(new Certificate({ _id: id, ...cert }).validate()).resolves.toBeUndefined();
  });

  it('rejects a code outside the Crockford alphabet and negative hours', async () => {
    const { id, ...cert } = aCertificate({ code: 'OOOO-IIII-LLLL-UUUU', hours: -1 });

    await expect(new Certificate({ _id: id, ...cert }).validate()).rejects.toMatchObject({
      errors: { code: expect.anything(), hours: expect.anything() },
    });
  });
});
