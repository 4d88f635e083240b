/**
 * A monthly trend as a server-rendered SVG line chart: one line per series, distinguished by colour
 * and by dash pattern (readable without colour), a value axis with round steps, month labels thinned
 * so they never overlap. Right to left, time runs from right to left and the value axis sits on the
 * right. role="img" with <title>/<desc>; every point has its figure in a <title>, and the months
 * table below gives the same figures as text.
 */
export interface TrendSeries {
  name: string;
  colour: string;
  dash: string;
  values: number[];
}
export interface TrendInput {
  id: string;
  title: string;
  desc: string;
  dir: 'ltr' | 'rtl';
  /** One label per month (short, in the reader's language); `long` for tooltips. */
  months: { short: string; long: string }[];
  series: TrendSeries[];
  format: (n: number) => string;
  /** Short figures for the value axis (compact notation: 12K, 1.2M). */
  axisFormat: (n: number) => string;
}

const W = 960;
const H = 280;
const TOP = 12;
const BOTTOM = 40;
const AXIS = 56;
const SIDE = 30;
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A round step (1, 2 or 5 × 10^k) giving at most four intervals up to max. */
export function niceStep(max: number): number {
  if (max <= 4) return 1;
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
}

export function trendChart(c: TrendInput): string {
  const n = c.months.length;
  const max = Math.max(1, ...c.series.flatMap((s) => s.values));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const rtl = c.dir === 'rtl';
  const plot = { left: rtl ? SIDE : AXIS, right: rtl ? W - AXIS : W - SIDE, top: TOP, bottom: H - BOTTOM };
  const xAt = (i: number) => {
    const f = n === 1 ? 0.5 : i / (n - 1);
    const x = plot.left + f * (plot.right - plot.left);
    return Math.round((rtl ? plot.left + plot.right - x : x) * 10) / 10;
  };
  const yAt = (v: number) => Math.round((plot.bottom - (v / top) * (plot.bottom - plot.top)) * 10) / 10;
  const grid: string[] = [];
  for (let v = 0; v <= top; v += step) {
    const y = yAt(v);
    grid.push(
      `<line x1="${plot.left}" x2="${plot.right}" y1="${y}" y2="${y}" stroke="#d5dbe2"></line>` +
        `<text class="axis" x="${rtl ? plot.right + 6 : plot.left - 6}" y="${y + 4}" text-anchor="${rtl ? 'start' : 'end'}" direction="ltr">${esc(c.axisFormat(v))}</text>`,
    );
  }
  // Month labels: every k-th so each has about 52 units of room; the first month of a year shows its year.
  const every = Math.max(1, Math.ceil((n * 52) / (plot.right - plot.left)));
  const labels = c.months
    .map((m, i) =>
      i % every === 0
        ? `<text class="axis" x="${xAt(i)}" y="${H - BOTTOM + 18}" text-anchor="middle">${esc(m.short)}</text>`
        : '',
    )
    .join('');
  const lines = c.series
    .map((s) => {
      const pts = s.values.map((v, i) => `${xAt(i)},${yAt(v)}`).join(' ');
      const dots = s.values
        .map(
          (v, i) =>
            `<circle cx="${xAt(i)}" cy="${yAt(v)}" r="3" fill="${s.colour}"><title>${esc(`${c.months[i]?.long ?? ''}, ${s.name}: ${c.format(v)}`)}</title></circle>`,
        )
        .join('');
      return `<g><polyline points="${pts}" fill="none" stroke="${s.colour}" stroke-width="2.5" stroke-dasharray="${s.dash}"></polyline>${dots}</g>`;
    })
    .join('');
  return (
    `<svg class="chart trend" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${c.id}-title ${c.id}-desc" viewBox="0 0 ${W} ${H}" font-size="12" font-family="system-ui, sans-serif" fill="#1b1f24">` +
    `<title id="${c.id}-title">${esc(c.title)}</title><desc id="${c.id}-desc">${esc(c.desc)}</desc>${grid.join('')}${labels}${lines}</svg>`
  );
}
