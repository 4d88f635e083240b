import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { LearningOp, LedgerEntry, Store } from '../../server/store/store.js';
import { platformEntry } from '../../server/ledger/platform.js';

const URL = 'https://praxis.test';
const BASE = `${URL}/courses/c`;
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const ADL = 'http://adlnet.gov/expapi/';

/** A platform statement of registration `r`, as the learning service writes it (docs/xapi-vocabulary.md). */
function platform(
  r: string,
  now: Date,
  verb: string,
  objectId: string,
  type: string,
  ext: Record<string, unknown> = {},
  result?: object,
): LedgerEntry {
  return platformEntry(
    {
      actor: { objectType: 'Agent', account: { homePage: URL, name: 'u1' } },
      verb: { id: `${ADL}verbs/${verb}` },
      object: { objectType: 'Activity', id: objectId, definition: { type: `${ADL}activities/${type}` } },
      context: {
        registration: r,
        extensions: Object.fromEntries(Object.entries(ext).map(([k, v]) => [`${URL}/xapi/extensions/${k}`, v])),
      },
      ...(result ? { result } : {}),
    },
    { publicUrl: URL, now },
  );
}

/** Rebuilding progress from the ledger and following voided statements: the same in every adapter. */
export function learningRebuildContract(name: string, open: () => Promise<Store>) {
  describe(`learning rebuild contract: ${name}`, () => {
    let store: Store;
    let r: string;
    beforeEach(async () => {
      store = await open();
      r = randomUUID();
    });
    afterEach(async () => {
      await store.close();
    });
    const record = (entries: LedgerEntry[], ops: LearningOp[]) =>
      store.record({ entries, learning: { enrolmentId: r, ops } });

    async function journey() {
      await record(
        [platform(r, at(0), 'registered', BASE, 'course', { 'course-version': '1.0.0' })],
        [
          {
            type: 'enrol',
            enrolment: { id: r, userId: 'u1', courseSlug: 'c', courseVersion: '1.0.0', enrolledAt: at(0) },
          },
        ],
      );
      const lesson = platform(r, at(1), 'completed', `${BASE}/modules/m1/lessons/l1`, 'lesson');
      await record([lesson], [{ type: 'lessonDone', moduleId: 'm1', lessonId: 'l1', at: at(1) }]);
      const shown = { q1: ['b', 'a'] };
      await record(
        [platform(r, at(2), 'attempted', `${BASE}/quizzes/q`, 'assessment', { attempt: 'a1', shown })],
        [{ type: 'attemptStarted', attempt: { id: 'a1', quizId: 'q', startedAt: at(2), shown } }],
      );
      const answers = { q1: { type: 'single', choice: 'a' } };
      const passed = platform(
        r,
        at(3),
        'passed',
        `${BASE}/quizzes/q`,
        'assessment',
        { attempt: 'a1', answers },
        { score: { raw: 1, max: 1 }, success: true },
      );
      const module = platform(r, at(3), 'completed', `${BASE}/modules/m1`, 'module');
      await record(
        [passed, module],
        [
          {
            type: 'attemptSubmitted',
            attemptId: 'a1',
            quizId: 'q',
            answers,
            score: 1,
            maxScore: 1,
            passed: true,
            submittedAt: at(3),
          },
          { type: 'moduleCompleted', moduleId: 'm1', at: at(3) },
        ],
      );
      return { lesson, module };
    }
    const voiding = (id: string): LedgerEntry => ({
      clientId: 'tool',
      statement: {
        id: randomUUID(),
        actor: { objectType: 'Agent', mbox: 'mailto:a@example.org' },
        verb: { id: `${ADL}verbs/voided` },
        object: { objectType: 'StatementRef', id },
        timestamp: at(9).toISOString(),
        stored: at(9).toISOString(),
        authority: { objectType: 'Agent', mbox: 'mailto:a@example.org' },
        version: '1.0.3',
      },
    });

    it('rebuilds exactly the progress written incrementally', async () => {
      await journey();
      const before = await store.learning.progress(r);

      const result = await store.learning.rebuild();

      expect(result).toEqual({ registrations: 1, changed: 0 });
      expect(await store.learning.progress(r)).toEqual(before);
    });

    it('follows a voided lesson and module completion in the voiding transaction, and a rebuild agrees', async () => {
      const { lesson, module } = await journey();
      const before = (await store.learning.progress(r))!;

      await store.record({ entries: [voiding(lesson.statement.id), voiding(module.statement.id)] });
      const after = (await store.learning.progress(r))!;
      const rebuilt = await store.learning.rebuild();

      expect(after.doneLessons).toEqual([]);
      expect(after.completedModules).toEqual([]);
      expect(after.attempts).toEqual(before.attempts);
      expect(after.enrolment.version).toBe(before.enrolment.version + 1);
      expect(rebuilt.changed).toBe(0);
    });

    it('removes the enrolment when its registered statement is voided', async () => {
      await journey();
      const registered = (await store.statements.query({ registration: r, verb: `${ADL}verbs/registered`, limit: 1 }))
        .statements[0];

      await store.record({ entries: [voiding(registered.id)] });

      expect(await store.learning.progress(r)).toBeNull();
      expect(await store.learning.attempt('a1')).toBeNull();
    });
  });
}
