import { BOTTOM, type Flow, INNER, isRtl, LINE, MARGIN, MUTED, room, startAlign, style, xAt } from './pdf-flow.js';
import { paragraph, type TextStyle, wrap } from './pdf-text.js';

export interface TableRow {
  label: string;
  cells: string[];
}

/**
 * A table with the first column as row headers and figures aligned at the end of their columns.
 * The header row repeats on each new page, and a row is never split across pages.
 */
export function drawTable(f: Flow, headers: string[], rows: TableRow[]) {
  const { doc, dir } = f;
  const first = Math.max(INNER * 0.34, INNER - (headers.length - 1) * 62);
  const rest = headers.length > 1 ? (INNER - first) / (headers.length - 1) : 0;
  const widthOf = (i: number) => (i === 0 ? first : rest) - 6;
  const colX = (i: number) => xAt(f, i === 0 ? 0 : first + (i - 1) * rest, widthOf(i));
  const rowHeader = style(9, 'bold');
  const row = (cells: string[], s: TextStyle, head: boolean) => {
    const styleOf = (i: number) => (i === 0 && !head ? rowHeader : s);
    const lines = cells.map((c, i) => wrap(doc, c, styleOf(i), dir, widthOf(i)));
    const h = Math.max(...lines.map((l) => l.length)) * s.size * 1.45 + 6;
    const draw = () => {
      lines.forEach((ls, i) => {
        const align = i === 0 ? startAlign(f) : isRtl(f) ? 'left' : 'right';
        let ly = f.y + 3;
        for (const l of ls) ly = paragraph(doc, l, { x: colX(i), y: ly, width: widthOf(i) }, styleOf(i), dir, align);
      });
      doc
        .moveTo(MARGIN, f.y + h)
        .lineTo(MARGIN + INNER, f.y + h)
        .lineWidth(head ? 1 : 0.5)
        .strokeColor(LINE)
        .stroke();
      f.y += h;
    };
    return { h, draw };
  };
  const header = () => row(headers, style(8, 'bold', MUTED), true);
  const body = rows.map((r) => row([r.label, ...r.cells], style(9), false));
  const whole = header().h + body.reduce((n, r) => n + r.h, 0);
  // A table that fits on one page starts on a new page rather than being split; a longer one goes on at once.
  room(f, whole <= BOTTOM - MARGIN ? whole : header().h + 20);
  header().draw();
  for (const next of body) {
    if (f.y + next.h > BOTTOM) {
      doc.addPage();
      f.y = MARGIN;
      header().draw();
    }
    next.draw();
  }
  f.y += 12;
}
