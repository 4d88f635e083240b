import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MANAGER, seedDemo } from '../../scripts/lib/demo-programme.js';
import { browserAndServer, browserAvailable, signedInPage } from '../support/browser.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every axe violation of the WCAG 2.1 A/AA rules, whatever its impact. */
async function a11yViolations(page: Page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (
      window as unknown as {
        axe: {
          run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** With every folded section open: tables wider than their box, chart texts outside their chart, module ids as names. */
function readingProblems(page: Page) {
  return page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const problems: string[] = [];
    for (const wrap of document.querySelectorAll<HTMLElement>('main .table-wrap')) {
      const table = wrap.querySelector('table')!;
      if (table.getBoundingClientRect().width > wrap.clientWidth + 1 || table.scrollWidth > wrap.clientWidth + 1)
        problems.push(`table wider than its box: ${table.caption?.textContent}`);
    }
    for (const svg of document.querySelectorAll<SVGSVGElement>('main svg.chart')) {
      const width = svg.viewBox.baseVal.width;
      const height = svg.viewBox.baseVal.height;
      const box = svg.getBoundingClientRect();
      for (const text of svg.querySelectorAll('text')) {
        if (!text.textContent?.trim()) continue;
        const b = text.getBBox();
        const r = text.getBoundingClientRect();
        if (
          b.x < -1 ||
          b.x + b.width > width + 1 ||
          b.y < -1 ||
          b.y + b.height > height + 1 ||
          r.left < box.left - 1 ||
          r.right > box.right + 1
        )
          problems.push(`clipped chart text: ${text.textContent}`);
      }
    }
    const names = [...document.querySelectorAll('main th[scope="row"], main svg text, main svg title, main dt')].map(
      (e) => e.textContent ?? '',
    );
    for (const n of names) if (/\bm\d+-[a-z0-9-]+/.test(n)) problems.push(`module id as a name: ${n}`);
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push('the page scrolls sideways');
    return problems;
  });
}

describe.runIf(browserAvailable())('the statistics dashboard in a real browser', () => {
  const t = browserAndServer({ fill: (deps) => seedDemo(deps, { seed: 7, learners: 40, now: new Date() }) });
  const manager = (lang: string, width: number) =>
    signedInPage(t.browser, t.server.url, DEMO_MANAGER, { lang, context: { viewport: { width, height: 900 } } });

  for (const width of [1280, 390]) {
    it(`reads right at ${width} px in English and Arabic: tables fit, labels whole, names not ids, no axe violation`, {
      timeout: 120_000,
    }, async () => {
      for (const lang of ['en', 'ar']) {
        const page = await manager(lang, width);
        await page.goto(`${t.server.url}/stats?period=last-12-months`);

        expect({ lang, axe: await a11yViolations(page) }).toEqual({ lang, axe: [] });
        const problems = await readingProblems(page);
        // On a phone the wide tables scroll inside their box (first column kept in view); nothing else may be wrong.
        expect({
          lang,
          problems: width === 1280 ? problems : problems.filter((p) => !p.startsWith('table wider')),
        }).toEqual({ lang, problems: [] });
        expect({ lang, axeOpen: await a11yViolations(page) }).toEqual({ lang, axeOpen: [] });
        expect(await page.locator('svg.world-map path[data-country]').count()).toBeGreaterThan(150);
        expect(await page.locator('svg.trend circle').count()).toBe(36);
        expect(await page.locator('.kpis .delta').count()).toBe(14);
        if (width === 390) {
          const sticky = await page
            .locator('details .table-wrap th[scope="row"]')
            .first()
            .evaluate((e) => getComputedStyle(e).position);
          expect(sticky).toBe('sticky');
        }
        await page.context().close();
      }
    });
  }

  it('keeps the filter bar on one line at 1280 px, and a preset, a filter and its chip round-trip through a shareable URL', {
    timeout: 60_000,
  }, async () => {
    const page = await manager('en', 1280);
    await page.goto(`${t.server.url}/stats`);
    const tops = await page
      .locator('.stats-filters > :not(h2):not(.range)')
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().bottom)));
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(12);
    expect(await page.locator('.stats-filters .range').isVisible()).toBe(false);

    await page.getByLabel('Last year').check();
    await page.selectOption('#f-sex', 'female');
    await Promise.all([
      page.waitForURL(/period=last-year/),
      page.getByRole('button', { name: 'Show figures' }).click(),
    ]);

    expect(page.url()).toContain('sex=female');
    expect(await page.locator('.active-filters .chip').allTextContents()).toEqual([expect.stringContaining('Female')]);
    expect(await page.getByLabel('Last year').isChecked()).toBe(true);
    await page.locator('.active-filters .chip a').click();
    await page.waitForURL((u) => !u.search.includes('sex=female'));
    expect(page.url()).toContain('period=last-year');
    await page.getByLabel('Custom months').check();
    expect(await page.locator('.stats-filters .range').isVisible()).toBe(true);
    await page.context().close();
  });
});
