/** Pure builders of every MongoDB filter, pipeline and bulk operation of the stats and training adapters (tested with mingo). */
import { grainOf, UNIQUE_KINDS, type CounterRow } from '../../ledger/stats-contributions.js';
import type { StatsCountQuery, StatsDim, StatsFilter } from '../store.js';

const DIMS: StatsDim[] = ['course', 'country', 'sex', 'sector'];
const defined = (filter: StatsFilter) => DIMS.filter((d) => filter[d] !== undefined);
const dimMatch = (filter: StatsFilter) => Object.fromEntries(defined(filter).map((d) => [d, filter[d]]));

export function statsCountsPipeline(q: StatsCountQuery): Record<string, unknown>[] {
  return [
    {
      $match: {
        grain: grainOf([...defined(q.filter), ...(q.by ? [q.by] : [])]),
        metric: { $in: q.metrics },
        ...dimMatch(q.filter),
        month: { $gte: q.from, $lte: q.to },
      },
    },
    {
      $group: {
        _id: {
          metric: '$metric',
          month: q.wholePeriod ? '' : '$month',
          value: q.by ? `$${q.by}` : '',
          detail: '$detail',
        },
        n: { $sum: '$n' },
      },
    },
    { $match: { n: { $ne: 0 } } },
    {
      $project: {
        _id: 0,
        metric: '$_id.metric',
        month: '$_id.month',
        value: '$_id.value',
        detail: '$_id.detail',
        n: 1,
      },
    },
    { $sort: { metric: 1, month: 1, value: 1, detail: 1 } },
  ];
}

export function statsActivePipeline(q: {
  filter: StatsFilter;
  by?: StatsDim;
  from: string;
  to: string;
}): Record<string, unknown>[] {
  return [
    { $match: { month: { $gte: q.from, $lte: q.to }, n: { $gt: 0 }, ...dimMatch(q.filter) } },
    { $group: { _id: { value: q.by ? `$${q.by}` : '', user: '$user' } } },
    { $group: { _id: '$_id.value', n: { $sum: 1 } } },
    { $project: { _id: 0, value: '$_id', n: 1 } },
    { $sort: { value: 1 } },
  ];
}

export function registeredUsersFilter(q: { filter: StatsFilter; from: Date; to: Date }) {
  const { course: _c, ...userDims } = dimMatch(q.filter);
  return { createdAt: { $gte: q.from, $lt: q.to }, ...userDims };
}

/** Only the facts counted once per learner and course: the others never change a (learner, course) group. */
export const pairFactsFilter = (pairs: [string, string][]) => ({
  kind: { $in: [...UNIQUE_KINDS] },
  $or: pairs.map(([user, course]) => ({ user, course })),
});
export const yearActivityFilter = (years: [string, string][]) => ({
  $or: years.map(([user, y]) => ({ user, month: { $gte: `${y}-01`, $lte: `${y}-12` } })),
});

export const counterIncrement = (key: string, row: CounterRow & { n: number }) => {
  const { n, ...fields } = row;
  return { updateOne: { filter: { _id: key }, update: { $inc: { n }, $setOnInsert: fields }, upsert: true } };
};

export function trainersListFilter(includeWithdrawn?: boolean) {
  return includeWithdrawn ? {} : { withdrawnAt: null };
}
export const trainersListSort = { certifiedAt: -1, _id: 1 } as const;

export function sessionsListFilter(q: { trainerId?: string; before?: { date: string; id: string } }) {
  const and: Record<string, unknown>[] = [];
  if (q.trainerId) and.push({ trainerId: q.trainerId });
  if (q.before)
    and.push({ $or: [{ date: { $lt: q.before.date } }, { date: q.before.date, _id: { $lt: q.before.id } }] });
  return and.length ? { $and: and } : {};
}
export const sessionsListSort = { date: -1, _id: -1 } as const;
