import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_MANAGER, seedDemo } from '../../scripts/lib/demo-programme.js';
import { browserAndServer, browserAvailable, signedInPage } from '../support/browser.js';

/** What a reviewer found on the manager's pages (issue 16, items 1-4), at 1280 and 390 px, English and Arabic. */
describe.skipIf(!browserAvailable())('the statistics a manager reads, in a browser', () => {
  const t = browserAndServer({ fill: (deps) => seedDemo(deps, { seed: 7, learners: 60, now: new Date() }) });
  const manager = (lang: string, width: number) =>
    signedInPage(t.browser, t.server.url, DEMO_MANAGER, { lang, context: { viewport: { width, height: 900 } } });

  /** Every chart label drawn inside its chart: none pushed off the canvas, in either direction. */
  const clippedLabels = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('svg.chart')].flatMap((svg) => {
        const width = (svg as SVGSVGElement).viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')]
          .filter((t) => {
            const b = (t as SVGTextElement).getBBox();
            return b.x < -1 || b.x + b.width > width + 1;
          })
          .map((t) => t.textContent);
      }),
    );
  const overflowingTables = (page: Page) =>
    page.evaluate(
      () =>
        [...document.querySelectorAll('.stats-section .table-wrap')].filter(
          (w) => (w.querySelector('table') as HTMLElement).scrollWidth > (w as HTMLElement).clientWidth + 1,
        ).length,
    );

  it('draws every chart label inside its chart and fits the tables, right to left in Arabic (items 1, 3)', async () => {
    for (const lang of ['en', 'ar']) {
      const page = await manager(lang, 1280);
      await page.goto(`${t.server.url}/stats?period=year&year=${new Date().getUTCFullYear() - 1}`);

      expect({ lang, clipped: await clippedLabels(page) }).toEqual({ lang, clipped: [] });
      expect({ lang, overflowing: await overflowingTables(page) }).toEqual({ lang, overflowing: 0 });
      const moduleLabels = await page.locator('svg[aria-labelledby^="chart-modules"] text.label').allTextContents();
      expect(moduleLabels.length).toBeGreaterThan(3);
      expect(new Set(moduleLabels).size).toBe(moduleLabels.length); // no bar labelled like another
      expect(moduleLabels.some((l) => /\bm\d+-[a-z-]+$/.test(l))).toBe(false); // titles, not module ids
      expect(await page.locator('ul.inline-links li').first().textContent()).toMatch(/CSV/);
      await page.context().close();
    }
  });

  it('says what each card counts under the filters in force, and lets a filter be removed (item 2)', async () => {
    const page = await manager('en', 390);

    await page.goto(
      `${t.server.url}/stats?period=year&year=${new Date().getUTCFullYear() - 1}&course=line-up-live-up&sex=female`,
    );

    const chips = await page.locator('.active-filters .chip').allTextContents();
    expect(chips.map((c) => c.replace('×', '').trim())).toEqual([expect.stringContaining('Line Up Live Up'), 'Female']);
    const cards = await page.locator('.kpis > div').allTextContents();
    expect(cards.find((c) => c.startsWith('Completion rate'))).toContain('of the learners who enrolled in this period');
    expect(cards.find((c) => c.startsWith('Young people reached'))).toContain("by the trainer's sex and sector");
    expect(cards.find((c) => c.startsWith('Registered learners'))).toContain('the course filter does not apply');
    await page.locator('.active-filters .chip a').last().click();
    expect(page.url()).not.toContain('sex=female');
    expect(page.url()).toContain('course=line-up-live-up');
    await page.context().close();
  });

  it('opens the yearly report on the last complete year and says so, with left-aligned text (item 4)', async () => {
    const page = await manager('en', 1280);

    await page.goto(`${t.server.url}/stats/report`);

    const year = new Date().getUTCFullYear() - 1;
    expect(await page.locator('main').textContent()).toContain(`This report covers ${year}, the last complete year.`);
    expect(
      await page
        .locator('.report p')
        .last()
        .evaluate((p) => getComputedStyle(p).textAlign),
    ).toMatch(/start|left/);
    await page.context().close();
  });
});
