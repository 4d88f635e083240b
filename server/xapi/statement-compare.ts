import { writeJson } from '../ledger/json-text.js';

/**
 * Statement comparison (xAPI 1.0.3 Data 2.3.1 / Communication 2.1.1): two statements with the same
 * id are the same when they agree on everything the sender controls. Properties the LRS sets
 * (stored, authority, version) and key order do not count; timestamps compare as instants, and
 * durations to 0.01 second (xAPI 2.0 Data 4.6: finer precision is not compared).
 */
const LRS_SET = new Set(['id', 'stored', 'authority', 'version', 'attachments']);

/** PT1.23456S and PT1.23S compare equal; PT1S and PT1.00S too. */
export function durationToHundredths(d: string): string {
  return d.replace(
    /(\d+)(?:\.(\d*))?S$/,
    (_m, whole: string, frac: string | undefined) => `${whole}.${`${frac ?? ''}00`.slice(0, 2)}S`,
  );
}

function leaf(key: string, v: unknown): unknown {
  if (typeof v !== 'string') return undefined;
  if (key === 'timestamp') return Date.parse(v);
  if (key === 'duration') return durationToHundredths(v);
  return undefined;
}

/** Keys sorted, LRS-set properties left out, timestamps and durations normalised; iterative, so any depth is safe. */
const canonical = (s: unknown) =>
  writeJson(s, {
    sortKeys: true,
    skip: (key, depth) => depth === 1 && LRS_SET.has(key),
    map: (key, value) => (key === null ? value : (leaf(key, value) ?? value)),
  });

export function sameStatement(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
