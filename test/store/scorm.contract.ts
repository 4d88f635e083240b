import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ScormAttemptRecord, ScormCmi, Store } from '../../server/store/store.js';
import { aUser } from './builders.js';
import { aStoredStatement } from './store.contract.js';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
export const aCmi = (over: Partial<ScormCmi> = {}): ScormCmi => ({
  location: '',
  suspendData: '',
  lessonStatus: null,
  completionStatus: 'not attempted',
  successStatus: 'unknown',
  scoreRaw: null,
  scoreMin: null,
  scoreMax: null,
  scoreScaled: null,
  progressMeasure: null,
  totalTime: 0,
  sessionId: null,
  sessionTime: 0,
  sequence: 0,
  entry: 'ab-initio',
  exit: '',
  interactions: [],
  objectives: [],
  ...over,
});
export const aScormAttempt = (
  over: Partial<Omit<ScormAttemptRecord, 'version'>> = {},
): Omit<ScormAttemptRecord, 'version'> => ({
  id: randomUUID(),
  registration: 'r1',
  userId: 'u1',
  courseSlug: 'scorm-course',
  scoId: 'ITEM-1',
  attempt: 1,
  sessions: 1,
  cmi: aCmi(),
  startedAt: at(0),
  updatedAt: at(0),
  endedAt: null,
  ...over,
});
const entry = () => [{ statement: aStoredStatement(), clientId: null }];

/** SCORM attempts: written only through store.record with their statements, guarded by a version. */
export function scormContract(name: string, open: () => Promise<Store>) {
  describe(`scorm contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates an attempt with its statements and reads it back whole', async () => {
      const a = aScormAttempt({
        cmi: aCmi({
          location: 'p2',
          suspendData: 'x'.repeat(64_000),
          interactions: [
            {
              id: 'q1',
              type: 'choice',
              description: null,
              timestamp: null,
              learnerResponse: 'b',
              correctResponses: ['b'],
              result: 'correct',
              weighting: 1,
              latency: null,
              objectives: [],
            },
          ],
        }),
      });

      await store.record({ entries: entry(), scorm: [{ attempt: a, expectedVersion: null }] });

      expect(await store.scorm.attempt(a.id)).toEqual({ ...a, version: 1 });
      expect(await store.statements.count()).toBe(1);
    });

    it('updates only at the version that was read, and rolls back the statements of a lost race', async () => {
      const a = aScormAttempt();
      await store.record({ entries: entry(), scorm: [{ attempt: a, expectedVersion: null }] });
      await store.record({
        entries: entry(),
        scorm: [{ attempt: { ...a, cmi: aCmi({ location: 'p3' }), updatedAt: at(5) }, expectedVersion: 1 }],
      });

      await expect(
        store.record({
          entries: entry(),
          scorm: [{ attempt: { ...a, cmi: aCmi({ location: 'stale' }) }, expectedVersion: 1 }],
        }),
      ).rejects.toMatchObject({ code: 'progress_changed' });

      expect(await store.scorm.attempt(a.id)).toMatchObject({ version: 2, cmi: { location: 'p3' }, updatedAt: at(5) });
      expect(await store.statements.count()).toBe(2);
    });

    it('refuses a second attempt with the same number for the same SCO', async () => {
      await store.record({ entries: entry(), scorm: [{ attempt: aScormAttempt(), expectedVersion: null }] });

      await expect(
        store.record({ entries: entry(), scorm: [{ attempt: aScormAttempt(), expectedVersion: null }] }),
      ).rejects.toMatchObject({ code: 'progress_changed' });
      expect(await store.statements.count()).toBe(1);
    });

    it('lists the attempts of a SCO oldest first and the newest attempt of each SCO', async () => {
      const first = aScormAttempt({ endedAt: at(9) });
      const second = aScormAttempt({ attempt: 2, startedAt: at(10) });
      const other = aScormAttempt({ scoId: 'ITEM-2' });
      const elsewhere = aScormAttempt({ registration: 'r2' });
      for (const a of [second, first, other, elsewhere])
        await store.record({ entries: entry(), scorm: [{ attempt: a, expectedVersion: null }] });

      expect((await store.scorm.attempts('r1', 'ITEM-1')).map((a) => a.attempt)).toEqual([1, 2]);
      expect((await store.scorm.latestAttempts('r1')).map((a) => [a.scoId, a.attempt])).toEqual([
        ['ITEM-1', 2],
        ['ITEM-2', 1],
      ]);
      expect((await store.scorm.ofRegistration('r1')).map((a) => [a.scoId, a.attempt])).toEqual([
        ['ITEM-1', 1],
        ['ITEM-1', 2],
        ['ITEM-2', 1],
      ]);
      expect(await store.scorm.attempt('nope')).toBeNull();
    });

    it("erases a learner's attempts with the learner, and nobody else's", async () => {
      const ada = await store.users.create(aUser());
      const mine = aScormAttempt({ userId: ada.id });
      const theirs = aScormAttempt({ registration: 'r9', userId: 'someone-else' });
      await store.record({
        entries: entry(),
        scorm: [
          { attempt: mine, expectedVersion: null },
          { attempt: theirs, expectedVersion: null },
        ],
      });

      const counts = await store.eraseLearner(ada.id, []);

      expect(counts.scormAttempts).toBe(1);
      expect(await store.scorm.attempt(mine.id)).toBeNull();
      expect(await store.scorm.attempt(theirs.id)).not.toBeNull();
    });
  });
}
