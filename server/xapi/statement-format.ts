import type { StoredStatement } from '../store/store.js';
import { isJson, type Json } from '../ledger/statement.js';

export type StatementFormat = 'exact' | 'ids' | 'canonical';

/**
 * A statement's own structure is never deeper than this (a SubStatement's context's team's members);
 * below it only opaque values remain (extension values), returned as they are. This bounds the
 * recursion however deep a stored statement is.
 */
const STRUCTURE_DEPTH = 16;

/** format=ids: agents and groups keep only their identifiers, activities and verbs only their ids. */
function idsOnly(value: unknown, key?: string, depth = 0): unknown {
  if (depth > STRUCTURE_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => idsOnly(v, key, depth + 1));
  if (!isJson(value)) return value;
  const o = value;
  const type = o.objectType as string | undefined;
  const isAgentish =
    type === 'Agent' || type === 'Group' || ['actor', 'instructor', 'authority', 'team', 'member'].includes(key ?? '');
  if (isAgentish && (o.mbox || o.mbox_sha1sum || o.openid || o.account)) {
    const out: Json = {};
    for (const k of ['objectType', 'mbox', 'mbox_sha1sum', 'openid', 'account']) if (o[k] !== undefined) out[k] = o[k];
    return out;
  }
  if (isAgentish && type === 'Group') return { objectType: 'Group', member: idsOnly(o.member, 'member', depth + 1) };
  if (key === 'verb') return { id: o.id };
  if ((type === 'Activity' || (type === undefined && key === 'object')) && typeof o.id === 'string')
    return { id: o.id };
  if (key === 'parent' || key === 'grouping' || key === 'category' || key === 'other') return { id: o.id };
  if (key === 'extensions') return o;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, idsOnly(v, k, depth + 1)]));
}

const LANGUAGE_MAP_KEYS = new Set(['display', 'name', 'description']);

/** format=canonical: every language map keeps the one entry that best fits Accept-Language. */
function oneLanguage(value: unknown, languages: string[], key?: string, depth = 0): unknown {
  if (depth > STRUCTURE_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => oneLanguage(v, languages, undefined, depth + 1));
  if (!isJson(value)) return value;
  const o = value;
  if (key && LANGUAGE_MAP_KEYS.has(key) && Object.values(o).every((v) => typeof v === 'string')) {
    const tags = Object.keys(o);
    const pick =
      languages
        .map(
          (l) =>
            tags.find((t) => t.toLowerCase() === l.toLowerCase()) ??
            tags.find((t) => t.toLowerCase().split('-')[0] === l.toLowerCase().split('-')[0]),
        )
        .find((t) => t !== undefined) ?? tags[0];
    return pick === undefined ? {} : { [pick]: o[pick] };
  }
  if (key === 'extensions') return o;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, oneLanguage(v, languages, k, depth + 1)]));
}

/** Accept-Language in preference order (q values respected). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
      return { tag: tag.trim(), q: q ? Number(q[1]) : 1 };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

export function formatStatement(s: StoredStatement, format: StatementFormat, languages: string[]): StoredStatement {
  if (format === 'ids') return idsOnly(s) as StoredStatement;
  if (format === 'canonical') return oneLanguage(s, languages) as StoredStatement;
  return s;
}
