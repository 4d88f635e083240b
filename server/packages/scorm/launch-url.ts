/** Launch URLs inside a package: xml:base and parameters as ADL CAM 1.3 describes them. */
import { posix } from 'node:path';

/** Joins xml:base values and an href the way CAM 1.3 §3.4.1.3 describes; null when it leaves the package. */
export function resolveHref(bases: (string | null)[], href: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href; // absolute URL: external content
  let path = '';
  for (const b of bases) {
    if (!b) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(b))
      return new URL(posix.join(b.replace(/^[^:]+:\/\/[^/]*/, '') || '/', href), b).href;
    path = posix.join(path, b);
  }
  const joined = posix.normalize(posix.join(path, href));
  return joined.startsWith('../') || joined === '..' || joined.startsWith('/') ? null : joined;
}

/** Appends `parameters` to a launch URL (CAM 1.3 §3.4.1.18: strip a leading `?` or `&`; a `#` is a fragment). */
export function withParameters(href: string, parameters: string | null): string {
  if (!parameters) return href;
  if (parameters.startsWith('#')) return href.includes('#') ? href : href + parameters;
  const p = parameters.replace(/^[?&]+/, '');
  if (!p) return href;
  return href + (href.includes('?') ? '&' : '?') + p;
}
