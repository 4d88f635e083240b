import PDFDocument from 'pdfkit';
import {
  BRAND,
  fitted,
  type Flow,
  flowText,
  heightOf,
  INNER,
  isRtl,
  LINE,
  MARGIN,
  MUTED,
  PAGE,
  PANEL,
  room,
  startAlign,
  style,
  xAt,
} from './pdf-flow.js';
import { drawTable, type TableRow } from './pdf-table.js';
import { type Direction, drawLine, paragraph, pdfBytes, textWidth } from './pdf-text.js';

/**
 * A flowing A4 document for reports: headings, paragraphs, key figures, bar charts and tables, drawn
 * with the certificates' fonts and bidi runs. Right to left, every block is mirrored: text is aligned
 * right, the first table column and the bar labels sit on the right, bars grow leftwards.
 */
export interface PdfDocumentInfo {
  lang: string;
  dir: Direction;
  title: string;
  author: string;
  subject?: string;
}
export interface BarRow {
  label: string;
  value: number;
  display: string;
}
export type { TableRow };

export function createPdfDocument(info: PdfDocumentInfo) {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    lang: info.lang,
    displayTitle: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject ?? info.title },
  });
  const bytes = pdfBytes(doc);
  const f: Flow = { doc, dir: info.dir, y: MARGIN };
  const { dir } = f;
  const rule = (y: number, width: number, color: string) =>
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + INNER, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
  /** A box with a figure above its label, placed `offset` from the start edge. */
  const figureBox = (
    offset: number,
    w: number,
    h: number,
    it: { label: string; value: string },
    boxed: 'fill' | 'stroke',
  ) => {
    const x = xAt(f, offset, w);
    if (boxed === 'fill') doc.rect(x, f.y, w, h).fillColor(PANEL).fill();
    else doc.rect(x, f.y, w, h).lineWidth(1).strokeColor(BRAND).stroke();
    const box = (dy: number) => ({ x: x + 8, y: f.y + dy, width: w - 16 });
    paragraph(
      doc,
      it.value,
      box(4),
      style(boxed === 'fill' ? 14 : 15, 'bold', boxed === 'fill' ? undefined : BRAND),
      dir,
      startAlign(f),
    );
    paragraph(doc, it.label, box(boxed === 'fill' ? 24 : 26), style(8.5, 'regular', MUTED), dir, startAlign(f));
    return x;
  };

  return {
    title(programme: string, heading: string, note: string) {
      flowText(f, programme, style(11, 'bold', BRAND), 2);
      flowText(f, heading, style(24, 'bold', BRAND), 4);
      flowText(f, note, style(9, 'regular', MUTED), 10);
      rule(f.y, 1.5, BRAND);
      f.y += 14;
    },
    heading(t: string) {
      room(f, 80); // a heading never ends a page
      f.y += 6;
      flowText(f, t, style(15, 'bold', BRAND), 4);
    },
    caption(t: string) {
      room(f, 60);
      flowText(f, t, style(10, 'bold'), 2);
    },
    paragraph(t: string) {
      flowText(f, t, style(11), 6);
    },
    /** Boxes of key figures, three to a row. */
    figures(items: { label: string; value: string }[]) {
      const gap = 8;
      const w = (INNER - gap * 2) / 3;
      for (let i = 0; i < items.length; i += 3) {
        const row = items.slice(i, i + 3);
        const h = 22 + Math.max(...row.map((it) => heightOf(f, it.label, style(8.5), w - 16)));
        room(f, h + gap);
        row.forEach((it, k) => figureBox(k * (w + gap), w, h, it, 'fill'));
        f.y += h + gap;
      }
      f.y += 4;
    },
    /** Horizontal bars: label, bar and value on one row each, like the page's SVG charts. */
    bars(rows: BarRow[]) {
      const labelW = 150;
      const barSpace = INNER - labelW - 56 - 12;
      const max = Math.max(1, ...rows.map((r) => r.value));
      const s = style(8.5);
      for (const r of rows) {
        room(f, 15);
        const label = fitted(f, r.label, s, labelW - 6);
        const lw = textWidth(doc, label, s.size, s.weight, dir);
        drawLine(doc, label, isRtl(f) ? xAt(f, 0, lw) : MARGIN + labelW - 6 - lw, f.y + 1, s, dir);
        const w = Math.max(r.value > 0 ? 1.5 : 0, (r.value / max) * barSpace);
        doc
          .rect(xAt(f, labelW, w), f.y + 2, w, 10)
          .fillColor(BRAND)
          .fill();
        const vw = textWidth(doc, r.display, s.size, s.weight, 'ltr');
        drawLine(doc, r.display, xAt(f, labelW + w + 5, vw), f.y + 1, s, 'ltr');
        f.y += 15;
      }
      f.y += 8;
    },
    table(headers: string[], rows: TableRow[]) {
      drawTable(f, headers, rows);
    },
    /** The cascade as a row of steps joined by arrows (mirrored in RTL). */
    steps(items: { label: string; value: string }[]) {
      const gap = 18;
      const w = (INNER - gap * (items.length - 1)) / items.length;
      const h = 24 + Math.max(...items.map((it) => heightOf(f, it.label, style(8.5), w - 16)));
      room(f, h + 10);
      items.forEach((it, k) => {
        const x = figureBox(k * (w + gap), w, h, it, 'stroke');
        if (k === items.length - 1) return;
        const rtl = isRtl(f);
        const mid = f.y + h / 2;
        const tail = rtl ? x - 4 : x + w + 4;
        const tip = rtl ? x - gap + 4 : x + w + gap - 4;
        doc.moveTo(tail, mid).lineTo(tip, mid).lineWidth(1.5).strokeColor(BRAND).stroke();
        const back = rtl ? tip + 5 : tip - 5;
        doc
          .polygon([back, mid - 4], [tip, mid], [back, mid + 4])
          .fillColor(BRAND)
          .fill();
      });
      f.y += h + 12;
    },
    /** Adds the running foot (page n of N, source) to every page, and returns the file. */
    end(foot: (page: number, pages: number) => string): Promise<Buffer> {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const fy = PAGE.height - MARGIN + 4;
        rule(fy - 6, 0.5, LINE);
        paragraph(
          doc,
          foot(i + 1, range.count),
          { x: MARGIN, y: fy, width: INNER },
          style(8, 'regular', MUTED),
          dir,
          startAlign(f),
        );
      }
      doc.end();
      return bytes;
    },
  };
}
