import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StatsCountQuery } from '../../server/store/store.js';
import { aUser } from './builders.js';
import {
  assessed,
  completedCourse,
  completedModule,
  earned,
  experienced,
  registered,
  voiding,
} from '../support/xapi-builders.js';

const at = (iso: string) => new Date(iso);
const total = async (store: Store, metric: string, q: Partial<StatsCountQuery> = {}) =>
  (await store.stats.counts({ metrics: [metric], filter: {}, from: '2000-01', to: '2999-12', ...q })).reduce(
    (n, r) => n + r.n,
    0,
  );

/** The stats counters, kept in the ledger transaction, behave the same on every adapter. */
export function statsContract(name: string, open: () => Promise<Store>) {
  describe(`stats counters: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('counts enrolments and completions with the learner dimensions, by month', async () => {
      const ada = await store.users.create(aUser({ country: 'KE', sex: 'female', sector: 'police' }));
      const ben = await store.users.create(aUser({ country: 'BR', sex: 'male', sector: 'judiciary' }));

      await store.record({
        entries: [
          registered({ user: ada.id, course: 'c1', at: at('2025-01-10T10:00:00Z') }),
          registered({ user: ben.id, course: 'c1', at: at('2025-02-01T10:00:00Z') }),
        ],
      });
      await store.record({
        entries: [completedCourse({ user: ada.id, course: 'c1', at: at('2025-01-20T10:00:00Z') })],
      });

      expect(await total(store, 'enrolments')).toBe(2);
      expect(await total(store, 'completions')).toBe(1);
      expect(await total(store, 'completions', { filter: { country: 'BR' } })).toBe(0);
      expect(await total(store, 'enrolments', { filter: { sex: 'male', course: 'c1' } })).toBe(1);
      expect(
        await store.stats.counts({
          metrics: ['enrolments'],
          filter: {},
          by: 'country',
          from: '2025-01',
          to: '2025-12',
        }),
      ).toEqual(
        expect.arrayContaining([
          { metric: 'enrolments', month: '2025-01', value: 'KE', detail: '', n: 1 },
          { metric: 'enrolments', month: '2025-02', value: 'BR', detail: '', n: 1 },
        ]),
      );
      expect(await total(store, 'days')).toBe(1);
      expect(
        (await store.stats.counts({ metrics: ['days'], filter: {}, from: '2025-01', to: '2025-12' }))[0].detail,
      ).toBe('10');
    });

    it('sums a breakdown over the whole period into one row per value when asked', async () => {
      const ada = await store.users.create(aUser({ country: 'KE' }));
      const ben = await store.users.create(aUser({ country: 'BR' }));
      await store.record({
        entries: [
          registered({ user: ada.id, course: 'c1', at: at('2025-01-10T10:00:00Z') }),
          registered({ user: ada.id, course: 'c2', at: at('2025-03-10T10:00:00Z') }),
          registered({ user: ben.id, course: 'c1', at: at('2025-02-01T10:00:00Z') }),
        ],
      });

      const rows = await store.stats.counts({
        metrics: ['enrolments'],
        filter: {},
        by: 'country',
        from: '2025-01',
        to: '2025-12',
        wholePeriod: true,
      });

      expect(rows.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
        { metric: 'enrolments', month: '', value: 'BR', detail: '', n: 1 },
        { metric: 'enrolments', month: '', value: 'KE', detail: '', n: 2 },
      ]);
    });

    it('counts a learner who completes the same course twice once, at the first completion', async () => {
      const ada = await store.users.create(aUser());

      await store.record({
        entries: [
          registered({ user: ada.id, course: 'c1', at: at('2025-01-01T00:00:00Z') }),
          completedCourse({ user: ada.id, course: 'c1', at: at('2025-03-01T00:00:00Z') }),
        ],
      });
      await store.record({
        entries: [
          registered({ user: ada.id, course: 'c1', at: at('2025-04-01T00:00:00Z') }),
          completedCourse({ user: ada.id, course: 'c1', at: at('2025-05-01T00:00:00Z') }),
        ],
      });

      expect(await total(store, 'completions')).toBe(1);
      expect(await total(store, 'completions', { from: '2025-05', to: '2025-05' })).toBe(0);
      expect(await total(store, 'enrolments')).toBe(2);
      expect(await total(store, 'learners.enrolled')).toBe(1);
    });

    it('takes a voided statement out of the counters, falling back to the next completion', async () => {
      const ada = await store.users.create(aUser());
      const first = completedCourse({ user: ada.id, course: 'c1', at: at('2025-03-01T00:00:00Z') });
      await store.record({
        entries: [
          registered({ user: ada.id, course: 'c1', at: at('2025-01-01T00:00:00Z') }),
          first,
          completedCourse({ user: ada.id, course: 'c1', at: at('2025-06-01T00:00:00Z') }),
        ],
      });

      await store.record({ entries: [voiding(first.statement.id)] });

      expect(await total(store, 'completions', { from: '2025-03', to: '2025-03' })).toBe(0);
      expect(await total(store, 'completions', { from: '2025-06', to: '2025-06' })).toBe(1);
    });

    it('counts completions only from statements whose authority is the platform', async () => {
      const ada = await store.users.create(aUser());

      await store.record({
        entries: [completedCourse({ user: ada.id, course: 'c1', at: at('2025-03-01T00:00:00Z') }, 'some-tool')],
      });

      expect(await total(store, 'completions')).toBe(0);
      expect(await total(store, 'active.m')).toBe(1);
    });

    it('counts active learners once per month, quarter and year, per course and across courses', async () => {
      const ada = await store.users.create(aUser());
      const e = (course: string, iso: string) => experienced({ user: ada.id, course, module: 'm1', at: at(iso) });

      await store.record({
        entries: [e('c1', '2025-01-05T00:00:00Z'), e('c1', '2025-01-06T00:00:00Z'), e('c2', '2025-02-01T00:00:00Z')],
      });

      expect(await total(store, 'active.y', { from: '2025', to: '2025' })).toBe(1);
      expect(await total(store, 'active.y', { from: '2025', to: '2025', filter: { course: 'c1' } })).toBe(1);
      expect(await total(store, 'active.q', { from: '2025-Q1', to: '2025-Q1' })).toBe(1);
      expect(await total(store, 'active.m', { from: '2025-01', to: '2025-02' })).toBe(2);
      expect(await store.stats.activeLearners({ filter: {}, from: '2025-01', to: '2025-02' })).toEqual([
        { value: '', n: 1 },
      ]);
    });

    it('gives exactly the incremental numbers after a rebuild from the ledger', async () => {
      const users = [
        await store.users.create(aUser({ country: 'KE' })),
        await store.users.create(aUser({ country: 'FR', sex: 'male' })),
      ];
      const voided = assessed({ user: users[0].id, course: 'c1', module: 'm1', at: at('2025-02-02T00:00:00Z') }, true);
      for (const [i, u] of users.entries()) {
        const ev = { user: u.id, course: 'c1', at: at(`2025-0${i + 1}-10T00:00:00Z`) };
        await store.record({
          entries: [
            registered(ev),
            experienced({ ...ev, module: 'm1' }),
            assessed({ ...ev, module: 'm1' }, false),
            assessed({ ...ev, module: 'm1' }, true),
            completedModule({ ...ev, module: 'm1' }),
            assessed(ev, true),
            completedCourse(ev),
            earned(ev),
          ],
        });
      }
      await store.record({ entries: [voided] });
      await store.record({ entries: [voiding(voided.statement.id)] });
      await store.record({
        entries: [],
        trainers: [{ action: 'certify', userId: users[1].id, at: at('2025-03-01T00:00:00Z'), source: 'admin' }],
      });
      const incremental = await store.stats.dump();

      await store.stats.rebuild();

      expect(incremental.length).toBeGreaterThan(50);
      expect(await store.stats.dump()).toEqual(incremental);
    });

    it('keeps each fact under the profile the learner had when it was stored, through a profile change and a rebuild', async () => {
      const tick = () => new Promise((r) => setTimeout(r, 5));
      const learner = await store.users.create(aUser({ country: 'EG', sex: 'female', sector: 'police' }));
      await store.record({ entries: [registered({ user: learner.id, course: 'c1', at: at('2026-01-10T10:00:00Z') })] });
      await tick();
      await store.users.updateProfile(learner.id, { ...learner, country: 'JP', sex: 'male' }, new Date());
      await tick();
      await store.record({ entries: [registered({ user: learner.id, course: 'c2', at: at('2026-02-10T10:00:00Z') })] });
      const incremental = await store.stats.dump();

      await store.stats.rebuild();

      expect(await store.stats.dump()).toEqual(incremental);
      expect(await total(store, 'enrolments', { filter: { country: 'EG', sex: 'female' } })).toBe(1);
      expect(await total(store, 'enrolments', { filter: { country: 'JP', sex: 'male' } })).toBe(1);
    });

    it('counts an imported account from the registration date it came with', async () => {
      await store.users.create(aUser({ country: 'KE', createdAt: at('2024-05-01T00:00:00Z') }));

      const then = await store.stats.registeredUsers({
        filter: {},
        from: at('2024-01-01T00:00:00Z'),
        to: at('2025-01-01T00:00:00Z'),
      });

      expect(then).toBe(1);
    });

    it('certifies and withdraws a trainer, with the role and the counter', async () => {
      const ada = await store.users.create(aUser());

      await store.record({
        entries: [],
        trainers: [
          {
            action: 'certify',
            userId: ada.id,
            at: at('2025-03-01T00:00:00Z'),
            source: 'course',
            certificateRef: 'ABCD',
          },
        ],
      });
      const certified = {
        trainer: await store.training.trainer(ada.id),
        roles: (await store.users.findById(ada.id))!.roles,
        n: await total(store, 'trainers'),
      };
      await store.record({
        entries: [],
        trainers: [{ action: 'withdraw', userId: ada.id, at: at('2025-04-01T00:00:00Z'), reason: 'left' }],
      });

      expect(certified).toMatchObject({
        trainer: { certificateRef: 'ABCD', source: 'course', withdrawnAt: null },
        roles: ['learner', 'trainer'],
        n: 1,
      });
      expect(await store.training.trainer(ada.id)).toMatchObject({ withdrawnReason: 'left' });
      expect((await store.users.findById(ada.id))!.roles).toEqual(['learner']);
      expect(await total(store, 'trainers')).toBe(0);
    });
  });
}
