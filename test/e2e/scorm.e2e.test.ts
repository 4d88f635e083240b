import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { createApp } from '../../server/app.js';
import { injectScormRuntime } from '../../server/packages/scorm/content-injection.js';
import { parseManifest } from '../../server/packages/scorm/manifest-parser.js';
import { createScormRuntime } from '../../server/packages/scorm/scorm-runtime-service.js';
import { scormFrameHtml, scormRuntimeFiles } from '../../server/packages/scorm/scorm-frame.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { testApp } from '../support/app.js';
import { scormPackages, writePackage } from '../support/scorm-packages.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const available = existsSync(CHROMIUM) || !!process.env.CI;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe.skipIf(!available)('SCORM course on a phone', () => {
  let browser: Browser;
  let server: Server;
  let url: string;
  let t: Awaited<ReturnType<typeof testApp>>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'praxis-scorm-e2e-'));
    writePackage(scormPackages.single12(), join(dir, 'golf'));
    t = await testApp({}, openSqliteStore(join(dir, 'praxis.db')));
    const parsed = parseManifest(scormPackages.single12().get('imsmanifest.xml') ?? '');
    if (!parsed.ok) throw new Error('fixture');
    const course = { slug: 'golf', version: '1', title: { en: 'Golf' }, defaultLanguage: 'en', languages: ['en'], estimatedMinutes: 5,
      certificate: true, manifest: parsed.manifest, contentBase: '/content/golf/1/' };
    t.deps.scorm = {
      runtime: createScormRuntime({ store: t.deps.store, publicUrl: t.deps.config.PUBLIC_URL, courses: async () => course, completionHooks: [],
        runtimeBase: '/content/_runtime/' }),
      publicUrl: t.deps.config.PUBLIC_URL, sandbox: 'allow-scripts allow-forms allow-popups allow-downloads', courseTitle: (title) => title.en ?? '',
    };
    const outer = express();
    const runtimeFiles = scormRuntimeFiles(join(import.meta.dirname, '../..'));
    outer.get('/content/_runtime/scorm-frame.html', (_q, r) => r.type('html').send(scormFrameHtml()));
    outer.get('/content/_runtime/:file', (q, r) => r.sendFile(runtimeFiles[String(q.params.file)] ?? '/nonexistent'));
    outer.get('/content/golf/1/:file', (q, r) => {
      const file = join(dir, 'golf', String(q.params.file));
      if (file.endsWith('.html')) r.type('html').send(injectScormRuntime(readFileSync(file, 'utf8'), '/content/_runtime/'));
      else r.sendFile(file);
    });
    outer.use(createApp(t.deps));
    server = outer.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    server?.closeAllConnections();
  });

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${url}/signin`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(`${url}/my`), page.click('main button[type=submit]')]);
  }
  const sco = async (page: Page): Promise<Frame> => {
    for (let i = 0; i < 50; i++) {
      const f = page.frames().find((x) => x.url().includes('/content/golf/1/index.html'));
      if (f && (await f.locator('#status').textContent().catch(() => ''))?.includes('Ready')) return f;
      await page.waitForTimeout(100);
    }
    throw new Error('the SCO did not start');
  };

  it('resumes in a new session where the learner left, then completes', async () => {
    const email = `scorm-${Date.now()}@example.org`;
    const password = 'a long enough secret';
    await t.deps.accounts.register({ email, password, displayName: 'Layla Haddad', country: 'JO', sex: 'female', sector: 'police',
      organisation: '', language: 'en' });
    const user = (await t.deps.store.users.findByEmail(email))!;
    const id = crypto.randomUUID();
    await t.deps.store.record({ entries: [], learning: { enrolmentId: id, ops: [{ type: 'enrol', enrolment: {
      id, userId: user.id, courseSlug: 'golf', courseVersion: '1', enrolledAt: new Date() } }] } });

    const first = await browser.newContext(PHONE);
    const page = await first.newPage();
    await signIn(page, email, password);
    await page.goto(`${url}/courses/golf/play`);
    let frame = await sco(page);
    expect(await frame.locator('#entry').textContent()).toBe('ab-initio');
    await frame.getByRole('button', { name: 'b' }).first().click();
    await frame.getByRole('button', { name: 'Next page' }).first().click();
    await expect.poll(async () => (await t.deps.store.scorm.ofRegistration(id))[0]?.cmi.location).toBe('2');
    await first.close({ reason: 'the learner leaves' });
    await expect.poll(async () => (await t.deps.store.scorm.ofRegistration(id))[0]?.cmi.exit, { timeout: 5000 }).toBe('suspend');

    const second = await browser.newContext(PHONE);
    const again = await second.newPage();
    await signIn(again, email, password);
    await again.goto(`${url}/courses/golf/play`);
    frame = await sco(again);
    expect(await frame.locator('#entry').textContent()).toBe('resume');
    expect(await frame.locator('#page').textContent()).toBe('2');
    expect(await frame.locator('#saved').textContent()).toBe('{"q1":"b"}');
    const box = await again.locator('#scorm-frame').boundingBox();
    expect(box?.width).toBe(390); // the SCO fills the phone's width
    await frame.locator('section[data-page="2"]').getByRole('button', { name: 'b' }).click();
    await frame.locator('section[data-page="2"]').getByRole('button', { name: 'Next page' }).click();
    await frame.locator('section[data-page="3"]').getByRole('button', { name: 'b' }).click();
    await frame.getByRole('button', { name: 'Finish' }).click();
    await expect.poll(async () => (await t.deps.store.learning.findEnrolment(user.id, 'golf'))?.completedAt).not.toBeNull();
    await again.getByText('You completed this course.').waitFor();
    await second.close();
  });
});
