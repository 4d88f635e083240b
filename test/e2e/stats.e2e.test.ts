import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedDemo, DEMO_PASSWORD } from '../../scripts/lib/demo-programme.js';
import { browserAvailable, launchBrowser, seriousA11yViolations, startServer } from '../support/browser.js';

describe.runIf(browserAvailable())('statistics in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer();
    await seedDemo(server.deps, { seed: 4, learners: 20, now: new Date() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the dashboard, its tables and charts, in English and Arabic, and the report, without serious accessibility violations', {
    timeout: 90_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();

    await page.goto(`${server.url}/signin`);
    await page.getByLabel('E-mail address').fill('manager@demo.praxis.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    await page.goto(`${server.url}/stats`);
    await page.getByLabel('Custom months').check();
    await page.getByLabel('From (month)').fill('2020-01');
    await page.getByLabel('To (month)').fill('2030-12');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL((u) => u.searchParams.get('period') === 'custom');
    const tables = await page.locator('table').count();
    const charts = await page.locator('svg[role="img"]').count();
    const english = await seriousA11yViolations(page);
    await page.locator('.languages a[hreflang="ar"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    const dir = await page.locator('html').getAttribute('dir');
    const arabic = await seriousA11yViolations(page);
    await page.goto(`${server.url}/stats/report?lang=en&year=${new Date().getUTCFullYear()}`);
    const report = await seriousA11yViolations(page);

    expect(tables).toBeGreaterThanOrEqual(8);
    expect(charts).toBeGreaterThanOrEqual(3);
    expect(english).toEqual([]);
    expect(dir).toBe('rtl');
    expect(arabic).toEqual([]);
    expect(report).toEqual([]);
    await context.close();
  });
});
