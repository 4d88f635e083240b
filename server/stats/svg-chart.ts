/**
 * Accessible horizontal bar charts rendered on the server as SVG: role="img" with <title> and <desc>,
 * the data also in the table beside it. Right to left, bars grow from the right and labels sit on
 * the right, so an Arabic page reads naturally.
 */
export interface ChartInput { id: string; title: string; desc: string; rows: { label: string; value: number; display: string }[]; dir: 'ltr' | 'rtl' }

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const ROW = 26;
const WIDTH = 480;
const LABEL = 150;
const VALUE = 70;

export function barChart(c: ChartInput): string {
  const rows = c.rows.slice(0, 40);
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = Math.max(ROW, rows.length * ROW) + 8;
  const rtl = c.dir === 'rtl';
  const barSpace = WIDTH - LABEL - VALUE;
  const bars = rows.map((r, i) => {
    const y = 4 + i * ROW;
    const w = Math.max(r.value > 0 ? 2 : 0, Math.round((r.value / max) * barSpace));
    const barX = rtl ? WIDTH - LABEL - w : LABEL;
    const labelX = rtl ? WIDTH - 4 : LABEL - 6;
    const valueX = rtl ? WIDTH - LABEL - w - 6 : LABEL + w + 6;
    const label = r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label;
    return `<g><text x="${labelX}" y="${y + 17}" text-anchor="end" direction="${c.dir}">${esc(label)}</text>`
      + `<rect x="${barX}" y="${y + 4}" width="${w}" height="${ROW - 8}" fill="#0b4f8a"></rect>`
      + `<text x="${valueX}" y="${y + 17}" text-anchor="${rtl ? 'end' : 'start'}" direction="ltr">${esc(r.display)}</text></g>`;
  }).join('');
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${c.id}-title ${c.id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-size="13" font-family="system-ui, sans-serif" fill="#1b1f24">`
    + `<title id="${c.id}-title">${esc(c.title)}</title><desc id="${c.id}-desc">${esc(c.desc)}</desc>${bars}</svg>`;
}
