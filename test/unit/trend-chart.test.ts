import { describe, expect, it } from 'vitest';
import { fit as shorten } from '../../server/stats/svg-chart.js';
import { niceStep, trendChart } from '../../server/stats/trend-chart.js';

const input = (dir: 'ltr' | 'rtl', n: number) => ({
  id: 't',
  title: 'Trend',
  desc: 'd',
  dir,
  months: Array.from({ length: n }, (_, i) => ({ short: `M${i + 1}`, long: `Month ${i + 1}` })),
  series: [{ name: 'Enrolments', colour: '#000', dash: '', values: Array.from({ length: n }, (_, i) => i * 10) }],
  format: (v: number) => String(v),
  axisFormat: (v: number) => `${v}`,
});
const xOf = (svg: string, title: string) => Number(new RegExp(`cx="([\\d.]+)"[^>]*><title>${title}`).exec(svg)?.[1]);

describe('the trend chart', () => {
  it('steps its value axis in round numbers', () => {
    expect([0, 3, 7, 40, 95, 1234].map(niceStep)).toEqual([1, 1, 2, 10, 50, 500]);
  });

  it('runs time left to right, and right to left in Arabic, each point with its figure', () => {
    const ltr = trendChart(input('ltr', 12));
    const rtl = trendChart(input('rtl', 12));
    expect(xOf(ltr, 'Month 1, Enrolments: 0')).toBeLessThan(xOf(ltr, 'Month 12, Enrolments: 110'));
    expect(xOf(rtl, 'Month 1, Enrolments: 0')).toBeGreaterThan(xOf(rtl, 'Month 12, Enrolments: 110'));
    expect(ltr).toMatch(/^<svg class="chart trend"[^>]*role="img" aria-labelledby="t-title t-desc"/);
  });

  it('thins the month labels of a long run so they do not overlap', () => {
    const labels = (svg: string) =>
      [...svg.matchAll(/<text class="axis" x="([\d.]+)" y="\d+" text-anchor="middle">/g)].map((m) => Number(m[1]));
    for (const n of [12, 24, 60]) {
      const xs = labels(trendChart(input('ltr', n)));
      expect(xs.length).toBeGreaterThan(3);
      for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(50);
    }
  });

  it('shortens long titles in bar charts on a word boundary', () => {
    expect(shorten('Alternatives to imprisonment, with a focus on women offenders')).toBe(
      'Alternatives to imprisonment…',
    );
    expect(shorten('Short title')).toBe('Short title');
  });
});
