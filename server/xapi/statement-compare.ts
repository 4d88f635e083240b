import { isJson } from '../ledger/statement.js';

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

function canonical(value: unknown, top: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, false));
  if (isJson(value)) {
    const entries = Object.entries(value)
      .filter(([k]) => !(top && LRS_SET.has(k)))
      .map(([k, v]) => [k, leaf(k, v) ?? canonical(v, false)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }
  return value;
}

function leaf(key: string, v: unknown): unknown {
  if (typeof v !== 'string') return undefined;
  if (key === 'timestamp') return Date.parse(v);
  if (key === 'duration') return durationToHundredths(v);
  return undefined;
}

export function sameStatement(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a, true)) === JSON.stringify(canonical(b, true));
}
