import type { TFunction } from 'i18next';
import { createPdfDocument } from '../pdf/pdf-document.js';
import type { ReportContent } from './report-view.js';
import { CHART_ROWS } from './report-view.js';

/** The yearly report as an A4 PDF: the same content as the page, charts drawn as vector bars. */
export async function renderReportPdf(c: ReportContent, t: TFunction): Promise<Buffer> {
  const pdf = createPdfDocument({ lang: c.lang, dir: c.dir, title: c.title, author: c.programme });
  pdf.title(c.programme, c.title, c.generated);
  for (const s of c.sections) {
    pdf.heading(s.heading);
    if (s.id === 'summary') pdf.figures(c.keyFigures);
    for (const p of s.paragraphs) pdf.paragraph(p);
    if (s.steps) pdf.steps(s.steps);
    for (const tb of s.tables) {
      if (tb.id === 'cascade') continue; // drawn as steps above
      pdf.caption(tb.caption);
      if (tb.rows.length > 1 && tb.rows.some((r) => r.value > 0)) pdf.bars(tb.rows.slice(0, CHART_ROWS));
      pdf.table(
        tb.headers,
        tb.rows.length ? tb.rows : [{ label: t('stats:empty'), cells: tb.headers.slice(1).map(() => '') }],
      );
    }
  }
  const source = t('report:pdf.source', { programme: c.programme, date: c.date });
  return pdf.end((n, total) => `${t('report:pdf.page', { n, total })} · ${source}`);
}
