import { describe, expect, it } from 'vitest';
import { aggregate, Query } from 'mingo';
import mongoose from 'mongoose';
import { scormAttemptSchema } from '../../../server/store/mongo/scorm-models.js';
import {
  scormAttemptFromDoc,
  scormAttemptsOfScoFilter,
  scormAttemptsOfScoSort,
  scormAttemptToDoc,
  scormAttemptUpdate,
  scormAttemptVersionFilter,
  scormLatestPipeline,
  scormOwnedFilter,
  scormRegistrationFilter,
  scormRegistrationSort,
} from '../../../server/store/mongo/scorm-queries.js';
import { aCmi, aScormAttempt } from '../../store/scorm.contract.js';

const run = (docs: object[], filter: object, sort?: Record<string, 1 | -1>) => {
  const cursor = new Query(filter as never).find(docs as never[]);
  return (sort ? cursor.sort(sort) : cursor).all() as Record<string, unknown>[];
};
const doc = (over: Parameters<typeof aScormAttempt>[0] = {}, version = 1) => ({
  ...scormAttemptToDoc(aScormAttempt(over)),
  version,
});

describe('mongo SCORM query documents', () => {
  it('matches an attempt only at the version that was read', () => {
    const d = doc({ id: 'a1' }, 3);

    expect(run([d], scormAttemptVersionFilter('a1', 3))).toHaveLength(1);
    expect(run([d], scormAttemptVersionFilter('a1', 2))).toHaveLength(0);
  });

  it("lists one SCO's attempts in order and a learner's attempts for erasure", () => {
    const docs = [
      doc({ attempt: 2 }),
      doc({ attempt: 1 }),
      doc({ scoId: 'other' }),
      doc({ registration: 'r2', userId: 'u2' }),
    ];

    expect(run(docs, scormAttemptsOfScoFilter('r1', 'ITEM-1'), scormAttemptsOfScoSort).map((d) => d.attempt)).toEqual([
      1, 2,
    ]);
    expect(run(docs, scormOwnedFilter('u2'))).toHaveLength(1);
    expect(run(docs, scormRegistrationFilter('r1'), scormRegistrationSort).map((d) => [d.scoId, d.attempt])).toEqual([
      ['ITEM-1', 1],
      ['ITEM-1', 2],
      ['other', 1],
    ]);
  });

  it('picks the newest attempt of each SCO of one registration', () => {
    const docs = [
      doc({ attempt: 1 }),
      doc({ attempt: 3 }),
      doc({ attempt: 2 }),
      doc({ scoId: 'A' }),
      doc({ registration: 'r2', attempt: 9 }),
    ];

    const latest = aggregate(docs, scormLatestPipeline('r1') as never) as Record<string, unknown>[];

    expect(latest.map((d) => [d.scoId, d.attempt])).toEqual([
      ['A', 1],
      ['ITEM-1', 3],
    ]);
  });

  it('updates the CMI body and moves the version on', () => {
    const a = aScormAttempt({ cmi: aCmi({ location: 'p9' }), endedAt: new Date(5) });

    expect(scormAttemptUpdate(a)).toEqual({
      $set: { sessions: 1, cmi: a.cmi, updatedAt: a.updatedAt, endedAt: new Date(5) },
      $inc: { version: 1 },
    });
    expect(scormAttemptFromDoc({ ...scormAttemptToDoc(a), version: 4 })).toEqual({ ...a, version: 4 });
  });

  it('validates a document with the model, without a connection', async () => {
    const Model = mongoose.model('ScormAttemptCheck', scormAttemptSchema);

    await expect(new Model(doc()).validate()).resolves.toBeUndefined();
    await expect(new Model({ ...doc(), attempt: 0 }).validate()).rejects.toThrow(/attempt/);
  });
});
