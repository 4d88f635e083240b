/**
 * JSON text without recursion. V8's JSON.stringify recurses and throws RangeError near 4,500 levels
 * of nesting (JSON.parse does not), so anything that writes or compares JSON whose depth it does not
 * control (stored statements, documents) goes through here. Inputs are refused beyond
 * JSON_MAX_DEPTH (docs/xapi-lrs.md, "Limits"); what is already stored is read whatever its depth.
 */

/** The deepest nesting of objects and arrays any JSON input may have (a statement itself is 1). */
export const JSON_MAX_DEPTH = 64;

/** The nesting depth of JSON text, scanned without parsing (strings are skipped): `{}` is 1, `1` is 0. */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export interface JsonWriteOptions {
  /** Write object keys in code-unit order (a canonical form for comparison). */
  sortKeys?: boolean;
  /** Replaces a property's value before it is written; `key` is null for array items and the root. */
  map?: (key: string | null, value: unknown, depth: number) => unknown;
  /** Leaves a property out; depth 1 is the root object's own properties. */
  skip?: (key: string, depth: number) => boolean;
}

type Frame =
  | { array: true; items: unknown[]; next: number; depth: number }
  | { array: false; entries: [string, unknown][]; next: number; depth: number };

function primitive(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      return undefined; // undefined, functions and symbols are left out (null in arrays)
  }
}

/** JSON.stringify's output (no indentation), written with an explicit stack instead of recursion. */
export function writeJson(root: unknown, opts: JsonWriteOptions = {}): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  /** Writes a value or opens its frame; false when the value is not representable (undefined, a function). */
  const put = (raw: unknown, key: string | null, depth: number): boolean => {
    let value = opts.map ? opts.map(key, raw, depth) : raw;
    if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
      value = (value as { toJSON: (k: string) => unknown }).toJSON(key ?? '');
    if (value === null || typeof value !== 'object') {
      const text = primitive(value);
      if (text === undefined) return false;
      out.push(text);
      return true;
    }
    if (Array.isArray(value)) {
      out.push('[');
      stack.push({ array: true, items: value, next: 0, depth: depth + 1 });
      return true;
    }
    let entries = Object.entries(value).filter(([k]) => !opts.skip?.(k, depth + 1));
    if (opts.sortKeys) entries = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out.push('{');
    stack.push({ array: false, entries, next: 0, depth: depth + 1 });
    return true;
  };
  if (!put(root, null, 0)) return 'null';
  for (let top = stack.at(-1); top; top = stack.at(-1)) {
    if (top.array) {
      if (top.next >= top.items.length) {
        out.push(']');
        stack.pop();
        continue;
      }
      if (top.next > 0) out.push(',');
      if (!put(top.items[top.next++], null, top.depth)) out.push('null');
      continue;
    }
    const entry = top.entries[top.next++];
    if (!entry) {
      out.push('}');
      stack.pop();
      continue;
    }
    const mark = out.length;
    if (out[mark - 1] !== '{') out.push(',');
    out.push(JSON.stringify(entry[0]), ':');
    if (!put(entry[1], entry[0], top.depth)) out.length = mark; // an undefined property is left out
  }
  return out.join('');
}

/** JSON.stringify when it can (fast), the iterative writer when the value is too deep for it. */
export function stringifyJson(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent);
  } catch (err) {
    if (err instanceof RangeError) return writeJson(value);
    throw err;
  }
}
