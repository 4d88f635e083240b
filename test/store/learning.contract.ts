import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { LearningChange, LedgerChange, Store } from '../../server/store/store.js';
import { aStoredStatement } from './store.contract.js';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const change = (learning: LearningChange): LedgerChange => ({
  entries: [{ statement: aStoredStatement(), clientId: null }],
  learning,
});

/** Enrolments, progress and attempts: written only through store.record, idempotent inside the transaction. */
export function learningContract(name: string, open: () => Promise<Store>) {
  describe(`learning contract: ${name}`, () => {
    let store: Store;
    let id: string;
    const enrol = () =>
      store.record(
        change({
          enrolmentId: id,
          ops: [
            {
              type: 'enrol',
              enrolment: { id, userId: 'u1', courseSlug: 'c', courseVersion: '1.0.0', enrolledAt: at(0) },
            },
          ],
        }),
      );
    beforeEach(async () => {
      store = await open();
      id = randomUUID();
    });
    afterEach(async () => {
      await store.close();
    });

    it('enrols once: a second enrolment in the same course writes nothing', async () => {
      await enrol();

      await expect(
        store.record(
          change({
            enrolmentId: randomUUID(),
            ops: [
              {
                type: 'enrol',
                enrolment: {
                  id: randomUUID(),
                  userId: 'u1',
                  courseSlug: 'c',
                  courseVersion: '1.0.0',
                  enrolledAt: at(1),
                },
              },
            ],
          }),
        ),
      ).rejects.toMatchObject({ code: 'already_recorded' });

      expect(await store.learning.findEnrolment('u1', 'c')).toMatchObject({
        id,
        courseVersion: '1.0.0',
        version: 1,
        completedAt: null,
        enrolledAt: at(0),
      });
      expect(await store.learning.enrolmentsOf('u1')).toHaveLength(1);
      expect(await store.statements.count()).toBe(1);
    });

    it('marks a lesson done once and remembers the last lesson opened', async () => {
      await enrol();
      await store.record(
        change({
          enrolmentId: id,
          expectedVersion: 1,
          ops: [
            { type: 'lessonOpened', moduleId: 'm1', lessonId: 'l1' },
            { type: 'lessonDone', moduleId: 'm1', lessonId: 'l1', at: at(2) },
          ],
        }),
      );

      await expect(
        store.record(
          change({ enrolmentId: id, ops: [{ type: 'lessonDone', moduleId: 'm1', lessonId: 'l1', at: at(3) }] }),
        ),
      ).rejects.toMatchObject({ code: 'already_recorded' });

      const p = await store.learning.progress(id);
      expect(p?.doneLessons).toEqual([{ moduleId: 'm1', lessonId: 'l1', doneAt: at(2) }]);
      expect(p?.enrolment).toMatchObject({ lastModuleId: 'm1', lastLessonId: 'l1', version: 2 });
      expect(await store.statements.count()).toBe(2);
    });

    it('refuses a change made from a stale read, writing neither statements nor progress', async () => {
      await enrol();
      await store.record(
        change({
          enrolmentId: id,
          expectedVersion: 1,
          ops: [{ type: 'lessonDone', moduleId: 'm1', lessonId: 'l1', at: at(2) }],
        }),
      );

      await expect(
        store.record(
          change({
            enrolmentId: id,
            expectedVersion: 1,
            ops: [{ type: 'lessonDone', moduleId: 'm1', lessonId: 'l2', at: at(3) }],
          }),
        ),
      ).rejects.toMatchObject({ code: 'progress_changed' });

      expect((await store.learning.progress(id))?.doneLessons).toHaveLength(1);
      expect(await store.statements.count()).toBe(2);
    });

    it('submits an attempt once, keeping the order shown, and enforces the attempt limit', async () => {
      await enrol();
      const a1 = randomUUID();
      const a2 = randomUUID();
      const submit = (attemptId: string, max?: number) =>
        store.record(
          change({
            enrolmentId: id,
            ops: [
              {
                type: 'attemptSubmitted',
                attemptId,
                quizId: 'q',
                answers: { q1: 'b' },
                score: 1,
                maxScore: 2,
                passed: false,
                submittedAt: at(5),
                maxAttempts: max,
              },
            ],
          }),
        );
      await store.record(
        change({
          enrolmentId: id,
          ops: [
            { type: 'attemptStarted', attempt: { id: a1, quizId: 'q', startedAt: at(4), shown: { q1: ['b', 'a'] } } },
            { type: 'attemptStarted', attempt: { id: a2, quizId: 'q', startedAt: at(6), shown: { q1: ['a', 'b'] } } },
          ],
        }),
      );

      await submit(a1, 1);
      await expect(submit(a1)).rejects.toMatchObject({ code: 'already_recorded' });
      await expect(submit(a2, 1)).rejects.toMatchObject({ code: 'attempt_limit' });

      expect(await store.learning.attempt(a1)).toMatchObject({
        id: a1,
        enrolmentId: id,
        quizId: 'q',
        shown: { q1: ['b', 'a'] },
        answers: { q1: 'b' },
        score: 1,
        maxScore: 2,
        passed: false,
        submittedAt: at(5),
      });
      expect(await store.learning.attempt(a2)).toMatchObject({ submittedAt: null, passed: null, answers: null });
      expect((await store.learning.progress(id))?.attempts.map((a) => a.id)).toEqual([a1, a2]);
    });

    it('completes a module and the course once', async () => {
      await enrol();
      await store.record(
        change({
          enrolmentId: id,
          ops: [
            { type: 'moduleCompleted', moduleId: 'm1', at: at(7) },
            { type: 'courseCompleted', at: at(8) },
          ],
        }),
      );

      await expect(
        store.record(change({ enrolmentId: id, ops: [{ type: 'moduleCompleted', moduleId: 'm1', at: at(9) }] })),
      ).rejects.toMatchObject({ code: 'already_recorded' });
      await expect(
        store.record(change({ enrolmentId: id, ops: [{ type: 'courseCompleted', at: at(9) }] })),
      ).rejects.toMatchObject({ code: 'already_recorded' });

      const p = await store.learning.progress(id);
      expect(p?.completedModules).toEqual([{ moduleId: 'm1', completedAt: at(7) }]);
      expect(p?.enrolment.completedAt).toEqual(at(8));
    });

    it('answers null for unknown enrolments and attempts', async () => {
      expect(await store.learning.findEnrolment('nobody', 'c')).toBeNull();
      expect(await store.learning.progress(randomUUID())).toBeNull();
      expect(await store.learning.attempt(randomUUID())).toBeNull();
    });
  });
}
