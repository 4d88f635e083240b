import type { RequestHandler } from 'express';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { preferredEncoding } from './html-response.js';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.md': 'text/markdown; charset=utf-8',
};
/** Worth compressing; PNG and WOFF2 are compressed already. */
const TEXT = new Set(['.css', '.js', '.svg', '.json', '.md']);
const YEAR = 'public, max-age=31536000, immutable';
const br = promisify(brotliCompress);
const gz = promisify(gzip);

interface Asset {
  file: string;
  type: string;
  body: Buffer;
  version: string;
  encoded: Map<'br' | 'gzip', Promise<Buffer>>;
}

export interface Assets {
  /** The URL pages print: `/public/css/site.css?v=<content hash>`, cacheable for a year. Other paths are returned unchanged. */
  url(path: string): string;
  /** Serves the files it knows; anything else goes on to the next handler. */
  handler: RequestHandler;
}

/**
 * Praxis's own static files (public/ and the few vendor files mounted beside it), answered before
 * sessions, security headers and logging. Each file is read once, fingerprinted by its content, and
 * compressed once per encoding (brotli at its best quality, gzip at 9) the first time it is asked
 * for. With `cache: false` (development) every request reads the file again.
 */
export function createAssets(opts: { publicDir: string; extra?: Record<string, string>; cache: boolean }): Assets {
  const files = new Map<string, string>(Object.entries(opts.extra ?? {}));
  for (const file of walk(opts.publicDir))
    files.set(`/public/${relative(opts.publicDir, file).split(sep).join('/')}`, file);
  const loaded = new Map<string, Asset>();

  const asset = (path: string): Asset | undefined => {
    const file = files.get(path);
    if (!file) return undefined;
    const known = opts.cache ? loaded.get(path) : undefined;
    if (known) return known;
    const body = readFileSync(file);
    const a: Asset = {
      file,
      type: TYPES[extname(file)] ?? 'application/octet-stream',
      body,
      version: createHash('sha256').update(body).digest('hex').slice(0, 12),
      encoded: new Map(),
    };
    if (opts.cache) loaded.set(path, a);
    return a;
  };

  const handler: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let a: Asset | undefined;
    try {
      a = asset(req.path);
    } catch (err) {
      return next(err);
    }
    if (!a) return next();
    const text = TEXT.has(extname(a.file));
    const accepted = text ? preferredEncoding(req) : 'identity';
    const encoding = accepted === 'identity' ? undefined : accepted;
    const tag = `"${a.version}${encoding ? `-${encoding}` : ''}"`;
    res.setHeader('Content-Type', a.type);
    res.setHeader('Cache-Control', req.query.v === a.version ? YEAR : 'no-cache');
    res.setHeader('ETag', tag);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (text) res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === tag) {
      res.statusCode = 304;
      return res.end();
    }
    const current = a;
    const body = encoding ? encodedBody(current, encoding) : Promise.resolve(current.body);
    body.then((buf) => {
      if (encoding) res.setHeader('Content-Encoding', encoding);
      res.setHeader('Content-Length', buf.length);
      res.end(req.method === 'HEAD' ? undefined : buf);
    }, next);
  };

  return {
    url: (path) => {
      const a = asset(path);
      return a ? `${path}?v=${a.version}` : path;
    },
    handler,
  };
}

function encodedBody(a: Asset, encoding: 'br' | 'gzip'): Promise<Buffer> {
  let done = a.encoded.get(encoding);
  if (!done) {
    done =
      encoding === 'br'
        ? br(a.body, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: a.body.length },
          })
        : gz(a.body, { level: 9 });
    a.encoded.set(encoding, done);
  }
  return done;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}
