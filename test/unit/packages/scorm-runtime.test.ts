import { lessonMap } from '../../../server/packages/scorm/scorm-courses.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { parseManifest } from '../../../server/packages/scorm/manifest-parser.js';
import type { ScormCourse } from '../../../server/packages/scorm/scorm-course.js';
import { createScormRuntime, type ScormRuntime } from '../../../server/packages/scorm/scorm-runtime-service.js';
import type { CourseCompletedEvent } from '../../../server/learning/course-completion.js';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import type { Store, UserRecord } from '../../../server/store/store.js';
import { aUser } from '../../store/builders.js';
import { scormPackages, type PackageFiles } from '../../support/scorm-packages.js';

function courseFrom(files: PackageFiles, slug: string): ScormCourse {
  const parsed = parseManifest(files.get('imsmanifest.xml') ?? '');
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return {
    slug,
    version: '1',
    title: { en: parsed.manifest.title },
    defaultLanguage: 'en',
    languages: ['en'],
    estimatedMinutes: 10,
    certificate: true,
    manifest: parsed.manifest,
    contentBase: `/content/${slug}/1/`,
    lessons: lessonMap(parsed.manifest),
  };
}

describe('SCORM run-time service', () => {
  let store: Store;
  let runtime: ScormRuntime;
  let ada: UserRecord;
  const completions: CourseCompletedEvent[] = [];
  const courses = new Map([
    ['single', courseFrom(scormPackages.single12(), 'single')],
    ['multi', courseFrom(scormPackages.multi12(), 'multi')],
  ]);

  async function enrol(user: UserRecord, slug: string) {
    const id = randomUUID();
    await store.record({
      entries: [],
      learning: {
        enrolmentId: id,
        ops: [
          {
            type: 'enrol',
            enrolment: { id, userId: user.id, courseSlug: slug, courseVersion: '1', enrolledAt: new Date() },
          },
        ],
      },
    });
  }
  const commit = (
    user: UserRecord,
    l: { attemptId: string; sessionId: string },
    sequence: number,
    cmi: object,
    terminate = false,
  ) => runtime.commit(user, { attemptId: l.attemptId, sessionId: l.sessionId, sequence, terminate, cmi }, 'en');

  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    completions.length = 0;
    runtime = createScormRuntime({
      store,
      publicUrl: 'http://praxis.test',
      courses: async (slug) => courses.get(slug)!,
      completionHooks: [
        (e) => {
          completions.push(e);
          return {};
        },
      ],
      runtimeBase: '/rt/',
      wrapInFrame: false,
    });
    ada = await store.users.create(aUser({ displayName: 'Ada Lovelace' }));
    await enrol(ada, 'single');
  });
  afterEach(async () => {
    await store.close();
  });

  it('resumes where the learner left, in a new session, with the suspend data and the time so far', async () => {
    const first = await runtime.launch(ada, 'single', 'ITEM-1', { language: 'en' });
    await commit(ada, first, 1, { lessonStatus: 'incomplete', location: '2', suspendData: '{"q1":"b"}' });
    await commit(ada, first, 2, { exit: 'suspend', sessionTime: '00:00:30' }, true);

    const second = await runtime.launch(ada, 'single', 'ITEM-1', { language: 'en' });

    expect(second).toMatchObject({ attemptId: first.attemptId, attempt: 1, launchUrl: '/content/single/1/index.html' });
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(second.cmi).toMatchObject({
      'cmi.core.entry': 'resume',
      'cmi.core.lesson_location': '2',
      'cmi.suspend_data': '{"q1":"b"}',
      'cmi.core.total_time': '00:00:30',
      'cmi.core.student_name': 'Ada Lovelace',
      'cmi.student_data.mastery_score': '50',
    });
    const verbs = (await store.statements.query({ limit: 50, ascending: true })).statements.map((s) =>
      s.verb.id.split('/').pop(),
    );
    expect(verbs).toEqual(['initialized', 'suspended', 'resumed']);
  });

  it('completes the course when its only SCO is passed, once, with the completion hooks', async () => {
    const l = await runtime.launch(ada, 'single', 'ITEM-1', { language: 'en' });

    await commit(ada, l, 1, { lessonStatus: 'passed', scoreRaw: 100, scoreMin: 0, scoreMax: 100 });
    await commit(ada, l, 2, { lessonStatus: 'passed', exit: '', sessionTime: '00:01:00' }, true);

    const p = await store.learning.findEnrolment(ada.id, 'single');
    expect(p?.completedAt).not.toBeNull();
    expect(completions).toHaveLength(1);
    expect(completions[0]?.course).toMatchObject({ slug: 'single', certificate: true });
    expect((await store.learning.progress(p!.id))?.doneLessons).toEqual([
      expect.objectContaining({ moduleId: 'm0', lessonId: 'sco-1' }),
    ]);
    expect((await runtime.overview(ada, 'single')).bar).toMatchObject({ done: 1, total: 1, complete: true });
  });

  it('keeps a completed attempt: launching again reopens it completed, a new attempt only on request', async () => {
    const l = await runtime.launch(ada, 'single', 'ITEM-1', { language: 'en' });
    await commit(ada, l, 1, { lessonStatus: 'passed' }, true);

    const again = await runtime.launch(ada, 'single', 'ITEM-1', { language: 'en' });
    const fresh = await runtime.launch(ada, 'single', 'ITEM-1', { language: 'en', newAttempt: true });

    expect(again).toMatchObject({
      attemptId: l.attemptId,
      cmi: expect.objectContaining({ 'cmi.core.lesson_status': 'passed' }),
    });
    expect(fresh.attempt).toBe(2);
    expect(fresh.cmi['cmi.core.lesson_status']).toBeUndefined(); // not attempted: scorm-again's own default
    expect((await runtime.overview(ada, 'single')).bar.complete).toBe(true);
  });

  it('needs every SCO of a multi-SCO course; the asset completes when seen', async () => {
    await enrol(ada, 'multi');
    for (const sco of ['ITEM-1', 'ITEM-2']) {
      const l = await runtime.launch(ada, 'multi', sco, { language: 'en' });
      await commit(ada, l, 1, { lessonStatus: 'completed' }, true);
    }
    await runtime.launch(ada, 'multi', 'ITEM-4', { language: 'en' });
    expect((await store.learning.findEnrolment(ada.id, 'multi'))?.completedAt).toBeNull();

    const last = await runtime.launch(ada, 'multi', 'ITEM-3', { language: 'en' });
    await commit(ada, last, 1, { lessonStatus: 'completed' });

    expect((await store.learning.findEnrolment(ada.id, 'multi'))?.completedAt).not.toBeNull();
    expect((await runtime.overview(ada, 'multi')).bar).toMatchObject({ done: 3, total: 3 });
  });

  it("refuses another learner's attempt, an ended session, and a commit beyond the limits", async () => {
    const bo = await store.users.create(aUser());
    await enrol(bo, 'single');
    const l = await runtime.launch(ada, 'single', 'ITEM-1', { language: 'en' });

    await expect(commit(bo, l, 1, { location: 'hijack' })).rejects.toMatchObject({ status: 404 });
    await expect(commit(ada, l, 1, { suspendData: 'x'.repeat(4097) })).rejects.toBeInstanceOf(ZodError);
    await runtime.launch(ada, 'single', 'ITEM-1', { language: 'en' }); // another device takes over
    await expect(commit(ada, l, 2, { location: 'late' })).rejects.toMatchObject({ code: 'scorm_session_ended' });
    expect((await store.scorm.attempt(l.attemptId))?.cmi.location).toBe('');
  });

  it('applies a retried commit once', async () => {
    const l = await runtime.launch(ada, 'single', 'ITEM-1', { language: 'en' });
    const cmi = { interactions: [{ id: 'q1', learnerResponse: 'b', result: 'correct' }] };

    expect((await commit(ada, l, 1, cmi)).applied).toBe(true);
    expect((await commit(ada, l, 1, cmi)).applied).toBe(false);

    const answered = (await store.statements.query({ limit: 50, verb: 'http://adlnet.gov/expapi/verbs/answered' }))
      .statements;
    expect(answered).toHaveLength(1);
  });
});
