/**
 * The world map of the dashboard: countries shaded by a figure, drawn on the server as inline SVG.
 *
 * Why this way: an SVG rendered on the server needs no client JavaScript (the page works with
 * scripts off and keeps the strict CSP with no inline script), no map tiles or third-party
 * requests, and is deterministic so pages and PDFs show the same map. world-atlas (Natural
 * Earth's countries at 1:110m, public domain) is projected once per process with d3-geo's Equal
 * Earth projection (equal-area, so large countries are not inflated as on Mercator) and kept in a
 * module-level cache as compact path strings (whole units of a 1000-wide viewBox, relative moves):
 * about 11 KB gzip for the whole world, rendered in well under a millisecond per request.
 * Only the fill of each country depends on the figures.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ALPHA2_BY_NUMERIC } from './country-numeric.js';

export const MAP_WIDTH = 1000;
/** Shapes world-atlas draws apart that the UN counts as part of a member state. */
const PART_OF: Record<string, string> = { 'N. Cyprus': 'CY', Somaliland: 'SO' };
const ANTARCTICA = '010';

/** Sequential blues, lightest for "none"; the darkest classes carry white-on-dark contrast in the legend. */
export const MAP_COLOURS = ['#e4e8ee', '#c6dbef', '#8fb8de', '#4f8cc4', '#1f62a3', '#0a3d6b'] as const;

interface Shape {
  /** ISO alpha-2, or null for a shape with no ISO code (Kosovo in world-atlas). */
  code: string | null;
  name: string;
  d: string;
}
let cache: { shapes: Shape[]; height: number } | undefined;

/** One path string from projected rings: rounded to whole units, repeated points dropped, relative moves. */
function encode(rings: [number, number][][]): string {
  let out = '';
  for (const ring of rings) {
    const pts: [number, number][] = [];
    for (const [x, y] of ring) {
      const p: [number, number] = [Math.round(x), Math.round(y)];
      const last = pts[pts.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
    }
    const [first, ...rest] = pts;
    if (!first || rest.length < 2) continue;
    let [lx, ly] = first;
    let moves = '';
    for (const [x, y] of rest) {
      const dx = x - lx;
      const dy = y - ly;
      moves += `${dx < 0 || moves === '' ? '' : ' '}${dx}${dy < 0 ? '' : ' '}${dy}`;
      lx = x;
      ly = y;
    }
    out += `M${first[0]} ${first[1]}l${moves}z`;
  }
  return out;
}

/** The projected shapes, computed on first use and kept for the life of the process. */
export function worldShapes(): { shapes: Shape[]; height: number } {
  if (cache) return cache;
  const file = createRequire(import.meta.url).resolve('world-atlas/countries-110m.json');
  const topo = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const land: FeatureCollection<Geometry, { name: string }> = {
    type: 'FeatureCollection',
    features: all.features.filter((f) => f.id !== ANTARCTICA),
  };
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, land);
  const [, [, bottom]] = geoPath(projection).bounds(land);
  const byCode = new Map<string, Shape>();
  const shapes: Shape[] = [];
  for (const f of land.features as Feature<Geometry, { name: string }>[]) {
    const rings: [number, number][][] = [];
    let ring: [number, number][] = [];
    geoPath(projection, {
      moveTo: (x, y) => {
        ring = [[x, y]];
        rings.push(ring);
      },
      lineTo: (x, y) => void ring.push([x, y]),
      closePath: () => undefined,
      arc: () => undefined,
      beginPath: () => undefined,
    })(f);
    const d = encode(rings);
    if (!d) continue;
    const code = (f.id !== undefined ? ALPHA2_BY_NUMERIC.get(String(f.id)) : PART_OF[f.properties.name]) ?? null;
    const same = code ? byCode.get(code) : undefined;
    if (same) same.d += d;
    else {
      const shape = { code, name: f.properties.name, d };
      shapes.push(shape);
      if (code) byCode.set(code, shape);
    }
  }
  cache = { shapes, height: Math.ceil(bottom) };
  return cache;
}

/**
 * Colour classes by quantiles of the countries' figures (at most five, none empty), so a programme
 * with one very large country still shows differences among the others. Returns each class's
 * lowest figure, ascending; class 0 is "none".
 */
export function mapBreaks(values: readonly number[]): number[] {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const classes = Math.min(5, sorted.length);
  const breaks: number[] = [];
  for (let i = 0; i < classes; i++) {
    const v = sorted[Math.floor((i * sorted.length) / classes)]!;
    if (breaks[breaks.length - 1] !== v) breaks.push(v);
  }
  return breaks;
}

export const classOf = (v: number, breaks: readonly number[]) => {
  let c = 0;
  for (const [i, b] of breaks.entries()) if (v >= b) c = i + 1;
  return c;
};

/** The colour of class c of k: spread over the palette so the top class is always the darkest, however few there are. */
export const colourOf = (c: number, k: number) =>
  MAP_COLOURS[c === 0 ? 0 : k === 1 ? 4 : Math.round(1 + ((c - 1) * 4) / (k - 1))]!;

export interface MapInput {
  id: string;
  title: string;
  desc: string;
  values: ReadonlyMap<string, number>;
  /** A country's name and figure in the reader's language, for its tooltip. */
  label: (code: string, value: number) => string;
}

export function worldMap(m: MapInput): { svg: string; breaks: number[] } {
  const { shapes, height } = worldShapes();
  const breaks = mapBreaks([...m.values.values()]);
  const paths = shapes
    .map((s) => {
      const v = s.code ? (m.values.get(s.code) ?? 0) : 0;
      const c = classOf(v, breaks);
      const title = s.code ? `<title>${esc(m.label(s.code, v))}</title>` : '';
      return `<path class="q${c}"${s.code ? ` data-country="${s.code}"` : ''} fill="${colourOf(c, breaks.length)}" d="${s.d}">${title}</path>`;
    })
    .join('');
  const svg =
    `<svg class="world-map" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${m.id}-title ${m.id}-desc" viewBox="0 0 ${MAP_WIDTH} ${height}" stroke="#fff" stroke-width="0.5">` +
    `<title id="${m.id}-title">${esc(m.title)}</title><desc id="${m.id}-desc">${esc(m.desc)}</desc>${paths}</svg>`;
  return { svg, breaks };
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
