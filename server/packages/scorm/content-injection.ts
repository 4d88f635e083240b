/**
 * SCORM content runs in a sandboxed frame that cannot reach the player's API, so every HTML page of
 * a SCORM package is served with two scripts of ours first in its <head>: scorm-again's CrossFrameAPI
 * and scorm-content.js, which installs it as window.API / window.API_1484_11 before the SCO's scripts run.
 */

/** The runtime scripts the content server must serve under `base` (same path or origin as the content). */
export const CONTENT_RUNTIME_FILES = ['cross-frame-api.min.js', 'scorm-content.js'] as const;

const HEAD = /<head(\s[^>]*)?>/i;
const HTML = /<html(\s[^>]*)?>/i;
const DOCTYPE = /^(\uFEFF?\s*<!doctype[^>]*>)/i;

export function injectScormRuntime(html: string, base: string): string {
  const tags = CONTENT_RUNTIME_FILES.map((f) => `<script src="${base}${f}"></script>`).join('');
  const head = HEAD.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tags + html.slice(head.index + head[0].length);
  const root = HTML.exec(html);
  if (root) return html.slice(0, root.index + root[0].length) + tags + html.slice(root.index + root[0].length);
  const doctype = DOCTYPE.exec(html)?.[1];
  if (doctype) return doctype + tags + html.slice(doctype.length);
  return tags + html;
}
