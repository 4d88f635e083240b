import type PDFDocument from 'pdfkit';
import { visualRuns, type VisualRun } from './bidi-runs.js';
import { pdfFont, type FontName, type FontWeight } from './pdf-fonts.js';

/** Text layout shared by every PDF we write: bidi runs, one embedded font per script, wrapping. */
export type Doc = InstanceType<typeof PDFDocument>;
export type Direction = 'ltr' | 'rtl';
export interface TextStyle {
  size: number;
  weight: FontWeight;
  color: string;
}

/**
 * Without explicit features pdfkit lays text out word by word (through a cache), which breaks the
 * order of a right-to-left run; with them it shapes the whole run at once, uncached. The shaper's
 * own features (Arabic joining forms, ligatures) are applied either way.
 */
const layoutOf = (r: VisualRun) =>
  r.rtl || r.font === 'arabic' ? { features: ['kern', 'liga'] as PDFKit.Mixins.OpenTypeFeatures[] } : {};

// Fonts are registered with a document when it first uses them, so a CJK font is only embedded where needed.
const registered = new WeakMap<Doc, Set<FontName>>();
function useFont(doc: Doc, name: FontName, size: number): Doc {
  const fonts = registered.get(doc) ?? registered.set(doc, new Set()).get(doc);
  if (fonts && !fonts.has(name)) {
    doc.registerFont(name, pdfFont(name) as never);
    fonts.add(name);
  }
  return doc.font(name).fontSize(size);
}

// Shaping a right-to-left run is the costly step, and each line is measured before it is drawn.
const widths = new WeakMap<Doc, Map<string, number>>();
function widthOf(doc: Doc, r: VisualRun, size: number, weight: FontWeight): number {
  const cache = widths.get(doc) ?? widths.set(doc, new Map()).get(doc);
  const key = `${r.font}|${weight}|${size}|${r.rtl}|${r.text}`;
  let w = cache?.get(key);
  if (w === undefined) {
    w = useFont(doc, `${r.font}-${weight}`, size).widthOfString(r.text, layoutOf(r));
    cache?.set(key, w);
  }
  return w;
}

export function textWidth(doc: Doc, text: string, size: number, weight: FontWeight, dir: Direction): number {
  return visualRuns(text, dir).reduce((sum, r) => sum + widthOf(doc, r, size, weight), 0);
}

// A line may break at white space, and before or after any Chinese or Japanese character (they are written without spaces).
const CJK_CHAR = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const TOKENS = new RegExp(`\\s+|[${CJK_CHAR}][\\p{P}]*|[^\\s${CJK_CHAR}]+`, 'gu');

/**
 * Lines of at most maxWidth, broken at word boundaries (and between CJK characters). A line's width is
 * the sum of its words' widths (no letter joins or kerns across a space), so each word is shaped once
 * rather than every candidate line again: long Arabic paragraphs were the costly part of a report.
 */
export function wrap(doc: Doc, text: string, style: TextStyle, dir: Direction, maxWidth: number): string[] {
  if (textWidth(doc, text, style.size, style.weight, dir) <= maxWidth) return [text];
  const lines: string[] = [];
  let current = '';
  let width = 0;
  for (const token of text.match(TOKENS) ?? []) {
    const w = textWidth(doc, token, style.size, style.weight, dir);
    if (current.trim() && !/^\s+$/.test(token) && width + w > maxWidth) {
      lines.push(current.trim());
      current = token;
      width = w;
    } else {
      current += token;
      width += w;
    }
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}

/** Draws one line from x (its left edge) with its top at y; returns the y below it. */
export function drawLine(doc: Doc, text: string, x: number, y: number, style: TextStyle, dir: Direction): number {
  let cx = x;
  for (const r of visualRuns(text, dir)) {
    useFont(doc, `${r.font}-${style.weight}`, style.size)
      .fillColor(style.color)
      .text(r.text, cx, y + style.size, { ...layoutOf(r), lineBreak: false, baseline: 'alphabetic' });
    cx += widthOf(doc, r, style.size, style.weight);
  }
  return y + style.size * 1.45;
}

/** A paragraph wrapped to width and aligned in the box [x, x + width]; returns the y below it. */
export function paragraph(
  doc: Doc,
  text: string,
  box: { x: number; y: number; width: number },
  style: TextStyle,
  dir: Direction,
  align: 'left' | 'right' | 'center',
): number {
  let y = box.y;
  for (const l of wrap(doc, text, style, dir, box.width)) {
    const w = textWidth(doc, l, style.size, style.weight, dir);
    const x = align === 'right' ? box.x + box.width - w : align === 'center' ? box.x + (box.width - w) / 2 : box.x;
    y = drawLine(doc, l, x, y, style, dir);
  }
  return y;
}

/** Collects a document's bytes; call before doc.end(). */
export function pdfBytes(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
