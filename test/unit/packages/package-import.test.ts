import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatalogueService } from '../../../server/courses/catalogue-service.js';
import { createLogger } from '../../../server/log.js';
import { PACKAGE_KINDS } from '../../../server/packages/kinds.js';
import { createPackageService, PackageRefused } from '../../../server/packages/package-service.js';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import { cmi5Package } from '../../support/cmi5-packages.js';
import { writeZip } from '../../support/zip.js';

function service(limits?: Parameters<typeof createPackageService>[0]['limits']) {
  const dataDir = mkdtempSync(join(tmpdir(), 'praxis-packages-'));
  const store = openSqliteStore(':memory:');
  const catalogue = createCatalogueService({ courses: [], broken: [] });
  const packages = createPackageService({
    store,
    catalogue,
    dataDir,
    kinds: PACKAGE_KINDS,
    log: createLogger('silent'),
    limits,
  });
  return { dataDir, store, catalogue, packages };
}
const zipOf = (entries: Parameters<typeof writeZip>[1]) =>
  writeZip(join(mkdtempSync(join(tmpdir(), 'praxis-zip-')), 'p.zip'), entries);
async function refusal(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PackageRefused) return err.problems;
    throw err;
  }
  throw new Error('the package was accepted');
}
/** Nothing of a refused package stays behind: no folder, no record. */
const leftovers = (dataDir: string) =>
  existsSync(join(dataDir, 'packages')) ? readdirSync(join(dataDir, 'packages')) : [];

describe('importing course packages', () => {
  it('imports a cmi5 package as a course of the catalogue, with its AUs as lessons', async () => {
    const { packages, catalogue, dataDir, store } = service();

    const result = await packages.importZip(cmi5Package(), { by: 'admin-1', publish: true });

    expect(result).toMatchObject({
      slug: 'road-safety-for-first-responders',
      version: 1,
      kind: 'cmi5',
      published: true,
      files: 3,
    });
    const course = catalogue.get(result.slug);
    expect(course.manifest.title).toEqual({ en: 'Road safety for first responders' });
    expect(course.modules.flatMap((m) => m.lessons.map((l) => l.title.en))).toEqual([
      'Stopping distances',
      'Check your knowledge',
    ]);
    expect(existsSync(join(dataDir, 'packages', result.slug, '1', 'au.html'))).toBe(true);
    expect((await store.packages.versions(result.slug)).map((v) => v.version)).toEqual([1]);
  });

  it('adds a version for a known course id; new enrolments get it, a draft waits, and a rollback brings the old one back', async () => {
    const { packages, catalogue } = service();
    const first = await packages.importZip(cmi5Package(), { by: null, publish: true });

    const second = await packages.importZip(cmi5Package({ title: 'Road safety, revised' }), {
      by: null,
      publish: true,
    });
    const draft = await packages.importZip(cmi5Package({ title: 'Road safety, draft' }), { by: null, publish: false });

    expect([second.slug, second.version, draft.version]).toEqual([first.slug, 2, 3]);
    expect(catalogue.get(first.slug).manifest).toMatchObject({
      version: '2.0.0',
      title: { en: 'Road safety, revised' },
    });
    await packages.publish(first.slug, 1);
    expect(catalogue.get(first.slug).manifest).toMatchObject({
      version: '1.0.0',
      title: { en: 'Road safety for first responders' },
    });
  });

  it.each([
    [
      'zip slip',
      [
        { name: 'cmi5.xml', data: '<x/>' },
        { name: '../../evil.js', data: 'x' },
      ],
      /zip slip/,
    ],
    ['an absolute path', [{ name: '/etc/cron.d/evil', data: 'x' }], /absolute paths are not allowed/],
    [
      'a symbolic link',
      [
        { name: 'cmi5.xml', data: '<x/>' },
        { name: 'link', data: '/etc/passwd', symlink: true },
      ],
      /symbolic links are not allowed/,
    ],
    [
      'a zip bomb',
      [
        { name: 'cmi5.xml', data: '<x/>' },
        { name: 'zeros.bin', data: Buffer.alloc(20 * 1024 ** 2) },
      ],
      /zip bomb/,
    ],
    [
      'the same file twice',
      [
        { name: 'cmi5.xml', data: '<x/>' },
        { name: 'a.html', data: '1' },
        { name: 'A.html', data: '2' },
      ],
      /holds this file twice/,
    ],
    ['no manifest', [{ name: 'index.html', data: '<p>hi</p>' }], /no package manifest at the root/],
    ['a manifest in a folder', [{ name: 'course/cmi5.xml', data: '<x/>' }], /must be at the root of the zip/],
    [
      'a SCORM manifest with nothing to launch',
      [{ name: 'imsmanifest.xml', data: '<manifest/>' }],
      /has no item that launches a resource/,
    ],
    [
      'an AICC course',
      [
        { name: 'course.crs', data: '[Course]' },
        { name: 'course.au', data: 'x' },
      ],
      /AICC is not supported/,
    ],
    [
      'broken XML',
      [
        { name: 'cmi5.xml', data: '<courseStructure><course id="x">' },
        { name: 'au.html', data: '' },
      ],
      /not well-formed XML/,
    ],
  ])('refuses %s, says why, and leaves nothing behind', async (_what, entries, reason) => {
    const { packages, dataDir, store } = service();

    const problems = await refusal(
      packages.importZip(zipOf(entries as Parameters<typeof writeZip>[1]), { by: null, publish: true }),
    );

    expect(problems.join('\n')).toMatch(reason);
    expect(leftovers(dataDir)).toEqual([]);
    expect(await store.packages.listCurrent()).toEqual([]);
  });

  it('refuses too many files before reading any of them', async () => {
    const { packages } = service({ maxEntries: 100, maxTotalBytes: 1e9, maxEntryBytes: 1e9, maxRatio: 200 });
    const many = Array.from({ length: 150 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' }));

    expect(
      await refusal(
        packages.importZip(zipOf([{ name: 'cmi5.xml', data: '<x/>' }, ...many]), { by: null, publish: true }),
      ),
    ).toEqual(['151 files: at most 100 are allowed']);
  });

  it('lists every problem of a cmi5.xml: missing AU file, bad moveOn, a mastery score out of range, a duplicate id', async () => {
    const { packages } = service();
    const id = 'https://praxis.example.org/test/bad';
    const file = cmi5Package({
      courseId: id,
      aus: [
        { id: `${id}/au/1`, title: 'One', moveOn: 'Sometimes', url: 'missing.html' },
        { id: `${id}/au/1`, title: 'Two', masteryScore: 1.5 },
      ],
    });

    const problems = await refusal(packages.importZip(file, { by: null, publish: true }));

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/moveOn "Sometimes" is not one of/),
        expect.stringMatching(/masteryScore "1.5" must be a decimal from 0 to 1/),
        expect.stringMatching(/id "https:\/\/praxis.example.org\/test\/bad\/au\/1" is used twice/),
      ]),
    );
  });

  it('imports a Praxis course package with the checks of check-courses', async () => {
    const { packages, catalogue } = service();
    const broken = zipOf([{ name: 'course.yaml', data: 'id: first-aid\nversion: 1.0.0\n' }]);

    const problems = await refusal(packages.importZip(broken, { by: null, publish: true }));

    expect(problems.join('\n')).toMatch(/course\.yaml/);
    expect(catalogue.find('first-aid')).toBeUndefined();
  });
});
