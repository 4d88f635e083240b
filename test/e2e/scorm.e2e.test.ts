import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import request from 'supertest';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { signedInWithRoles, testApp } from '../support/app.js';
import { browserAvailable, enrolIn, launchBrowser, newLearner, signIn } from '../support/browser.js';
import { scormPackages, scormZip } from '../support/scorm-packages.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe.skipIf(!browserAvailable())('a SCORM course on a phone', () => {
  let browser: Browser;
  let server: Server;
  let url: string;
  let t: Awaited<ReturnType<typeof testApp>>;
  let slug: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'praxis-scorm-e2e-'));
    t = await testApp({ DATA_DIR: dir }, openSqliteStore(join(dir, 'praxis.db')));
    slug = (await t.deps.packages.importZip(scormZip(scormPackages.single12()), { by: null, publish: true })).slug;
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    server?.closeAllConnections();
  });

  /** The SCO's own frame (inside the SCORM frame), once its script has found the API. */
  async function sco(page: Page): Promise<Frame> {
    for (let i = 0; i < 100; i++) {
      const f = page.frames().find((x) => x.url().includes(`/content/${slug}/1/index.html`));
      if (
        f &&
        (
          await f
            .locator('#status')
            .textContent()
            .catch(() => '')
        )?.includes('Ready')
      )
        return f;
      await page.waitForTimeout(100);
    }
    throw new Error('the SCO did not start');
  }

  it('launches, answers, leaves, resumes in a new session where it left off, completes, certifies and counts', {
    timeout: 90_000,
  }, async () => {
    const who = await newLearner(t.deps);

    const first = await browser.newContext(PHONE);
    const page = await first.newPage();
    await signIn(page, url, who);
    await enrolIn(page, url, slug);
    await page.goto(`${url}/courses/${slug}/modules/m0/lessons/sco-1`); // the catalogue's lesson link opens the player
    await page.waitForURL(/\/play/);
    let frame = await sco(page);
    expect(await frame.locator('#entry').textContent()).toBe('ab-initio');
    expect(await frame.locator('#learner').textContent()).toBe('Layla Haddad');
    await frame.getByRole('button', { name: 'b' }).first().click();
    await frame.getByRole('button', { name: 'Next page' }).first().click();
    const registration = (await t.deps.store.learning.findEnrolment(who.id, slug))!.id;
    const attempt = async () => (await t.deps.store.scorm.ofRegistration(registration))[0];
    await expect.poll(async () => (await attempt())?.cmi.location).toBe('2');
    await first.close(); // the learner leaves: the session ends with keepalive, suspended

    await expect.poll(async () => (await attempt())?.cmi.exit, { timeout: 5000 }).toBe('suspend');
    const second = await browser.newContext(PHONE); // another device
    const again = await second.newPage();
    await signIn(again, url, who);
    await again.goto(`${url}/courses/${slug}/play`);
    frame = await sco(again);
    expect(await frame.locator('#entry').textContent()).toBe('resume');
    expect(await frame.locator('#page').textContent()).toBe('2');
    expect(await frame.locator('#saved').textContent()).toBe('{"q1":"b"}');
    expect((await again.locator('#scorm-frame').boundingBox())?.width).toBe(390); // the SCO fills the phone's width
    await frame.locator('section[data-page="2"]').getByRole('button', { name: 'b' }).click();
    await frame.locator('section[data-page="2"]').getByRole('button', { name: 'Next page' }).click();
    await frame.locator('section[data-page="3"]').getByRole('button', { name: 'b' }).click();
    await frame.getByRole('button', { name: 'Finish' }).click();
    await again.getByText('You completed this course.').waitFor();

    expect(await attempt()).toMatchObject({ cmi: { lessonStatus: 'passed', scoreRaw: 100 } });
    expect((await t.deps.store.learning.findEnrolment(who.id, slug))?.completedAt).not.toBeNull();
    expect(await t.deps.store.certificates.findForUserCourse(who.id, slug)).not.toBeNull();
    await again.goto(`${url}/my`);
    await again.locator('#my-certificates').getByText('Single SCO (SCORM 1.2)', { exact: false }).first().waitFor();
    const { agent: manager } = await signedInWithRoles(t, ['learner', 'manager']);
    const stats = await manager.get(`/api/stats/dashboard?period=year&year=${new Date().getUTCFullYear()}`).expect(200);
    expect(stats.body.totals.completions).toBe(1);
    expect(stats.body.courses.find((c: { key: string }) => c.key === slug)).toMatchObject({ completions: 1 });
    await second.close();
    expect((await request(t.app).get('/healthz')).status).toBe(200);
  });
});
