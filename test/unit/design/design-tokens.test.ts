import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(join(import.meta.dirname, '../../../public/css/site.css'), 'utf8');

/** The colour tokens as the stylesheet declares them in :root (hex only, so the test reads what browsers read). */
function colourTokens(css: string): Map<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const out = new Map<string, string>();
  for (const m of root.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{3,6})\b/g)) if (m[1] && m[2]) out.set(m[1], m[2]);
  return out;
}

function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const channel = (i: number) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** WCAG 2.1 contrast ratio, 1 to 21. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Every text/background pair the stylesheet uses (text at body size: AA asks 4.5:1). */
const TEXT_PAIRS: [string, string][] = [
  ['ink', 'bg'],
  ['ink', 'panel'],
  ['ink', 'tint'],
  ['muted', 'bg'],
  ['muted', 'panel'],
  ['brand', 'bg'],
  ['brand', 'panel'],
  ['brand', 'tint'],
  ['brand-dark', 'tint'],
  ['on-brand', 'brand'],
  ['on-brand', 'brand-dark'],
  ['ok', 'bg'],
  ['ok', 'ok-tint'],
  ['ink', 'ok-tint'],
  ['err', 'bg'],
  ['err', 'err-tint'],
  ['ink', 'err-tint'],
  ['warn-ink', 'warn-tint'],
  ['ink', 'warn-tint'],
  ['ink', 'focus'],
  ['on-brand', 'ok'],
  ['on-brand', 'err'],
  ['accent-ink', 'bg'],
];
/** Borders, focus rings and controls (WCAG 1.4.11 asks 3:1). */
const NON_TEXT_PAIRS: [string, string][] = [
  ['line-strong', 'bg'],
  ['focus', 'brand'],
  ['ink', 'focus'],
  ['err', 'bg'],
];

describe('design tokens', () => {
  const tokens = colourTokens(CSS);
  const value = (name: string) => {
    const v = tokens.get(name);
    if (!v) throw new Error(`--${name} is not declared as a hex colour in :root`);
    return v;
  };

  it('computes contrast the way WCAG defines it', () => {
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrast('#777', '#fff')).toBeCloseTo(4.48, 2);
  });

  for (const [fg, bg] of TEXT_PAIRS)
    it(`--${fg} text on --${bg} meets AA (4.5:1)`, () => {
      expect(contrast(value(fg), value(bg))).toBeGreaterThanOrEqual(4.5);
    });

  for (const [fg, bg] of NON_TEXT_PAIRS)
    it(`--${fg} against --${bg} meets 3:1 for controls and focus`, () => {
      expect(contrast(value(fg), value(bg))).toBeGreaterThanOrEqual(3);
    });

  it('the ratios written in the stylesheet comment are the computed ones', () => {
    const comment = /\/\*[\s\S]*?Ratios[\s\S]*?\*\//.exec(CSS)?.[0] ?? '';
    const claims = [...comment.matchAll(/([\w-]+)\/([\w-]+) (\d+(?:\.\d)?)/g)];
    expect(claims.length).toBeGreaterThan(10);
    for (const [, fg, bg, ratio] of claims)
      expect({ pair: `${fg}/${bg}`, ratio: Math.floor(contrast(value(fg!), value(bg!)) * 10) / 10 }).toEqual({
        pair: `${fg}/${bg}`,
        ratio: Number(ratio),
      });
  });

  it('declares the type and spacing scales the pages use', () => {
    for (const name of ['step--1', 'step-0', 'step-1', 'step-2', 'step-3', 'space-1', 'space-4', 'space-7'])
      expect(CSS).toMatch(new RegExp(`--${name}:`));
  });
});
