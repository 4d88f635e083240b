import { BadRequestError } from '../errors.js';
import type { StoredStatement } from '../store/store.js';
import { type Context, isSubStatement } from '../ledger/statement.js';

/**
 * The two xAPI versions this LRS speaks: 1.0.3 and 2.0.0 (IEEE 9274.1.1). A request names its version in
 * X-Experience-API-Version; the response carries the same line's version, and statements are read and
 * written by that version's rules.
 */
export type XapiVersion = '1.0.3' | '2.0.0';

/** What /about lists for the enabled versions, newest first (1.0.3 also speaks for 1.0.0-1.0.2). */
export function aboutVersions(enabled: readonly XapiVersion[]): string[] {
  return enabled.flatMap((v) => (v === '1.0.3' ? ['1.0.3', '1.0.2', '1.0.1', '1.0.0'] : [v]));
}

/**
 * 1.0.x and 2.0.x are accepted when enabled (patch versions are compatible within a line); anything else
 * is 400. `enabled` is newest first.
 */
/** The version line a header names (1.0.x -> 1.0.3, 2.0.x -> 2.0.0), or null. */
export function versionLine(header: string | undefined): XapiVersion | null {
  const v = header?.trim() ?? '';
  return /^1\.0(\.\d+)?$/.test(v) ? '1.0.3' : /^2\.0(\.\d+)?$/.test(v) ? '2.0.0' : null;
}

export function negotiateVersion(
  header: string | undefined,
  enabled: readonly XapiVersion[] = ['2.0.0', '1.0.3'],
): XapiVersion {
  if (!header) throw new BadRequestError('version_missing', 'The X-Experience-API-Version header is required.');
  const v = header.trim();
  const line = versionLine(v);
  if (line === null || !enabled.includes(line)) {
    throw new BadRequestError(
      'version_unsupported',
      `xAPI version ${v} is not supported; this LRS speaks ${enabled.join(' and ')}.`,
    );
  }
  return line;
}

/**
 * The context without the properties 2.0 added (contextAgents, contextGroups), which a 1.0.3 reader
 * would refuse; an empty context is dropped (undefined is not serialised).
 */
function withoutAdded<T extends { context?: Context }>(s: T): T {
  if (!s.context || (s.context.contextAgents === undefined && s.context.contextGroups === undefined)) return s;
  const { contextAgents: _agents, contextGroups: _groups, ...context } = s.context;
  return { ...s, context: Object.keys(context).length === 0 ? undefined : context };
}

/**
 * A statement as a reader of `version` receives it. 2.0 readers get what was stored. 1.0.3 readers get
 * the statement without the context properties 2.0 added, and a 2.0.x `version` becomes 1.0.0 (the
 * statement is then a valid 1.0.3 statement: every other 2.0 change only narrows what may be sent).
 */
export function statementForVersion(s: StoredStatement, version: XapiVersion): StoredStatement {
  if (version === '2.0.0') return s;
  const top = withoutAdded(s);
  const down = isSubStatement(top.object) ? { ...top, object: withoutAdded(top.object) } : top;
  return typeof down.version === 'string' && down.version.startsWith('2.') ? { ...down, version: '1.0.0' } : down;
}
