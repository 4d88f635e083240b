import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '../../server/store/store.js';
import { browserAvailable, launchBrowser, seriousA11yViolations, startServer } from '../support/browser.js';
import { issueCertificate } from '../support/certificates.js';

type Server = Awaited<ReturnType<typeof startServer>>;
const PHONE = { width: 390, height: 800 };
const DESKTOP = { width: 1280, height: 800 };
const PASSWORD = 'a long enough secret';

/** What a reviewer found on the learner, trainer and administrator pages (issue 16, items 5-14). */
describe.skipIf(!browserAvailable())('pages a reviewer found hard to use, in a browser', () => {
  let browser: Browser;
  let server: Server;
  const contexts: BrowserContext[] = [];
  let n = 0;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  async function account(roles: Role[] = ['learner'], language = 'en') {
    const email = `review-${++n}-${Date.now()}@example.org`;
    const user = await server.deps.accounts.register({
      email,
      password: PASSWORD,
      displayName: `Nadia Karimova ${n}`,
      country: 'UZ',
      sex: 'female',
      sector: 'police',
      organisation: '',
      language,
    });
    if (roles.length > 1) await server.deps.store.users.setRoles(user.id, roles, new Date());
    return { ...user, email };
  }
  async function signedIn(
    who: { email: string },
    viewport = DESKTOP,
    lang = 'en',
    javaScriptEnabled = true,
  ): Promise<Page> {
    const context = await browser.newContext({ viewport, javaScriptEnabled });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/lang/${lang}?next=/signin`);
    await page.fill('#email', who.email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/my$/), page.click('main button[type=submit]')]);
    return page;
  }
  const aboveTheFold = async (page: Page, selector: string) => {
    const box = await page.locator(selector).first().boundingBox();
    return !!box && box.y + box.height <= page.viewportSize()!.height;
  };

  it('confirms an enrolment at the top of a phone screen, with the first step (item 5)', async () => {
    const page = await signedIn(await account(), PHONE);
    await page.goto(`${server.url}/courses/essential-services-package`);
    expect(await aboveTheFold(page, 'form[action$="/enrol"] button')).toBe(true);

    await Promise.all([
      page.waitForURL(/enrolled=1/),
      page.getByRole('button', { name: 'Enrol in this course' }).click(),
    ]);

    expect(await page.getByRole('status').filter({ hasText: 'You are enrolled in this course.' }).isVisible()).toBe(
      true,
    );
    expect(await aboveTheFold(page, '#enrolled a.button')).toBe(true);
    expect(await page.locator('#enrolled a.button').textContent()).toMatch(/^Start: /);
  });

  it("gives course durations in hours and minutes with the language's plural forms (item 6)", async () => {
    const page = await signedIn(await account(), DESKTOP);
    await page.goto(`${server.url}/courses/alternatives-to-imprisonment`);
    expect(await page.locator('dl.facts').textContent()).toContain('6 hours, 30 minutes');

    await page.goto(`${server.url}/lang/ar?next=/courses/line-up-live-up`);

    const facts = (await page.locator('dl.facts').textContent()) ?? '';
    expect(facts).toContain('7 ساعات و50 دقيقة');
    expect(facts).not.toContain('470');
  });

  it("shows the catalogue's courses first on a phone, with the filters folded (item 7)", async () => {
    const context = await browser.newContext({ viewport: PHONE });
    contexts.push(context);
    const page = await context.newPage();

    await page.goto(`${server.url}/courses`);

    expect(await page.locator('details.filters-panel').getAttribute('open')).toBeNull();
    expect(await aboveTheFold(page, '.card-list .card h2')).toBe(true);
  });

  it("keeps a certificate code on one line and names the course in the viewer's language (item 8)", async () => {
    const learner = await account();
    const cert = await issueCertificate(
      server.deps.store,
      learner,
      {
        slug: 'line-up-live-up',
        version: '1.0.0',
        title: { en: 'Line Up Live Up' },
        defaultLanguage: 'en',
        languages: ['en'],
        estimatedMinutes: 470,
        certificate: true,
      },
      server.deps.config.PUBLIC_URL,
    );
    const context = await browser.newContext({ viewport: PHONE });
    contexts.push(context);
    const page = await context.newPage();

    await page.goto(`${server.url}/lang/es?next=/verify/${cert.code}`);

    const code = page.locator('code.cert-code');
    const lineHeight = await code.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight) || 24);
    expect((await code.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    const spanishTitle = (server.deps.catalogue.get('line-up-live-up').manifest.title as Record<string, string>).es!;
    expect(await page.locator('dl.facts').textContent()).toContain(spanishTitle);
  });

  it('keeps the phone header to one row, with a menu and the languages that open without JavaScript (items 9, 10)', async () => {
    const who = await account();
    for (const lang of ['en', 'ar']) {
      const page = await signedIn(who, PHONE, lang, false);

      expect((await page.locator('header.site-header').boundingBox())!.height).toBeLessThanOrEqual(64);
      expect(await page.locator('.nav-menu form[action="/signout"] button').isVisible()).toBe(false);
      await page.locator('.nav-menu > summary').click();
      expect(await page.locator('.nav-menu form[action="/signout"] button').isVisible()).toBe(true);
      expect(await page.locator('.menu-languages a[hreflang="zh"]').isVisible()).toBe(true);
    }
    const page = await signedIn(who, DESKTOP);
    const zh = page.locator('.languages a[hreflang="zh"]');
    expect(await zh.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^"?Praxis Language Names"?/);
    expect(
      await page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].some((f) => f.family.includes('Praxis Language Names') && f.status === 'loaded');
      }),
    ).toBe(true);
  });

  it('gives the trainer narrow count fields, running totals as they type, and totals over the list (item 11)', async () => {
    const page = await signedIn(await account(['learner', 'trainer']), DESKTOP);
    await page.goto(`${server.url}/training/sessions/new`);

    expect((await page.locator('#girls').boundingBox())!.width).toBeLessThan(120);
    await page.fill('#girls', '12');
    await page.fill('#boys', '9');
    expect(await page.locator('#sex-total').textContent()).toBe('21');
    await page.fill('#under13', '10');
    expect(await page.locator('#age-mismatch').isVisible()).toBe(true);
    await page.fill('#from13to15', '11');
    expect(await page.locator('#age-total').textContent()).toBe('21');
    expect(await page.locator('#age-mismatch').isVisible()).toBe(false);
    const boxes = await page
      .locator('.choice-grid label')
      .evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);
    expect(boxes).toBeLessThanOrEqual(3);

    await page.fill('#date', '2026-03-02');
    await page.selectOption('#country', 'UZ');
    await page.fill('#town', 'Namangan');
    await page.locator('.choice-grid input[value="1"]').check();
    await Promise.all([page.waitForURL(/saved=1/), page.click('main button[type=submit]')]);

    expect(await page.locator('.training-totals').textContent()).toContain('21');
    expect(await page.locator('td.ages').first().textContent()).toContain('Under 13: 10');
  });

  it("lists a hundred accounts compactly, searchable, filterable by role, with roles edited on the account's page (item 12)", async () => {
    const admin = await account(['learner', 'admin']);
    for (let i = 0; i < 60; i++)
      await server.deps.store.users.create({
        email: `bulk-${i}@example.org`,
        passwordHash: 'x',
        displayName: `Bulk ${i}`,
        country: 'KE',
        sex: 'male',
        sector: 'police',
        organisation: '',
        language: 'en',
      });
    const trainer = await account(['learner', 'trainer']);
    const page = await signedIn(admin, DESKTOP);

    await page.goto(`${server.url}/admin/users`);
    expect(await page.locator('main tbody tr').count()).toBe(50);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(2600);
    expect(await page.locator('main th').allTextContents()).toContain('Last signed in');
    await page.selectOption('#role', 'trainer');
    await Promise.all([page.waitForURL(/role=trainer/), page.click('form.filter-bar button')]);
    expect(await page.locator('main tbody td:nth-child(2)').allTextContents()).toContain(trainer.email);
    expect(await page.locator('main tbody tr').count()).toBeLessThan(10);

    await page.getByRole('link', { name: trainer.displayName }).click();
    await page.locator('input[name="roles"][value="manager"]').check();
    await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save roles' }).click()]);
    expect((await server.deps.store.users.findById(trainer.id))!.roles).toEqual(
      expect.arrayContaining(['trainer', 'manager']),
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("shows the statement viewer's results first, with a course picker (item 13)", async () => {
    const admin = await account(['learner', 'admin']);
    const learner = await account();
    await server.deps.learning.enrol(learner, 'line-up-live-up', 'en');
    const page = await signedIn(admin, DESKTOP);

    await page.goto(`${server.url}/admin/lrs/statements`);

    expect(await aboveTheFold(page, 'main tbody tr')).toBe(true);
    await page.locator('details.filters-panel > summary').click();
    expect(await page.locator('select#course option').allTextContents()).toContain(
      'Line Up Live Up: training of trainers for coaches and PE teachers',
    );
  });

  it('warns before creating an LRS client with the all scope (item 14)', async () => {
    const admin = await account(['learner', 'admin']);
    const page = await signedIn(admin, DESKTOP);
    await page.goto(`${server.url}/admin/lrs/clients`);
    const before = (await server.deps.store.lrsClients.list()).length;

    await page.fill('#name', 'Everything tool');
    await page.locator('input[name="scopes"][value="all"]').check();
    await page.getByRole('button', { name: 'Create the client' }).click();

    expect(await page.getByRole('alert').textContent()).toContain('This client would see and change everything.');
    expect((await server.deps.store.lrsClients.list()).length).toBe(before);
    await page.locator('#confirmAll').check();
    await page.getByRole('button', { name: 'Create the client' }).click();
    expect((await server.deps.store.lrsClients.list()).length).toBe(before + 1);
  });

  it('has no serious accessibility violations on these pages, in English and Arabic, on a phone', async () => {
    const trainerAdmin = await account(['learner', 'trainer', 'admin']);
    for (const lang of ['en', 'ar']) {
      const page = await signedIn(trainerAdmin, PHONE, lang);
      for (const path of [
        '/courses',
        '/courses/essential-services-package',
        '/training',
        '/training/sessions/new',
        '/admin/users',
        '/admin/lrs/statements',
        '/admin/lrs/clients',
      ]) {
        await page.goto(`${server.url}${path}`);
        expect({ lang, path, violations: await seriousA11yViolations(page) }).toEqual({ lang, path, violations: [] });
      }
    }
  }, 90_000);
});
