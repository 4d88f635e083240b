/** The <resources> of a manifest, with xml:base applied to every href. */
import { resolveHref } from './launch-url.js';
import type { ScormResource } from './scorm-manifest.js';
import { attr, child, children, type XmlNode } from './xml-node.js';

export function readResources(manifest: XmlNode, problems: string[]): Map<string, ScormResource> {
  const node = child(manifest, 'resources');
  const bases = [attr(manifest, 'base'), attr(node, 'base')];
  const out = new Map<string, ScormResource>();
  for (const r of children(node, 'resource')) {
    const identifier = attr(r, 'identifier') ?? '';
    if (!identifier) {
      problems.push('A <resource> has no identifier.');
      continue;
    }
    if (out.has(identifier)) problems.push(`Resource identifier "${identifier}" is used twice.`);
    const own = [...bases, attr(r, 'base')];
    const resolve = (href: string) => {
      const path = resolveHref(own, href);
      if (path === null) problems.push(`Resource "${identifier}": "${href}" points outside the package.`);
      return path;
    };
    const href = attr(r, 'href');
    const type = (attr(r, 'scormtype') ?? attr(r, 'scormType') ?? 'asset').toLowerCase();
    out.set(identifier, {
      identifier,
      scormType: type === 'sco' ? 'sco' : 'asset',
      href: href ? resolve(href) : null,
      files: children(r, 'file')
        .map((f) => attr(f, 'href'))
        .filter((h): h is string => !!h)
        .map(resolve)
        .filter((h): h is string => h !== null),
      dependencies: children(r, 'dependency')
        .map((d) => attr(d, 'identifierref'))
        .filter((h): h is string => !!h),
    });
  }
  for (const r of out.values()) {
    for (const d of r.dependencies) {
      if (!out.has(d))
        problems.push(`Resource "${r.identifier}" depends on "${d}", which the manifest does not define.`);
    }
  }
  return out;
}
