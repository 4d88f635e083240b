import PDFDocument from 'pdfkit';
import type { FontWeight } from './pdf-fonts.js';
import { type Direction, drawLine, paragraph, pdfBytes, type TextStyle, textWidth, wrap } from './pdf-text.js';

/**
 * A flowing A4 document for reports: headings, paragraphs, key figures, bar charts and tables, drawn
 * with the certificates' fonts and bidi runs. Right to left, every block is mirrored: text is aligned
 * right, the first table column and the bar labels sit on the right, bars grow leftwards.
 */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const FOOT = 36;
const INNER = PAGE.width - 2 * MARGIN;
export const BRAND = '#0b4f8a';
export const INK = '#1b1f24';
export const MUTED = '#4a5561';
const LINE = '#c9d1da';
const PANEL = '#f3f5f8';

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
export interface TableRow {
  label: string;
  cells: string[];
}

const style = (size: number, weight: FontWeight = 'regular', color = INK): TextStyle => ({ size, weight, color });

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
  const { dir } = info;
  const rtl = dir === 'rtl';
  const align = rtl ? 'right' : 'left';
  const bottom = PAGE.height - MARGIN - FOOT;
  let y = MARGIN;
  /** x of a block `w` wide placed `offset` from the start edge (left in LTR, right in RTL). */
  const xAt = (offset: number, w: number) => (rtl ? MARGIN + INNER - offset - w : MARGIN + offset);
  const room = (h: number) => {
    if (y + h > bottom) {
      doc.addPage();
      y = MARGIN;
    }
  };
  const heightOf = (text: string, s: TextStyle, width: number) => wrap(doc, text, s, dir, width).length * s.size * 1.45;
  const text = (t: string, s: TextStyle, gap = 6) => {
    room(Math.min(heightOf(t, s, INNER), s.size * 1.45 * 3));
    for (const line of wrap(doc, t, s, dir, INNER)) {
      room(s.size * 1.45);
      y = paragraph(doc, line, { x: MARGIN, y, width: INNER }, s, dir, align);
    }
    y += gap;
  };

  return {
    title(programme: string, heading: string, note: string) {
      text(programme, style(11, 'bold', BRAND), 2);
      text(heading, style(24, 'bold', BRAND), 4);
      text(note, style(9, 'regular', MUTED), 10);
      doc
        .moveTo(MARGIN, y)
        .lineTo(MARGIN + INNER, y)
        .lineWidth(1.5)
        .strokeColor(BRAND)
        .stroke();
      y += 14;
    },
    heading(t: string) {
      room(80); // a heading never ends a page
      y += 6;
      text(t, style(15, 'bold', BRAND), 4);
    },
    caption(t: string) {
      room(60);
      text(t, style(10, 'bold'), 2);
    },
    paragraph(t: string) {
      text(t, style(11), 6);
    },
    /** Boxes of key figures, three to a row. */
    figures(items: { label: string; value: string }[]) {
      const perRow = 3;
      const gap = 8;
      const w = (INNER - gap * (perRow - 1)) / perRow;
      for (let i = 0; i < items.length; i += perRow) {
        const row = items.slice(i, i + perRow);
        const h = 22 + Math.max(...row.map((it) => heightOf(it.label, style(8.5), w - 16)));
        room(h + gap);
        row.forEach((it, k) => {
          const x = xAt(k * (w + gap), w);
          doc.rect(x, y, w, h).fillColor(PANEL).fill();
          paragraph(doc, it.value, { x: x + 8, y: y + 4, width: w - 16 }, style(14, 'bold'), dir, align);
          paragraph(doc, it.label, { x: x + 8, y: y + 24, width: w - 16 }, style(8.5, 'regular', MUTED), dir, align);
        });
        y += h + gap;
      }
      y += 4;
    },
    /** Horizontal bars: label, bar and value on one row each, like the page's SVG charts. */
    bars(rows: BarRow[]) {
      if (!rows.length) return;
      const labelW = 150;
      const valueW = 56;
      const barSpace = INNER - labelW - valueW - 12;
      const max = Math.max(1, ...rows.map((r) => r.value));
      const s = style(8.5);
      for (const r of rows) {
        room(15);
        const label = fitted(doc, r.label, s, dir, labelW - 6);
        const lw = textWidth(doc, label, s.size, s.weight, dir);
        drawLine(doc, label, rtl ? xAt(0, lw) : MARGIN + labelW - 6 - lw, y + 1, s, dir);
        const w = Math.max(r.value > 0 ? 1.5 : 0, (r.value / max) * barSpace);
        doc
          .rect(xAt(labelW, w), y + 2, w, 10)
          .fillColor(BRAND)
          .fill();
        const vw = textWidth(doc, r.display, s.size, s.weight, 'ltr');
        drawLine(doc, r.display, xAt(labelW + w + 5, vw), y + 1, s, 'ltr');
        y += 15;
      }
      y += 8;
    },
    /** A table with the first column as row headers; the header row repeats on each new page, rows are never split. */
    table(headers: string[], rows: TableRow[]) {
      const first = Math.max(INNER * 0.34, INNER - (headers.length - 1) * 62);
      const rest = headers.length > 1 ? (INNER - first) / (headers.length - 1) : 0;
      const colX = (i: number, w: number) => xAt(i === 0 ? 0 : first + (i - 1) * rest, w);
      const widthOf = (i: number) => (i === 0 ? first : rest) - 6;
      const head = style(8, 'bold', MUTED);
      const body = style(9);
      const drawRow = (cells: string[], s: TextStyle, headRow: boolean) => {
        const lines = cells.map((c, i) => wrap(doc, c, i === 0 && !headRow ? style(9, 'bold') : s, dir, widthOf(i)));
        const h = Math.max(...lines.map((l) => l.length)) * s.size * 1.45 + 6;
        return {
          h,
          draw: () => {
            lines.forEach((ls, i) => {
              const cs = i === 0 && !headRow ? style(9, 'bold') : s;
              const x = colX(i, widthOf(i));
              // Figures line up at the end of their column; the first column reads from the start.
              const a = i === 0 ? align : rtl ? 'left' : 'right';
              let ly = y + 3;
              for (const l of ls) ly = paragraph(doc, l, { x, y: ly, width: widthOf(i) }, cs, dir, a);
            });
            doc
              .moveTo(MARGIN, y + h)
              .lineTo(MARGIN + INNER, y + h)
              .lineWidth(headRow ? 1 : 0.5)
              .strokeColor(LINE)
              .stroke();
            y += h;
          },
        };
      };
      const header = () => drawRow(headers, head, true);
      const hh = header().h;
      room(hh + 20);
      header().draw();
      for (const r of rows) {
        const row = drawRow([r.label, ...r.cells], body, false);
        if (y + row.h > bottom) {
          doc.addPage();
          y = MARGIN;
          header().draw();
        }
        row.draw();
      }
      y += 12;
    },
    /** The cascade as a row of steps joined by arrows (mirrored in RTL). */
    steps(items: { label: string; value: string }[]) {
      const gap = 18;
      const w = (INNER - gap * (items.length - 1)) / items.length;
      const h = 24 + Math.max(...items.map((it) => heightOf(it.label, style(8.5), w - 16)));
      room(h + 10);
      items.forEach((it, k) => {
        const x = xAt(k * (w + gap), w);
        doc.rect(x, y, w, h).lineWidth(1).strokeColor(BRAND).stroke();
        paragraph(doc, it.value, { x: x + 8, y: y + 4, width: w - 16 }, style(15, 'bold', BRAND), dir, align);
        paragraph(doc, it.label, { x: x + 8, y: y + 26, width: w - 16 }, style(8.5, 'regular', MUTED), dir, align);
        if (k < items.length - 1) {
          const ax = rtl ? x - gap + 4 : x + w + 4;
          const tip = rtl ? ax : ax + gap - 8;
          const tail = rtl ? ax + gap - 8 : ax;
          doc
            .moveTo(tail, y + h / 2)
            .lineTo(tip, y + h / 2)
            .lineWidth(1.5)
            .strokeColor(BRAND)
            .stroke();
          doc
            .polygon([tip, y + h / 2 - 4], [tip + (rtl ? -5 : 5), y + h / 2], [tip, y + h / 2 + 4])
            .fillColor(BRAND)
            .fill();
        }
      });
      y += h + 12;
    },
    /** Adds the running foot (source, page n of N) to every page, and returns the file. */
    end(foot: (page: number, pages: number) => string): Promise<Buffer> {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const fy = PAGE.height - MARGIN + 4;
        doc
          .moveTo(MARGIN, fy - 6)
          .lineTo(MARGIN + INNER, fy - 6)
          .lineWidth(0.5)
          .strokeColor(LINE)
          .stroke();
        paragraph(
          doc,
          foot(i + 1, range.count),
          { x: MARGIN, y: fy, width: INNER },
          style(8, 'regular', MUTED),
          dir,
          align,
        );
      }
      doc.end();
      return bytes;
    },
  };
}

/** A label cut with an ellipsis to fit the width (the full label is in the table below the chart). */
function fitted(doc: PdfKitDoc, label: string, s: TextStyle, dir: Direction, width: number): string {
  if (textWidth(doc, label, s.size, s.weight, dir) <= width) return label;
  const chars = [...label];
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(doc, `${chars.slice(0, mid).join('').trimEnd()}…`, s.size, s.weight, dir) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}
type PdfKitDoc = InstanceType<typeof PDFDocument>;
