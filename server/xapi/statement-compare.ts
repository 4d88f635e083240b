import type { Json } from './xapi-formats.js';

/**
 * Statement comparison (xAPI 1.0.3 Data 2.3.1 / Communication 2.1.1): two statements with the same
 * id are the same when they agree on everything the sender controls. Properties the LRS sets
 * (stored, authority, version) and key order do not count; timestamps compare as instants.
 */
const LRS_SET = new Set(['id', 'stored', 'authority', 'version', 'attachments']);

function canonical(value: unknown, top: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, false));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Json)
      .filter(([k]) => !(top && LRS_SET.has(k)))
      .map(([k, v]) => [k, k === 'timestamp' && typeof v === 'string' ? Date.parse(v) : canonical(v, false)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }
  return value;
}

export function sameStatement(a: Json, b: Json): boolean {
  return JSON.stringify(canonical(a, true)) === JSON.stringify(canonical(b, true));
}
