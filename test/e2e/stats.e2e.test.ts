import { describe, expect, it } from 'vitest';
import { DEMO_MANAGER, seedDemo } from '../../scripts/lib/demo-programme.js';
import { browserAndServer, browserAvailable, seriousA11yViolations, signedInPage } from '../support/browser.js';

describe.runIf(browserAvailable())('statistics in a real browser', () => {
  const t = browserAndServer({ fill: (deps) => seedDemo(deps, { seed: 4, learners: 20, now: new Date() }) });

  it('shows the dashboard, its tables and charts, in English and Arabic, and the report, without serious accessibility violations', {
    timeout: 90_000,
  }, async () => {
    const page = await signedInPage(t.browser, t.server.url, DEMO_MANAGER, { context: { locale: 'en-GB' } });

    await page.goto(`${t.server.url}/stats`);
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
    await page.goto(`${t.server.url}/stats/report?lang=en&year=${new Date().getUTCFullYear()}`);
    const report = await seriousA11yViolations(page);

    expect(tables).toBeGreaterThanOrEqual(8);
    expect(charts).toBeGreaterThanOrEqual(3);
    expect(english).toEqual([]);
    expect(dir).toBe('rtl');
    expect(arabic).toEqual([]);
    expect(report).toEqual([]);
    await page.context().close();
  });
});
