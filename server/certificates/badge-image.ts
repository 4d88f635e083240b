import { encodePng } from './png-chunks.js';

const SIZE = 256;
let cached: Buffer | undefined;

/**
 * The achievement image: a blue medal with a white ring and tick, drawn once in memory (anti-aliased
 * by distance), so the badge needs no image file or image library.
 */
export function badgeImage(): Buffer {
  if (cached) return cached;
  const rgba = new Uint8Array(SIZE * SIZE * 4);
  const c = SIZE / 2;
  const tick: [number, number, number, number][] = [
    [78, 132, 112, 166],
    [112, 166, 180, 94],
  ];
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const r = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      const disc = clamp(124 - r);
      const ring = clamp(5 - Math.abs(r - 106));
      const mark = clamp(
        11 - Math.min(...tick.map(([x1, y1, x2, y2]) => segmentDistance(x + 0.5, y + 0.5, x1, y1, x2, y2))),
      );
      const white = Math.max(ring, mark);
      const i = (y * SIZE + x) * 4;
      rgba[i] = Math.round(11 + (255 - 11) * white);
      rgba[i + 1] = Math.round(79 + (255 - 79) * white);
      rgba[i + 2] = Math.round(138 + (255 - 138) * white);
      rgba[i + 3] = Math.round(255 * disc);
    }
  }
  cached = encodePng(SIZE, SIZE, rgba);
  return cached;
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));

function segmentDistance(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = clamp(((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}
