/** Reading fast-xml-parser output (namespace prefixes removed, attributes as `@_name`) without casts. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

/** Elements that may repeat in a manifest; always read as arrays so one and many look the same. */
const REPEATING = new Set([
  'organization',
  'item',
  'resource',
  'file',
  'dependency',
  'objective',
  'langstring',
  'string',
  'mapInfo',
  'sequencing',
  'metadata',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATING.has(name),
});

export type ParsedXml = { ok: true; root: XmlNode } | { ok: false; problem: string };

/** Validates, then parses. Entity declarations are refused: a manifest has no use for them (billion laughs). */
export function parseXml(text: string, name: string): ParsedXml {
  if (/<!ENTITY/i.test(text)) return { ok: false, problem: `${name}: entity declarations are not allowed.` };
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    return { ok: false, problem: `${name} is not valid XML (line ${line}, column ${col}): ${msg}` };
  }
  const root: unknown = parser.parse(text);
  return isNode(root) ? { ok: true, root } : { ok: false, problem: `${name} is empty.` };
}

export const isNode = (v: unknown): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first child element of that name (an element given as text becomes `{ '#text': text }`). */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const v = node?.[name];
  const first: unknown = Array.isArray(v) ? v[0] : v;
  if (isNode(first)) return first;
  if (typeof first === 'string') return { '#text': first };
  return undefined;
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const v = node?.[name];
  const list: unknown[] = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((x) => (isNode(x) ? x : { '#text': typeof x === 'string' ? x : '' }));
}

export function attr(node: XmlNode | undefined, name: string): string | null {
  const v = node?.[`@_${name}`];
  return typeof v === 'string' ? v : null;
}

/** Text content of an element, trimmed; null when the element is missing or empty. */
export function text(node: XmlNode | undefined): string | null {
  const v = node?.['#text'];
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  return s === '' ? null : s;
}

export const childText = (node: XmlNode | undefined, name: string) => text(child(node, name));

/** First of several spellings (SCORM 1.2 writes `datafromlms`, 2004 `dataFromLMS`). */
export function childTextOf(node: XmlNode | undefined, names: string[]): string | null {
  for (const n of names) {
    const t = childText(node, n);
    if (t !== null) return t;
  }
  return null;
}
