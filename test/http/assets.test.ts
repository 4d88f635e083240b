import request from 'supertest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { registeredAgent, testApp } from '../support/app.js';

const ROOT = join(import.meta.dirname, '../..');
const CSS = readFileSync(join(ROOT, 'public/css/site.css'));
const BEST_BROTLI = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: CSS.length },
};
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe("Praxis's own static files", () => {
  it('are linked by a content fingerprint, cached for a year under it, and sent precompressed (br, then gzip)', async () => {
    const { app } = await testApp();
    const page = await request(app).get('/');
    const href = /<link rel="stylesheet" href="(\/public\/css\/site\.css\?v=[0-9a-f]{12})">/.exec(page.text)?.[1];
    expect(href).toBeDefined();

    const brotli = await request(app).get(href!).set('Accept-Encoding', 'gzip, deflate, br').buffer(true).parse(binary);
    const gzip = await request(app).get(href!).set('Accept-Encoding', 'gzip').buffer(true).parse(binary);
    const plain = await request(app).get(href!).set('Accept-Encoding', 'identity').buffer(true).parse(binary);

    // The client decodes what it receives; the lengths show what travelled.
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(Number(brotli.headers['content-length'])).toBe(brotliCompressSync(CSS, BEST_BROTLI).length);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(Number(gzip.headers['content-length'])).toBe(gzipSync(CSS, { level: 9 }).length);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(CSS.length);
    for (const res of [brotli, gzip, plain]) {
      expect((res.body as Buffer).equals(CSS)).toBe(true);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('are revalidated by ETag when asked for without the current fingerprint, and a missing file is 404', async () => {
    const { app } = await testApp();

    const old = await request(app).get('/public/css/site.css?v=000000000000').set('Accept-Encoding', 'br');
    const again = await request(app)
      .get('/public/css/site.css')
      .set('Accept-Encoding', 'br')
      .set('If-None-Match', old.headers.etag!);
    const head = await request(app).head('/public/js/tracker.js');
    const missing = await request(app).get('/public/css/nothing-here.css');

    expect(old.status).toBe(200);
    expect(old.headers['cache-control']).toBe('no-cache');
    expect(again.status).toBe(304);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(missing.status).toBe(404);
  });

  it('and the health checks are answered before sessions: they work while the session store fails', async () => {
    const { app, deps } = await testApp();
    const { agent } = await registeredAgent(app);
    deps.store.sessions.get = async () => {
      throw new Error('session store down');
    };

    const health = await agent.get('/healthz');
    const ready = await agent.get('/readyz');
    const css = await agent.get('/public/css/site.css');
    const page = await agent.get('/courses');

    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(ready.body).toEqual({ status: 'ready', store: 'sqlite' });
    expect(css.status).toBe(200);
    expect(page.status).toBe(500);
  });
});
