import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newLearner, signIn, startServer, type Server } from '../support/browser.js';
import { FIXTURE_COURSES } from '../support/learning.js';

const AXE = join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

async function seriousViolations(page: Page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(
    async () =>
      (
        await (
          window as unknown as {
            axe: { run: (d: Document) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
          }
        ).axe.run(document)
      ).violations,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length})`);
}

const submit = (page: Page, label: string) =>
  Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: label }).click()]).then(() =>
    page.waitForLoadState('load'),
  );

describe.skipIf(!browserAvailable())('learner journey in a browser', () => {
  let browser: Browser;
  let fixture: Server;
  let real: Server;
  const contexts: BrowserContext[] = [];
  const context = async (opts = {}) => {
    const c = await browser.newContext({ bypassCSP: true, ...opts });
    contexts.push(c);
    return c;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    fixture = await startServer({ COURSES_DIR: FIXTURE_COURSES });
    real = await startServer(); // the shipped courses
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await fixture?.close();
    await real?.close();
  });

  it('enrols, reads lessons, fails and retries a quiz, passes and completes the course (English), with no serious accessibility violations', async () => {
    const page = await (await context()).newPage();
    const base = fixture.url;
    await signIn(page, base, await newLearner(fixture.deps));
    const problems: string[] = [];

    await page.goto(`${base}/courses`);
    problems.push(...(await seriousViolations(page)));
    await page.click('a[href="/courses/fixture-course"]');
    await submit(page, 'Enrol in this course');
    problems.push(...(await seriousViolations(page)));
    await page.getByRole('link', { name: 'Start: Welcome' }).click();
    expect((await page.locator('h1').textContent())?.trim()).toBe('Welcome');
    expect(await page.locator('img[loading=lazy][width="40"][height="20"]').count()).toBe(1);
    problems.push(...(await seriousViolations(page)));
    await submit(page, 'Mark this lesson as done');
    expect((await page.locator('h1').textContent())?.trim()).toBe('The rules');
    await submit(page, 'Mark this lesson as done');
    expect((await page.locator('h1').textContent())?.trim()).toBe('Basics check');
    await submit(page, 'Start the quiz');
    problems.push(...(await seriousViolations(page)));
    await page.check('input[name="a.q1"][value="b"]');
    await submit(page, 'Submit my answers');
    expect((await page.locator('#outcome').textContent())?.trim()).toBe('You did not pass this time');
    problems.push(...(await seriousViolations(page)));
    await page.getByRole('link', { name: 'Try again' }).click();
    await submit(page, 'Start the quiz');
    await page.check('input[name="a.q1"][value="a"]');
    await page.check('input[name="a.q2"][value="a"]');
    await page.check('input[name="a.q2"][value="b"]');
    await page.check('input[name="a.q3"][value="true"]');
    for (const p of ['p1', 'p2', 'p3']) await page.selectOption(`select[name="m.q4.${p}"]`, p);
    for (const [s, pos] of [
      ['s1', '1'],
      ['s2', '2'],
      ['s3', '3'],
    ])
      await page.selectOption(`select[name="o.q5.${s}"]`, pos);
    await submit(page, 'Submit my answers');
    expect((await page.locator('#outcome').textContent())?.trim()).toBe('Well done: you passed');
    await page.getByRole('link', { name: 'Continue the course' }).click();
    expect((await page.locator('h1').textContent())?.trim()).toBe('Applying the rules');
    await submit(page, 'Mark this lesson as done');
    await submit(page, 'Start the quiz');
    await page.check('input[name="a.f1"][value="a"]');
    await page.check('input[name="a.f2"][value="false"]');
    await submit(page, 'Submit my answers');
    expect(await page.getByText('Congratulations: you have completed the course.').isVisible()).toBe(true);
    await page.goto(`${base}/my`);
    problems.push(...(await seriousViolations(page)));

    expect(await page.locator('#completed + ul').textContent()).toContain('Fixture course');
    expect(problems).toEqual([]);
  }, 60_000); // a whole course with axe on every page: slow on a loaded 2-core machine

  it('shows an Arabic lesson of Line Up Live Up right to left, with no serious accessibility violations', async () => {
    const page = await (await context({ locale: 'ar' })).newPage();
    const base = real.url;
    await signIn(page, base, await newLearner(real.deps, { language: 'ar' }));
    await page.goto(`${base}/courses/line-up-live-up`);
    await submit(page, 'التسجيل في هذه الدورة');

    await page.goto(
      `${base}/courses/line-up-live-up/modules/m1-sport-and-prevention/lessons/l1-from-doha-to-the-field`,
    );

    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('article.lesson').getAttribute('lang')).toBe('ar');
    expect((await page.locator('article.lesson h2').first().textContent())?.trim()).toBe('لماذا هذه الدورة؟');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lets a learner read a lesson and mark it done with JavaScript disabled', async () => {
    const page = await (await context({ javaScriptEnabled: false })).newPage();
    const base = fixture.url;
    await signIn(page, base, await newLearner(fixture.deps));
    await page.goto(`${base}/courses/fixture-course`);
    await submit(page, 'Enrol in this course');

    await page.goto(`${base}/courses/fixture-course/modules/m1-basics/lessons/l1-welcome`);
    await submit(page, 'Mark this lesson as done');

    expect(page.url()).toBe(`${base}/courses/fixture-course/modules/m1-basics/lessons/l2-rules`);
    await page.goto(`${base}/courses/fixture-course/modules/m1-basics/lessons/l1-welcome`);
    expect(await page.getByText('You have marked this lesson as done.').isVisible()).toBe(true);
  });
});
