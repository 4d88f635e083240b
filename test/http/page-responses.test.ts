import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { registeredAgent, testApp } from '../support/app.js';

describe('pages as they go out (issue 10, throughput)', () => {
  it('compresses rendered pages in the encoding the browser takes, Brotli first', async () => {
    const t = await testApp({ PAGE_CACHE_SECONDS: '0' });
    const br = await request(t.app).get('/courses').set('Accept-Encoding', 'gzip, br');
    const gz = await request(t.app).get('/courses').set('Accept-Encoding', 'gzip, br;q=0');
    const plain = await request(t.app).get('/courses').set('Accept-Encoding', 'identity');

    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.text).toBe(plain.text);
    expect(Number(br.headers['content-length'])).toBeLessThan(Buffer.byteLength(plain.text) / 2);
    expect(br.headers.vary).toMatch(/Accept-Language/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
  });

  it('reuses the anonymous catalogue, never for a signed-in reader, and not after the catalogue changed', async () => {
    const t = await testApp();
    const first = await request(t.app).get('/courses');
    const again = await request(t.app).get('/courses').set('If-None-Match', String(first.headers.etag));
    expect(again.status).toBe(304);

    const { agent } = await registeredAgent(t.app, { displayName: 'Cached Nobody' });
    const own = await agent.get('/courses');
    expect(own.status).toBe(200);
    expect(own.text).toContain('/signout');
    expect(first.text).not.toContain('/signout');

    const slug = t.deps.courseSlugs[0]!;
    const course = t.deps.catalogue.get(slug);
    const renamed = { ...course, manifest: { ...course.manifest, title: { en: 'A renamed course' } } };
    t.deps.catalogue.install(renamed);
    const after = await request(t.app).get('/courses');
    expect(after.text).toContain('A renamed course');
    expect(after.headers.etag).not.toBe(first.headers.etag);
  });
});
