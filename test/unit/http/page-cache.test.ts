import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import request from 'supertest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderThroughSendHtml } from '../../../server/http/html-response.js';
import { createPageCache } from '../../../server/http/page-cache.js';

// Express looks the view file up on disk; the engine above does not read it.
const VIEWS = mkdtempSync(join(tmpdir(), 'praxis-page-cache-'));
writeFileSync(join(VIEWS, 'page.page'), '');

/** A page of `size` characters that names how often its route ran, so a reused copy shows itself. */
function site(opts: { ttlMs?: number; maxEntries?: number; size?: number } = {}) {
  let clock = 1_000;
  let version = 1;
  let renders = 0;
  const cache = createPageCache({
    ttlMs: opts.ttlMs ?? 30_000,
    version: () => version,
    now: () => clock,
    maxEntries: opts.maxEntries,
  });
  const app: Express = express();
  app.engine('page', (_file: string, o: object, cb: (e: Error | null, html?: string) => void) => {
    const { n, filler } = o as { n: number; filler: string };
    cb(null, `<!doctype html><p>render ${n}</p>${filler}`);
  });
  app.set('view engine', 'page');
  app.set('views', VIEWS);
  app.set('view cache', true);
  renderThroughSendHtml(app, cache.keep);
  app.use(cookieParser());
  app.use(cache.middleware);
  const filler = 'x'.repeat(opts.size ?? 4000);
  const page = (extra?: (res: express.Response) => void) => (req: express.Request, res: express.Response) => {
    renders++;
    res.locals.lang = req.get('accept-language') ?? 'en';
    extra?.(res);
    res.render('page', { n: renders, filler });
  };
  app.get(
    '/courses/with-form',
    page((res) => {
      res.locals.csrfMade = true;
    }),
  );
  app.get(
    '/courses/with-cookie',
    page((res) => res.cookie('praxis.csrf', 'nonce')),
  );
  app.get(
    '/courses/missing',
    page((res) => res.status(404)),
  );
  app.get('/', page());
  app.get('/courses', page());
  app.get(
    '/courses/:slug',
    page((res) => res.set('Cache-Control', 'no-cache')),
  );
  app.get('/signin', page());
  return {
    app,
    cache,
    renders: () => renders,
    advance: (ms: number) => {
      clock += ms;
    },
    catalogueChanged: () => {
      version++;
    },
  };
}

describe('anonymous page cache (issue 10, throughput)', () => {
  it('renders a page once for every anonymous reader, and answers a reader who has it with 304', async () => {
    const s = site();
    const first = await request(s.app).get('/courses').set('Accept-Encoding', 'br');
    const second = await request(s.app).get('/courses').set('Accept-Encoding', 'br');

    expect(s.renders()).toBe(1);
    expect(second.headers['content-encoding']).toBe('br');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers.etag).toMatch(/^W\/"[\w-]{27}"$/);
    expect(second.text).toBe(first.text);
    expect(second.text).toContain('render 1');
    const again = await request(s.app).get('/courses').set('If-None-Match', String(first.headers.etag));
    expect(again.status).toBe(304);
    expect(s.renders()).toBe(1);
  });

  it('keeps the headers the page set and compresses the kept copy for each encoding once', async () => {
    const s = site();
    // supertest decodes what it receives: the header says which encoding was sent.
    const br = await request(s.app).get('/courses/fixture').set('Accept-Encoding', 'br');
    const gz = await request(s.app).get('/courses/fixture').set('Accept-Encoding', 'gzip');
    const plain = await request(s.app).get('/courses/fixture').set('Accept-Encoding', 'identity');

    expect(s.renders()).toBe(1);
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.text).toBe(plain.text);
    expect(gz.text).toBe(plain.text);
    expect(Number(br.headers['content-length'])).toBeLessThan(plain.text.length / 10);
    for (const res of [br, gz, plain]) {
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
    }
  });

  it('keeps one copy per language', async () => {
    const s = site();
    await request(s.app).get('/').set('Accept-Language', 'fr');
    await request(s.app).get('/').set('Accept-Language', 'ar');
    await request(s.app).get('/').set('Accept-Language', 'fr');
    await request(s.app).get('/').set('Cookie', 'praxis_lang=ar');

    expect(s.renders()).toBe(2);
    expect(s.cache.size()).toBe(2);
  });

  it('renders afresh when the copy is older than its time or the catalogue changed', async () => {
    const s = site({ ttlMs: 10_000 });
    await request(s.app).get('/courses');
    s.advance(9_999);
    await request(s.app).get('/courses');
    expect(s.renders()).toBe(1);
    s.advance(2);
    expect((await request(s.app).get('/courses')).text).toContain('render 2');
    s.catalogueChanged();
    expect((await request(s.app).get('/courses')).text).toContain('render 3');
    expect((await request(s.app).get('/courses')).text).toContain('render 3');
  });

  it('never serves or keeps a copy for a visitor with a session or a notice, nor pages it does not know', async () => {
    const s = site();
    await request(s.app).get('/courses');
    const signedIn = await request(s.app).get('/courses').set('Cookie', 'praxis.sid=s%3Aabc.def');
    const noticed = await request(s.app).get('/courses').set('Cookie', 'praxis_notice=signedOut');
    await request(s.app).get('/signin');
    await request(s.app).get('/signin');

    expect(signedIn.text).toContain('render 2');
    expect(noticed.text).toContain('render 3');
    expect(s.renders()).toBe(5);
    expect(s.cache.size()).toBe(1);
  });

  it('does not keep a page that made a CSRF token, set a cookie or failed', async () => {
    const s = site();
    for (const path of ['/courses/with-form', '/courses/with-cookie', '/courses/missing']) {
      await request(s.app).get(path);
      await request(s.app).get(path);
    }

    expect(s.renders()).toBe(6);
    expect(s.cache.size()).toBe(0);
  });

  it('holds a bounded number of copies (query strings make new keys)', async () => {
    const s = site({ maxEntries: 3 });
    for (let i = 0; i < 10; i++) await request(s.app).get(`/courses?audience=a${i}`);
    expect(s.cache.size()).toBe(3);
  });

  it('answers HEAD from the kept copy without a body', async () => {
    const s = site();
    await request(s.app).get('/courses');
    const head = await request(s.app).head('/courses').set('Accept-Encoding', 'br');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(s.renders()).toBe(1);
  });
});
