/**
 * Accessible horizontal bar charts rendered on the server as SVG: role="img" with <title> and <desc>,
 * the data also in the table beside it. Right to left, bars grow from the right and labels sit on
 * the right, so an Arabic page reads naturally.
 */
export interface ChartInput {
  id: string;
  title: string;
  desc: string;
  rows: { label: string; value: number; display: string }[];
  dir: 'ltr' | 'rtl';
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const ROW = 26;
const WIDTH = 640;
const LABEL = 270;
const VALUE = 70;

/**
 * Cuts a label to what the label column holds at 13 px (at most about 8 px a Latin, Cyrillic or Arabic
 * letter, twice that for a CJK character), so no label runs off the chart; the full one is in <title>.
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
export function fit(label: string, units = (LABEL - 12) / 8): string {
  let used = 0;
  const chars = [...label];
  for (let i = 0; i < chars.length; i++) {
    used += WIDE.test(chars[i]!) ? 2 : 1;
    if (used > units) {
      // Cut at the last word boundary when it keeps most of the room, so titles end on whole words.
      const head = chars.slice(0, Math.max(1, i - 1)).join('');
      const space = head.lastIndexOf(' ');
      return `${(space > head.length * 0.6 ? head.slice(0, space) : head).replace(/[\s·:,;–-]+$/u, '')}…`;
    }
  }
  return label;
}

export function barChart(c: ChartInput): string {
  const rows = c.rows.slice(0, 40);
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = Math.max(ROW, rows.length * ROW) + 8;
  const rtl = c.dir === 'rtl';
  const barSpace = WIDTH - LABEL - VALUE;
  const bars = rows
    .map((r, i) => {
      const y = 4 + i * ROW;
      const w = Math.max(r.value > 0 ? 2 : 0, Math.round((r.value / max) * barSpace));
      const barX = rtl ? WIDTH - LABEL - w : LABEL;
      const labelX = rtl ? WIDTH - 4 : LABEL - 6;
      const valueX = rtl ? WIDTH - LABEL - w - 6 : LABEL + w + 6;
      const label = fit(r.label);
      // In right-to-left text the anchor's "start" is its right edge: anchoring the end there pushed
      // Arabic labels off the canvas (only a stray "." was left on screen).
      return (
        `<g><title>${esc(r.label)}: ${esc(r.display)}</title><text class="label" x="${labelX}" y="${y + 17}" text-anchor="${rtl ? 'start' : 'end'}" direction="${c.dir}">${esc(label)}</text>` +
        `<rect x="${barX}" y="${y + 4}" width="${w}" height="${ROW - 8}" fill="#0b4f8a"></rect>` +
        `<text x="${valueX}" y="${y + 17}" text-anchor="${rtl ? 'end' : 'start'}" direction="ltr">${esc(r.display)}</text></g>`
      );
    })
    .join('');
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${c.id}-title ${c.id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-size="13" font-family="system-ui, sans-serif" fill="#1b1f24">` +
    `<title id="${c.id}-title">${esc(c.title)}</title><desc id="${c.id}-desc">${esc(c.desc)}</desc>${bars}</svg>`
  );
}
