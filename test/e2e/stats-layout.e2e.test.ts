import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MANAGER, seedDemo } from '../../scripts/lib/demo-programme.js';
import { browserAndServer, browserAvailable, signedInPage } from '../support/browser.js';

/**
 * Complements stats-review.e2e: the same reading checks at phone width too, under a sex filter.
 * What the page shows wrongly: tables wider than their box, chart labels outside their SVG, module ids as names. */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const wrap of document.querySelectorAll<HTMLElement>('.stats-section .table-wrap')) {
      const table = wrap.querySelector('table');
      const wider = table && table.getBoundingClientRect().width > wrap.clientWidth + 1;
      if (wider) problems.push(`table wider: ${table.caption?.textContent}`);
    }
    for (const svg of document.querySelectorAll<SVGSVGElement>('svg.chart')) {
      const box = svg.getBoundingClientRect();
      for (const text of svg.querySelectorAll('text')) {
        const r = text.getBoundingClientRect();
        if (!text.textContent?.trim()) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1) problems.push(`clipped label: ${text.textContent}`);
      }
    }
    const names = [...document.querySelectorAll('th[scope="row"], svg.chart text')].map((e) => e.textContent ?? '');
    for (const n of names) if (/\bm\d+-[a-z-]+/.test(n)) problems.push(`module id as name: ${n}`);
    return problems;
  });
}

describe.runIf(browserAvailable())('statistics layout in a real browser', () => {
  const t = browserAndServer({ fill: (deps) => seedDemo(deps, { seed: 4, learners: 20, now: new Date() }) });

  for (const width of [1280, 390]) {
    it(`dashboard and report read in English and Arabic at ${width} px`, { timeout: 90_000 }, async () => {
      const page = await signedInPage(t.browser, t.server.url, DEMO_MANAGER, {
        context: { locale: 'en-GB', viewport: { width, height: 900 } },
      });
      for (const lang of ['en', 'ar']) {
        await page.goto(`${t.server.url}/stats?lang=${lang}&period=custom&from=2020-01&to=2030-12&sex=female`);
        const problems = await layoutProblems(page);
        // At phone width the tables may scroll (their first column stays put); labels and names must still be right.
        expect(width === 1280 ? problems : problems.filter((p) => !p.startsWith('table wider'))).toEqual([]);
        expect(await page.locator('.active-filters .chip').count()).toBe(1);
      }
      await page.goto(`${t.server.url}/stats/report?lang=ar`);
      const align = await page
        .locator('.report p')
        .first()
        .evaluate((p) => getComputedStyle(p).textAlign);
      expect(align).not.toBe('justify');
      await page.context().close();
    });
  }
});
