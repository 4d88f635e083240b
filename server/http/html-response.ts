import express, { type Express, type Request, type Response } from 'express';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Rendered pages are compressed here, in one call on the whole page, rather than by the compression
 * middleware's stream: a page is a few kilobytes that exist in full once rendered, and a stream per
 * response (its own buffers, a trip through the thread pool and back) cost more than the compression
 * itself (docs/operations.md, "Throughput"). Brotli at quality 2 with the size known ahead takes a
 * 13 KB lesson page to about a third in some 60 microseconds; quality 4 would save another 7 % of the
 * bytes for twice the time. gzip for browsers without Brotli.
 */
const BROTLI_QUALITY = 2;

export type Encoding = 'br' | 'gzip' | 'identity';
/** Takes over sending a page it keeps for other visitors (page-cache.ts); false: send it as usual. */
export type PageKeeper = (req: Request, res: Response, html: string) => boolean;

/** The encoding to send: Brotli over gzip when both are accepted; q=0 refuses one. Pages and static files. */
export function preferredEncoding(req: Request): Encoding {
  const header = req.headers['accept-encoding'];
  if (!header) return 'identity';
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

/** Below this many bytes a page goes out as it is: compressing would save less than it costs. */
export const worthCompressing = (bytes: number) => bytes >= 1024;

export function compressHtml(body: Buffer, encoding: Encoding, quality = BROTLI_QUALITY): Buffer {
  if (encoding === 'br') {
    return brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
  }
  if (encoding === 'gzip') return gzipSync(body, { level: quality >= 9 ? 9 : 6 });
  return body;
}

/** Sends a rendered page: compressed when the client takes it and it is worth it, with its length. */
export function sendHtml(req: Request, res: Response, html: string, keep?: PageKeeper): void {
  res.vary('Accept-Encoding');
  if (!res.get('Content-Type')) res.type('html');
  if (keep?.(req, res, html)) return;
  const body = Buffer.from(html, 'utf8');
  const encoding = !worthCompressing(body.length) || res.get('Content-Encoding') ? 'identity' : preferredEncoding(req);
  if (encoding !== 'identity') res.set('Content-Encoding', encoding);
  res.send(compressHtml(body, encoding));
}

/**
 * `res.render(view, locals)` without a callback sends the page through sendHtml; with a callback it is
 * Express's own. Set on this app's response prototype, so nothing is allocated per request.
 */
export function renderThroughSendHtml(app: Express, keep?: PageKeeper): void {
  const render = express.response.render;
  app.response.render = function (this: Response, view: string, options?: unknown, callback?: unknown) {
    if (typeof options === 'function' || typeof callback === 'function') {
      return Reflect.apply(render, this, [view, options, callback]);
    }
    const send = (err: Error | null, html?: string) => {
      if (err) return this.req.next?.(err);
      sendHtml(this.req, this, html ?? '', keep);
    };
    Reflect.apply(render, this, [view, options ?? {}, send]);
  };
}
