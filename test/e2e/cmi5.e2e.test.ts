import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, startServer } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { cmi5Package } from '../support/cmi5-packages.js';

type Server = Awaited<ReturnType<typeof startServer>>;
const PASSWORD = 'a long enough secret';

describe.skipIf(!browserAvailable())(
  'a cmi5 package in a browser: upload, launch, complete, certificate, statistics',
  () => {
    let browser: Browser;
    let server: Server;

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startServer();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function signIn(page: Page, email: string) {
      await page.goto(`${server.url}/signin`);
      await page.fill('#email', email);
      await page.fill('#password', PASSWORD);
      await Promise.all([page.waitForURL(/\/my$/), page.click('main button[type=submit]')]);
    }
    async function account(email: string, roles: ('learner' | 'admin' | 'manager')[]) {
      const user = await server.deps.accounts.register({
        email,
        password: PASSWORD,
        displayName: 'Sara Mendes',
        country: 'MZ',
        sex: 'female',
        sector: 'police',
        organisation: '',
        language: 'en',
      });
      if (roles.length > 1) await server.deps.store.users.setRoles(user.id, roles, new Date());
      return user;
    }

    /** Opens a unit from the course outline and plays it in its frame: the AU's own buttons, then Exit. */
    async function playUnit(page: Page, title: string, button: string) {
      await page.locator('ol.outline').getByRole('link', { name: title }).click();
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Start' }).click()]);
      const frame = page.frameLocator('iframe.package-frame');
      await frame.locator('body[data-ready="true"]').waitFor();
      expect(await frame.locator('#mode').textContent()).toBe('Normal');
      await frame.getByRole('button', { name: button }).click();
      await expect.poll(() => frame.locator('#log').textContent()).toContain(' 200');
      // terminated, then the AU sends the whole window back to Praxis (LaunchData's returnURL).
      await Promise.all([page.waitForURL(/returned=1/), frame.getByRole('button', { name: 'Exit' }).click()]);
      expect(await page.getByRole('status').textContent()).toBe('Done');
    }

    it('an administrator uploads it; a learner enrols, plays both units and gets the certificate; the manager sees the completion', async () => {
      await account('cmi5-admin@example.org', ['learner', 'admin']);
      const learner = await account('cmi5-learner@example.org', ['learner']);
      await account('cmi5-manager@example.org', ['learner', 'manager']);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));

      await signIn(page, 'cmi5-admin@example.org');
      await page.goto(`${server.url}/admin/courses`);
      await page.setInputFiles('#package', cmi5Package());
      await Promise.all([
        page.waitForURL(/imported=1/),
        page.getByRole('button', { name: 'Upload and check' }).click(),
      ]);
      expect(await page.getByRole('status').textContent()).toContain('Version 1 was imported.');
      await page.context().clearCookies();

      await signIn(page, 'cmi5-learner@example.org');
      await page.goto(`${server.url}/courses`);
      await page.getByRole('link', { name: 'Road safety for first responders' }).click();
      await Promise.all([
        page.waitForURL(/enrolled=1/),
        page.getByRole('button', { name: 'Enrol in this course' }).click(),
      ]);
      await playUnit(page, 'Stopping distances', 'Complete');
      await page.goto(`${server.url}/courses/road-safety-for-first-responders`);
      expect(await page.locator('progress[aria-labelledby="course-progress"]').getAttribute('value')).toBe('1');
      await playUnit(page, 'Check your knowledge', 'Pass with 90%');

      const cert = await eventually(
        () => server.deps.store.certificates.findForUserCourse(learner.id, 'road-safety-for-first-responders'),
        (c) => c !== null,
        'the certificate',
      );
      await page.goto(`${server.url}/my`);
      expect(await page.locator('main').textContent()).toContain('Road safety for first responders');
      await page.goto(`${server.url}/verify/${cert!.code}`);
      expect(await page.locator('main').textContent()).toContain('Road safety for first responders');
      await page.context().clearCookies();

      await signIn(page, 'cmi5-manager@example.org');
      const stats = await page.evaluate(
        async () => (await (await fetch('/api/stats/dashboard')).json()) as { totals: { completions: number } },
      );
      expect(stats.totals.completions).toBe(1);
      expect(problems).toEqual([]);
      await context.close();
    }, 90_000);
  },
);
