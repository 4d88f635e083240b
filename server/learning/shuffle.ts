import { createHash } from 'node:crypto';
import type { Quiz } from '../courses/course.schema.js';

/** What one attempt showed: per question, option / right-hand / item ids in display order. */
export type ShownOrder = Record<string, string[]>;

function seededRandom(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    // mulberry32: small, fast and good enough for shuffling a handful of options
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same attempt id always gives the same order; an ordering question never starts already solved. */
export function shownOrder(quiz: Quiz, attemptId: string): ShownOrder {
  const order: ShownOrder = {};
  for (const q of quiz.questions) {
    const seed = `${attemptId}:${q.id}`;
    if (q.type === 'single' || q.type === 'multiple')
      order[q.id] = shuffle(
        q.options.map((o) => o.id),
        seed,
      );
    if (q.type === 'matching')
      order[q.id] = shuffle(
        q.pairs.map((p) => p.id),
        seed,
      );
    if (q.type === 'ordering') {
      const ids = q.items.map((i) => i.id);
      const shuffled = shuffle(ids, seed);
      order[q.id] = shuffled.join() === ids.join() ? [...ids.slice(1), ...ids.slice(0, 1)] : shuffled;
    }
  }
  return order;
}
