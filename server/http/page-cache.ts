import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { compressHtml, type Encoding, preferredEncoding, worthCompressing } from './html-response.js';
import { languageOf } from './locals.js';
import { NOTICE_COOKIE } from './notice.js';
import { SESSION_COOKIE } from './session.js';

/**
 * The pages a visitor sees before signing in (home, catalogue, a course) are the same for every visitor
 * who reads them in the same language: rendered once, they are reused for `ttlMs` and until the
 * catalogue changes, already compressed, with an ETag so a phone that has the page gets a 304. Only a
 * visitor with neither a session nor a pending notice is served from here, and a page that made a
 * CSRF token or set a cookie is never kept (docs/operations.md, "Throughput").
 */
const CACHEABLE = /^\/(courses(\/[\w-]+)?)?$/;
/** Responses from the rendered page that a reused copy repeats; the rest are the request's own. */
const OWN_HEADERS = new Set(['x-request-id', 'content-length', 'content-encoding', 'etag', 'set-cookie']);

interface Entry {
  until: number;
  version: number;
  headers: [string, string | number | string[]][];
  body: Buffer;
  etag: string;
  encoded: Map<Encoding, Buffer>;
}

export interface PageCacheOptions {
  ttlMs: number;
  /** The catalogue's version: pages rendered from an older one are stale (catalogue-service.ts). */
  version: () => number;
  maxEntries?: number;
  now?: () => number;
}

export type PageCache = ReturnType<typeof createPageCache>;

export function createPageCache(opts: PageCacheOptions) {
  const now = opts.now ?? Date.now;
  const max = opts.maxEntries ?? 500;
  const entries = new Map<string, Entry>();

  const fresh = (entry: Entry) => entry.until > now() && entry.version === opts.version();

  const send = (req: Request, res: Response, entry: Entry) => {
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader('ETag', entry.etag);
    const encoding = worthCompressing(entry.body.length) ? preferredEncoding(req) : 'identity';
    let body = entry.encoded.get(encoding);
    if (!body) {
      // Compressed once for every reader, so as small as Brotli and gzip make it.
      body = compressHtml(entry.body, encoding, 11);
      entry.encoded.set(encoding, body);
    }
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.send(body); // answers 304 when the visitor's If-None-Match is this ETag (req.fresh)
  };

  /** Before the session: a kept page is sent at once; otherwise the request is marked for keeping. */
  const middleware: RequestHandler = (req, res, next) => {
    if (opts.ttlMs <= 0 || (req.method !== 'GET' && req.method !== 'HEAD') || !CACHEABLE.test(req.path)) return next();
    const cookies = req.cookies as Record<string, unknown> | undefined;
    if (cookies?.[SESSION_COOKIE] !== undefined || cookies?.[NOTICE_COOKIE] !== undefined) return next();
    const key = `${languageOf(req)} ${req.originalUrl}`;
    const entry = entries.get(key);
    if (entry && fresh(entry)) return send(req, res, entry);
    if (entry) entries.delete(key);
    res.locals.pageCacheKey = key;
    next();
  };

  /**
   * Called with a rendered page (html-response.ts): keeps and sends it when the request was marked and
   * the page is the same for everyone; returns false to have it sent as any other page.
   */
  const keep = (req: Request, res: Response, html: string): boolean => {
    const key = res.locals.pageCacheKey;
    if (typeof key !== 'string' || res.statusCode !== 200 || res.locals.csrfMade || res.getHeader('Set-Cookie')) {
      return false;
    }
    // Visitors who asked at the same moment all rendered it: the first one's copy serves the others.
    const kept = entries.get(key);
    if (kept && fresh(kept)) {
      send(req, res, kept);
      return true;
    }
    const body = Buffer.from(html, 'utf8');
    const headers = Object.entries(res.getHeaders()).filter(
      (h): h is [string, string | number | string[]] => h[1] !== undefined && !OWN_HEADERS.has(h[0]),
    );
    const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const entry: Entry = {
      until: now() + opts.ttlMs,
      version: opts.version(),
      headers,
      body,
      etag,
      encoded: new Map(),
    };
    if (entries.size >= max) entries.delete(entries.keys().next().value ?? '');
    entries.set(key, entry);
    send(req, res, entry);
    return true;
  };

  return { middleware, keep, size: () => entries.size };
}
