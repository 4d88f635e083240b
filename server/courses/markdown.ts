import MarkdownIt from 'markdown-it';

export interface AssetInfo {
  width?: number;
  height?: number;
}
export interface RenderedMarkdown {
  html: string;
  problems: { line: number; message: string }[];
}

/** Package-relative asset reference (`assets/x.png`, `./assets/x.png`), normalised; null if it is not one. */
export function assetName(ref: string): string | null {
  const m = /^(?:\.\/)?assets\/([^?#]+)$/.exec(ref);
  if (!m) return null;
  const name = decodeURIComponent(m[1] ?? '');
  // No climbing out of assets/: every segment must be a plain name.
  return name.split('/').every((seg) => seg && seg !== '.' && seg !== '..' && !seg.startsWith('.')) ? name : null;
}

/**
 * Lesson Markdown: raw HTML off; links only https, mailto, in-page anchors or files in the package's
 * assets/; images only from assets/, lazy-loaded with their intrinsic size so the page does not jump.
 */
export function createLessonRenderer(slug: string, assets: ReadonlyMap<string, AssetInfo>) {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const assetUrl = (name: string) => `/courses/${slug}/assets/${name.split('/').map(encodeURIComponent).join('/')}`;

  return (source: string): RenderedMarkdown => {
    const problems: RenderedMarkdown['problems'] = [];
    const tokens = md.parse(source, {});
    for (const block of tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const line = (block.map?.[0] ?? 0) + 1;
      for (const tok of block.children) {
        if (tok.type === 'link_open') {
          const href = String(tok.attrGet('href') ?? '');
          const asset = assetName(href);
          if (asset !== null) {
            if (!assets.has(asset)) problems.push({ line, message: `link to "${href}": no such file in assets/` });
            tok.attrSet('href', assetUrl(asset));
          } else if (/^https:\/\/[^\s]+$/i.test(href)) {
            tok.attrSet('rel', 'noopener');
          } else if (!/^mailto:[^\s]+$/i.test(href) && !/^#[\w-]+$/.test(href)) {
            problems.push({
              line,
              message: `link "${href}" is not allowed (use https://, mailto:, #anchor or a file in assets/)`,
            });
          }
        } else if (tok.type === 'image') {
          const src = String(tok.attrGet('src') ?? '');
          const asset = assetName(src);
          const info = asset === null ? undefined : assets.get(asset);
          if (asset === null)
            problems.push({ line, message: `image "${src}" must be a file in the package's assets/` });
          else if (!info) problems.push({ line, message: `image "${src}": no such file in assets/` });
          else if (!info.width || !info.height)
            problems.push({ line, message: `image "${src}": not an image whose size can be read` });
          if (!tok.content.trim()) problems.push({ line, message: `image "${src}" needs alt text` });
          if (asset !== null) tok.attrSet('src', assetUrl(asset));
          if (info?.width && info.height) {
            tok.attrSet('width', String(info.width));
            tok.attrSet('height', String(info.height));
          }
          tok.attrSet('loading', 'lazy');
          tok.attrSet('decoding', 'async');
        }
      }
    }
    return { html: md.renderer.render(tokens, md.options, {}), problems };
  };
}
