import { createHash } from 'node:crypto';
import type { Cmi5Au, Cmi5Block, Cmi5Course, Cmi5Node } from './cmi5-manifest.js';

/**
 * The activity ids the LMS generates for a course's AUs, blocks and course (cmi5 8.1.5, 9.3.9): never
 * the publisher's ids, which go in `grouping` instead, and the same for every launch of an AU in a
 * registration (derived from the course slug and the publisher id, so stable across versions too).
 */
export function generatedIds(publicUrl: string, slug: string) {
  const h = (id: string) => createHash('sha256').update(id).digest('hex').slice(0, 20);
  const base = `${publicUrl}/cmi5/${slug}`;
  return {
    au: (au: Pick<Cmi5Au, 'id'>) => `${base}/au/${h(au.id)}`,
    block: (block: Pick<Cmi5Block, 'id'>) => `${base}/block/${h(block.id)}`,
    course: `${base}/course`,
  };
}
export type GeneratedIds = ReturnType<typeof generatedIds>;

/**
 * Which blocks and whether the course are satisfied, given which AUs are (cmi5 9.3.9: a block or the
 * course is satisfied when everything in it is). Blocks come inner first, in document order: the
 * order the LMS writes their `satisfied` statements.
 */
export function satisfiedParts(
  course: Cmi5Course,
  auSatisfied: (au: Cmi5Au) => boolean,
): { blocks: Cmi5Block[]; course: boolean } {
  const blocks: Cmi5Block[] = [];
  const all = (nodes: readonly Cmi5Node[]): boolean =>
    nodes
      .map((n) => {
        if (n.kind === 'au') return auSatisfied(n.au);
        const done = all(n.block.children);
        if (done) blocks.push(n.block);
        return done;
      })
      .every(Boolean);
  const whole = all(course.children);
  return { blocks, course: whole };
}

/** The AU at an index of the course structure, in document order (0 based), as the CATAPULT suite counts. */
export function auAt(aus: readonly Cmi5Au[], index: number): Cmi5Au | undefined {
  return Number.isInteger(index) && index >= 0 ? aus[index] : undefined;
}
