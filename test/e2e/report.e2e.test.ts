import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../scripts/lib/demo-programme.js';
import { browserAvailable, launchBrowser, startServer } from '../support/browser.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every axe violation of the WCAG 2.1 A/AA rules, whatever its impact (the report is held to zero). */
async function a11yViolations(page: Page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    type Axe = {
      run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
    };
    return (window as unknown as { axe: Axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
  });
  return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Tables wider than the report, chart labels outside their SVG. */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const report = document.querySelector('.report');
    for (const table of document.querySelectorAll('.report table')) {
      if (report && table.getBoundingClientRect().width > report.clientWidth + 1)
        problems.push(`table wider: ${table.querySelector('caption')?.textContent}`);
    }
    for (const svg of document.querySelectorAll<SVGSVGElement>('.report svg.chart')) {
      const box = svg.getBoundingClientRect();
      for (const text of svg.querySelectorAll('text')) {
        const r = text.getBoundingClientRect();
        if (text.textContent?.trim() && (r.left < box.left - 1 || r.right > box.right + 1))
          problems.push(`clipped label: ${text.textContent}`);
      }
    }
    return problems;
  });
}

describe.runIf(browserAvailable())('the yearly report in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  const year = new Date().getUTCFullYear() - 1;

  beforeAll(async () => {
    server = await startServer();
    await seedDemo(server.deps, { seed: 4, learners: 20, now: new Date() });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(width: number) {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('E-mail address').fill('manager@demo.praxis.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    return page;
  }

  it('has no accessibility violation in English and Arabic, reads right to left in Arabic, and fits at 1280 px', {
    timeout: 120_000,
  }, async () => {
    const page = await signedIn(1280);
    await page.goto(`${server.url}/stats/report?lang=en&year=${year}`);
    const english = await a11yViolations(page);
    const englishLayout = await layoutProblems(page);
    const charts = await page.locator('.report svg.chart').count();
    const sentences = await page.locator('.report-narrative').allTextContents();

    await page.goto(`${server.url}/stats/report?lang=ar&year=${year}`);
    const arabic = await a11yViolations(page);
    const arabicLayout = await layoutProblems(page);
    const narrative = page.locator('.report-narrative').first();
    const direction = await narrative.evaluate((p) => getComputedStyle(p).direction);
    const align = await narrative.evaluate((p) => getComputedStyle(p).textAlign);
    const box = await narrative.boundingBox();
    const article = await page.locator('.report').boundingBox();

    expect(english).toEqual([]);
    expect(arabic).toEqual([]);
    expect(englishLayout).toEqual([]);
    expect(arabicLayout).toEqual([]);
    expect(charts).toBeGreaterThanOrEqual(5);
    expect(sentences[0]).toMatch(new RegExp(`^In ${year}, [\\d,]+ users? took part in online training`));
    expect(direction).toBe('rtl');
    expect(align).toMatch(/start|right/);
    // Right to left, the paragraph hangs from the right edge of the report.
    expect(Math.abs((box?.x ?? 0) + (box?.width ?? 0) - ((article?.x ?? 0) + (article?.width ?? 0)))).toBeLessThan(2);
    await page.context().close();
  });

  it('prints without navigation, one section a page, and never splits a table row', { timeout: 60_000 }, async () => {
    const page = await signedIn(1024);
    await page.goto(`${server.url}/stats/report?lang=en&year=${year}`);
    await page.emulateMedia({ media: 'print' });
    const shown = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => getComputedStyle(e).display !== 'none');
    const style = (selector: string, prop: string) =>
      page.locator(selector).evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), prop);

    expect(await shown('.site-header')).toBe(false);
    expect(await shown('.report-tools')).toBe(false);
    expect(await shown('.site-footer')).toBe(false);
    expect(await style('#report-summary', 'break-before')).not.toBe('page');
    expect(await style('#report-elearning', 'break-before')).toBe('page');
    expect(await style('#report-cascade', 'break-before')).toBe('page');
    expect(
      await page
        .locator('.report tbody tr')
        .first()
        .evaluate((e) => getComputedStyle(e).breakInside),
    ).toBe('avoid');
    expect(
      await page
        .locator('.report thead')
        .first()
        .evaluate((e) => getComputedStyle(e).display),
    ).toBe('table-header-group');
    // Chromium prints it to A4 as a reader's browser would.
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.context().close();
  });
});
