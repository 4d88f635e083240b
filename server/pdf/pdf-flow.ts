import type { FontWeight } from './pdf-fonts.js';
import { type Direction, type Doc, paragraph, type TextStyle, textWidth, wrap } from './pdf-text.js';

/** Page geometry and the running position of a flowing A4 document, shared by its blocks. */
export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = 56;
export const INNER = PAGE.width - 2 * MARGIN;
const FOOT = 36;
export const BOTTOM = PAGE.height - MARGIN - FOOT;
export const BRAND = '#0b4f8a';
export const INK = '#1b1f24';
export const MUTED = '#4a5561';
export const LINE = '#c9d1da';
export const PANEL = '#f3f5f8';

export const style = (size: number, weight: FontWeight = 'regular', color = INK): TextStyle => ({
  size,
  weight,
  color,
});

export interface Flow {
  doc: Doc;
  dir: Direction;
  /** Top of the next block on the current page. */
  y: number;
}

export const isRtl = (f: Flow) => f.dir === 'rtl';
export const startAlign = (f: Flow) => (isRtl(f) ? 'right' : 'left');

/** x of a block `w` wide placed `offset` from the start edge (left in LTR, right in RTL). */
export const xAt = (f: Flow, offset: number, w: number) => (isRtl(f) ? MARGIN + INNER - offset - w : MARGIN + offset);

/** Starts a new page unless `h` more points fit on this one. */
export function room(f: Flow, h: number) {
  if (f.y + h > BOTTOM) {
    f.doc.addPage();
    f.y = MARGIN;
  }
}

export const heightOf = (f: Flow, text: string, s: TextStyle, width: number) =>
  wrap(f.doc, text, s, f.dir, width).length * s.size * 1.45;

/** A paragraph across the text width, line by line so it may continue on the next page. */
export function flowText(f: Flow, t: string, s: TextStyle, gap = 6) {
  room(f, Math.min(heightOf(f, t, s, INNER), s.size * 1.45 * 3));
  for (const line of wrap(f.doc, t, s, f.dir, INNER)) {
    room(f, s.size * 1.45);
    f.y = paragraph(f.doc, line, { x: MARGIN, y: f.y, width: INNER }, s, f.dir, startAlign(f));
  }
  f.y += gap;
}

/** A label cut with an ellipsis to fit the width (the full label is in the table below the chart). */
export function fitted(f: Flow, label: string, s: TextStyle, width: number): string {
  const fits = (t: string) => textWidth(f.doc, t, s.size, s.weight, f.dir) <= width;
  if (fits(label)) return label;
  const chars = [...label];
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(`${chars.slice(0, mid).join('').trimEnd()}…`)) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}
