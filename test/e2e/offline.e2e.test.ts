import { describe, expect, it } from 'vitest';
import { browserAndServer, browserAvailable, enrolledLearnerPage } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { FIXTURE_COURSES } from '../support/learning.js';

const COURSE = '/courses/fixture-course';
const LESSONS = ['m1-basics/lessons/l1-welcome', 'm1-basics/lessons/l2-rules', 'm2-practice/lessons/l1-apply'].map(
  (l) => `${COURSE}/modules/${l}`,
);
const EXPERIENCED = 'http://adlnet.gov/expapi/verbs/experienced';

describe.skipIf(!browserAvailable())(
  'offline reading in a browser (strict CSP, service worker)',
  { timeout: 90_000 },
  () => {
    const t = browserAndServer({ env: { COURSES_DIR: FIXTURE_COURSES } });

    /** A phone-sized learner, signed in and enrolled in the fixture course, on the course page. */
    const enrolledLearner = () =>
      enrolledLearnerPage(t, {
        slug: 'fixture-course',
        profile: { displayName: 'Aigerim Sadykova', country: 'KZ' },
        context: { viewport: { width: 390, height: 800 } },
        // Offline, the browser itself reports the requests that could not go out.
        ignore: (m) => /favicon|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(m.text() + m.location().url),
      });

    const registrationOf = async (userId: string) =>
      (await t.server.deps.store.learning.findEnrolment(userId, 'fixture-course'))!.id;

    it('saves a course, opens three lessons offline, queues one done, and the server has it once back online', async () => {
      const { context, page, userId, problems } = await enrolledLearner();
      const registration = await registrationOf(userId);
      const save = page.locator('#offline-panel .offline-save');
      await expect.poll(() => save.textContent()).toMatch(/^Make available offline \(\d+(\.\d)? MB\)$/);

      await save.click();
      await expect
        .poll(() => page.locator('#offline-panel .offline-state').textContent(), { timeout: 30_000 })
        .toMatch(/^Available offline on this device/);
      // Saving is not reading: no visit was recorded for the saved lessons.
      expect(
        (await t.server.deps.store.statements.query({ registration, verb: EXPERIENCED, limit: 10 })).statements,
      ).toHaveLength(0);

      await context.setOffline(true);
      for (const lesson of LESSONS) {
        await page.goto(`${t.server.url}${lesson}`);
        await expect.poll(() => page.locator('article.lesson h1').count()).toBe(1);
        await expect.poll(() => page.locator('#offline-status').isVisible()).toBe(true);
      }
      await page.goto(`${t.server.url}${LESSONS[1]}`);
      await page.getByRole('button', { name: 'Mark this lesson as done' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Marked as done on this device' }).count())
        .toBe(1);
      expect(await page.locator('#offline-status').textContent()).toContain('Waiting to be sent: 1');
      const markedAt = Date.now();
      await page.goto(`${t.server.url}${COURSE}/quizzes/m1-quiz`);
      expect(await page.locator('main').textContent()).toContain('You need a connection to take this quiz');
      expect(await page.locator('.offline-other').isHidden()).toBe(true);
      // The lesson is not done on the server while the phone is offline.
      expect((await t.server.deps.store.learning.progress(registration))!.doneLessons).toHaveLength(0);

      await page.goto(`${t.server.url}${LESSONS[1]}`);
      await context.setOffline(false);

      const progress = await eventually(
        () => t.server.deps.store.learning.progress(registration),
        (p) => !!p && p.doneLessons.length === 1,
        'the queued lesson reaches the server',
      );
      expect(progress!.doneLessons[0]).toMatchObject({ moduleId: 'm1-basics', lessonId: 'l2-rules' });
      expect(progress!.doneLessons[0]!.doneAt.getTime()).toBeLessThanOrEqual(markedAt);
      // The visits read offline arrive too, from the saved pages' tracker.
      await eventually(
        async () =>
          (await t.server.deps.store.statements.query({ registration, verb: EXPERIENCED, limit: 10 })).statements
            .length,
        (count) => count >= 3,
        'the offline visits reach the LRS',
      );
      await page.goto(`${t.server.url}${COURSE}`);
      expect(await page.locator('progress[aria-labelledby="course-progress"]').getAttribute('value')).toBe('1');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('replaces a saved older version, and forgets everything on sign-out', async () => {
      const { context, page } = await enrolledLearner();
      await page.evaluate(async () => {
        const old = await caches.open('praxis-course:fixture-course:0.9.0:en');
        await old.put('/__praxis/offline-complete', new Response('{}'));
      });

      await page.reload();
      await expect
        .poll(() => page.locator('#offline-panel .offline-state').textContent(), { timeout: 30_000 })
        .toContain('A new version of this course was saved');
      expect(await page.evaluate(() => caches.keys())).toEqual(['praxis-course:fixture-course:1.2.0:en']);

      await page.locator('.nav-menu > summary').click(); // a phone: sign-out is in the menu
      await Promise.all([page.waitForURL(`${t.server.url}/`), page.getByRole('button', { name: 'Sign out' }).click()]);
      await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([]);
      await context.close();
    });
  },
);
