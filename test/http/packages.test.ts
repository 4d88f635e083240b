import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { registeredAgent, signedInWithRoles, testApp } from '../support/app.js';
import { cmi5Package } from '../support/cmi5-packages.js';
import { writeZip } from '../support/zip.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const withDataDir = () => testApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'praxis-pkg-http-')), PACKAGE_MAX_MB: '1' });

describe('course packages over HTTP', () => {
  it('lets an administrator upload a cmi5 package, which then is a course of the catalogue', async () => {
    const t = await withDataDir();
    const { agent: admin } = await signedInWithRoles(t, ['learner', 'admin']);
    const page = await admin.get('/admin/courses');

    const res = await admin
      .post('/admin/packages')
      .field('_csrf', csrfOf(page.text))
      .field('publish', 'yes')
      .attach('package', cmi5Package());

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/packages/road-safety-for-first-responders?imported=1');
    const catalogue = await admin.get('/courses');
    expect(catalogue.text).toContain('Road safety for first responders');
    const versions = await admin.get(res.headers.location as string);
    expect(versions.text).toContain('Version 1 was imported.');
  });

  it('lists every reason a package is refused, on the page, with 422', async () => {
    const t = await withDataDir();
    const { agent: admin } = await signedInWithRoles(t, ['learner', 'admin']);
    const page = await admin.get('/admin/courses');
    const hostile = writeZip(join(mkdtempSync(join(tmpdir(), 'praxis-zip-')), 'h.zip'), [
      { name: 'cmi5.xml', data: '<x/>' },
      { name: '../x.js', data: '' },
      { name: 'l', data: '/', symlink: true },
    ]);

    const res = await admin.post('/admin/packages').field('_csrf', csrfOf(page.text)).attach('package', hostile);

    expect(res.status).toBe(422);
    expect(res.text).toContain('The package was refused.');
    expect(res.text).toMatch(/zip slip/);
    expect(res.text).toMatch(/symbolic links are not allowed/);
  });

  it('refuses an upload over the configured size with 413, and anybody but an administrator before reading it', async () => {
    const t = await withDataDir();
    const { agent: admin } = await signedInWithRoles(t, ['learner', 'admin']);
    const page = await admin.get('/admin/courses');
    const big = writeZip(join(mkdtempSync(join(tmpdir(), 'praxis-zip-')), 'big.zip'), [
      { name: 'cmi5.xml', data: '<x/>' },
      { name: 'noise.bin', data: randomBytes(1_500_000) },
    ]);
    const learner = (await registeredAgent(t.app)).agent;

    const tooBig = await admin.post('/admin/packages').field('_csrf', csrfOf(page.text)).attach('package', big);
    const notAdmin = await learner.post('/admin/packages').attach('package', cmi5Package());
    const anonymous = await request(t.app).post('/admin/packages').attach('package', cmi5Package());

    expect(tooBig.status).toBe(413);
    expect(notAdmin.status).toBe(403);
    expect(anonymous.status).toBe(303);
  });

  it('serves package content with its own CSP, no session, immutable caching, and byte ranges', async () => {
    const t = await withDataDir();
    const { slug, version } = await t.deps.packages.importZip(cmi5Package(), { by: null, publish: true });
    const url = `/content/${slug}/${version}/au.html`;

    const res = await request(t.app).get(url);
    const range = await request(t.app).get(url).set('Range', 'bytes=0-14');
    const outside = await request(t.app).get(`/content/${slug}/${version}/..%2F..%2Fpraxis.db`);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(range.status).toBe(206);
    expect(range.text).toBe('<!doctype html>');
    expect(outside.status).toBe(404);
  });
});
