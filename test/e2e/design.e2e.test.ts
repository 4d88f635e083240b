import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, seriousA11yViolations, startServer } from '../support/browser.js';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

describe.runIf(browserAvailable())('the design pass in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function visit(lang: string, viewport: typeof DESKTOP, javaScriptEnabled = true) {
    const context = await browser.newContext({ viewport, javaScriptEnabled });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
        problems.push(`${m.text()} ${m.location().url}`);
    });
    // A lazy image still loading when the test moves to the next page is aborted, not failed.
    page.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    await page.goto(`${server.url}/lang/${lang}?next=/`);
    return { page, problems, close: () => context.close() };
  }

  for (const lang of ['en', 'ar'])
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const)
      it(`home and catalogue: no serious axe violations, no CSP or load errors (${lang}, ${name})`, async () => {
        const { page, problems, close } = await visit(lang, viewport);
        for (const path of ['/', '/courses']) {
          await page.goto(`${server.url}${path}`);
          await page.waitForLoadState('networkidle');
          expect({ lang, path, violations: await seriousA11yViolations(page) }).toEqual({ lang, path, violations: [] });
          // Every course drawing loaded (and none blocked by the CSP).
          const broken = await page.$$eval('img', (imgs) =>
            imgs
              .filter((i) => i.loading !== 'lazy' || i.getBoundingClientRect().top < innerHeight)
              .filter((i) => !i.complete || i.naturalWidth === 0)
              .map((i) => i.src),
          );
          expect(broken).toEqual([]);
        }
        expect(problems).toEqual([]);
        await close();
      }, 60_000);

  it('mirrors the layout in Arabic: the course drawing sits on the left of its header', async () => {
    const { page, close } = await visit('ar', DESKTOP);
    await page.goto(`${server.url}/courses/line-up-live-up`);

    const [title, art] = await Promise.all([
      page.locator('.course-header h1').boundingBox(),
      page.locator('.course-header .card-art').boundingBox(),
    ]);

    expect(art!.x).toBeLessThan(title!.x);
    await close();
  });

  it('shows a visible focus ring on links and buttons, from the keyboard', async () => {
    const { page, close } = await visit('en', DESKTOP);
    await page.goto(`${server.url}/`);

    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // brand
    const style = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement as Element);
      return { bg: s.backgroundColor, shadow: s.boxShadow };
    });

    expect(style.bg).toBe('rgb(255, 191, 71)');
    expect(style.shadow).not.toBe('none');
    await close();
  });

  it('works without JavaScript: the phone menu opens and the home page has its figures and courses', async () => {
    const { page, close } = await visit('en', PHONE, false);
    await page.goto(`${server.url}/`);

    await page.locator('.nav-menu > summary').click();

    expect(await page.locator('.nav-menu nav a[href="/courses"]').isVisible()).toBe(true);
    expect(await page.locator('[data-figure="learners"]').count()).toBe(1);
    expect(await page.locator('.course-card').count()).toBe(3);
    await close();
  });
});
