/**
 * MongoDB forbids `.` and a leading `$` in field names, but xAPI extension keys are IRIs full of dots.
 * Keys are percent-encoded on the way in and decoded on the way out (`%` first, so it round-trips).
 */
const encodeKey = (k: string) => k.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/\$/g, '%24');
const decodeKey = (k: string) => k.replace(/%2E/g, '.').replace(/%24/g, '$').replace(/%25/g, '%');

function mapKeys(value: unknown, f: (k: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapKeys(v, f));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), mapKeys(v, f)]));
  }
  return value;
}

export const encodeKeys = <T>(value: T): T => mapKeys(value, encodeKey) as T;
export const decodeKeys = <T>(value: T): T => mapKeys(value, decodeKey) as T;
