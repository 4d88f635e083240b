import { describe, expect, it } from 'vitest';
import { Query, updateMany } from 'mingo';
import { endedRateFilter, openRateFilter, rateHitUpdate } from '../../../server/store/mongo/rate-limit-queries.js';

// mingo applies the same update pipeline MongoDB would; an upsert starts from `{ _id: key }`.
const hit = (doc: Record<string, unknown>, now: Date, windowMs: number) => {
  const docs = [{ ...doc }];
  updateMany(docs, { _id: doc._id }, rateHitUpdate(now, windowMs));
  return docs[0];
};
const find = (docs: object[], filter: object) =>
  new Query(filter as never).find(docs as never[]).all() as Record<string, unknown>[];

describe('mongo rate-limit documents', () => {
  const t0 = new Date('2026-12-04T06:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('an upsert of a new key opens a window with a count of 1', () => {
    expect(hit({ _id: 'k' }, t0, 60_000)).toEqual({ _id: 'k', count: 1, resetAt: at(60_000), lastAt: t0 });
  });

  it('a hit in an open window counts up and keeps the window end', () => {
    const open = { _id: 'k', count: 3, resetAt: at(60_000), lastAt: t0 };

    expect(hit(open, at(59_999), 60_000)).toEqual({ _id: 'k', count: 4, resetAt: at(60_000), lastAt: at(59_999) });
  });

  it('a hit after the window ended starts again at 1', () => {
    const ended = { _id: 'k', count: 9, resetAt: at(60_000), lastAt: t0 };

    expect(hit(ended, at(60_000), 30_000)).toEqual({ _id: 'k', count: 1, resetAt: at(90_000), lastAt: at(60_000) });
  });

  it('reads only open windows and prunes only ended ones', () => {
    const docs = [
      { _id: 'open', resetAt: at(1) },
      { _id: 'ended', resetAt: t0 },
    ];

    expect(find(docs, openRateFilter('open', t0)).map((d) => d._id)).toEqual(['open']);
    expect(find(docs, openRateFilter('ended', t0))).toEqual([]);
    expect(find(docs, endedRateFilter(t0)).map((d) => d._id)).toEqual(['ended']);
  });
});
