import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackageVersionRecord, Store } from '../../server/store/store.js';

export const aPackageVersion = (over: Partial<PackageVersionRecord> = {}): PackageVersionRecord => ({
  slug: 'road-safety',
  version: 1,
  kind: 'cmi5',
  sourceId: 'https://example.org/courses/road-safety',
  title: { en: 'Road safety', fr: 'Sécurité routière' },
  description: { en: 'A short course.' },
  languages: ['en', 'fr'],
  defaultLanguage: 'en',
  structure: { aus: [{ id: 'https://example.org/au/1', url: 'index.html' }] },
  files: 3,
  bytes: 4096,
  importedAt: new Date('2026-11-01T10:00:00Z'),
  importedBy: 'admin-1',
  current: true,
  ...over,
});

/** Imported packages and their versions behave the same on every adapter. */
export function packagesContract(name: string, open: () => Promise<Store>) {
  describe(`packages contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps every version, the newest current, and finds a course by its package id', async () => {
      await store.packages.add(aPackageVersion());
      await store.packages.add(
        aPackageVersion({
          version: 2,
          title: { en: 'Road safety, revised' },
          importedAt: new Date('2026-11-02T10:00:00Z'),
        }),
      );
      await store.packages.add(aPackageVersion({ slug: 'other', sourceId: 'https://example.org/other' }));

      const versions = await store.packages.versions('road-safety');
      expect(versions.map((v) => [v.version, v.current])).toEqual([
        [2, true],
        [1, false],
      ]);
      expect(versions[1]).toEqual({ ...aPackageVersion(), current: false });
      await store.packages.add(aPackageVersion({ version: 3, current: false })); // a draft: imported, not published
      expect((await store.packages.versions('road-safety')).map((v) => [v.version, v.current])).toEqual([
        [3, false],
        [2, true],
        [1, false],
      ]);
      expect((await store.packages.listCurrent()).map((p) => `${p.slug}@${p.version}`)).toEqual([
        'other@1',
        'road-safety@2',
      ]);
      expect(await store.packages.slugOfSource('cmi5', 'https://example.org/courses/road-safety')).toBe('road-safety');
      expect(await store.packages.slugOfSource('scorm', 'https://example.org/courses/road-safety')).toBeNull();
    });

    it('rolls back to an earlier version, and refuses one that does not exist', async () => {
      await store.packages.add(aPackageVersion());
      await store.packages.add(aPackageVersion({ version: 2 }));

      await store.packages.setCurrent('road-safety', 1);

      expect((await store.packages.find('road-safety', 1))?.current).toBe(true);
      expect((await store.packages.find('road-safety', 2))?.current).toBe(false);
      await expect(store.packages.setCurrent('road-safety', 9)).rejects.toMatchObject({ status: 404 });
      expect((await store.packages.find('road-safety', 1))?.current).toBe(true);
    });

    it('keeps cmi5 sessions: the fetch URL is spent once, and a session ends once, by terminated or abandoned', async () => {
      const session = {
        id: 's1',
        registration: 'r1',
        userId: 'u1',
        actor: null,
        slug: 'road-safety',
        version: 2,
        auId: 'https://example.org/au/1',
        activityId: 'https://praxis.example.org/cmi5/road-safety/au/1',
        moduleId: 'm0',
        lessonId: 'au-1',
        launchMode: 'Normal' as const,
        language: 'fr',
        launchedAt: new Date('2026-11-03T09:00:00Z'),
        fetchedAt: null,
        prefsAt: null,
        initializedAt: null,
        activeAt: new Date('2026-11-03T09:00:00Z'),
        terminatedAt: null,
        abandonedAt: null,
      };
      await store.cmi5.create(session);
      await store.cmi5.create({ ...session, id: 's2', launchedAt: new Date('2026-11-03T10:00:00Z') });

      const first = await store.cmi5.claimFetch('s1', new Date('2026-11-03T09:00:01Z'));
      const second = await store.cmi5.claimFetch('s1', new Date('2026-11-03T09:00:02Z'));
      await store.cmi5.mark('s1', 'prefs', new Date('2026-11-03T09:00:03Z'));
      await store.cmi5.mark('s1', 'prefs', new Date('2026-11-03T09:00:05Z'));
      await store.cmi5.mark('s1', 'initialized', new Date('2026-11-03T09:00:04Z'));
      const ended = await store.cmi5.end('s1', 'terminated', new Date('2026-11-03T09:30:00Z'));
      const again = await store.cmi5.end('s1', 'abandoned', new Date('2026-11-03T09:40:00Z'));

      expect([first, second, ended, again]).toEqual([true, false, true, false]);
      expect(await store.cmi5.find('s1')).toEqual({
        ...session,
        fetchedAt: new Date('2026-11-03T09:00:01Z'),
        prefsAt: new Date('2026-11-03T09:00:03Z'),
        initializedAt: new Date('2026-11-03T09:00:04Z'),
        activeAt: new Date('2026-11-03T09:30:00Z'),
        terminatedAt: new Date('2026-11-03T09:30:00Z'),
      });
      expect((await store.cmi5.open('r1', 'https://example.org/au/1')).map((s) => s.id)).toEqual(['s2']);
      expect((await store.cmi5.firstOf('r1'))?.id).toBe('s1');
      expect(await store.cmi5.firstOf('r9')).toBeNull();
      expect(await store.cmi5.find('nope')).toBeNull();
    });

    it('keeps the actor of an integration launch, and lists open sessions idle since a time, oldest first', async () => {
      const base = {
        registration: 'r2',
        userId: null,
        actor: { objectType: 'Agent' as const, account: { homePage: 'https://lms.example.org', name: 'ext-1' } },
        slug: 'road-safety',
        version: 1,
        auId: 'https://example.org/au/1',
        activityId: 'https://praxis.example.org/cmi5/road-safety/au/1',
        moduleId: 'm0',
        lessonId: 'au-1',
        launchMode: 'Browse' as const,
        language: 'en',
        launchedAt: new Date('2026-11-03T09:00:00Z'),
        fetchedAt: null,
        prefsAt: null,
        initializedAt: null,
        terminatedAt: null,
        abandonedAt: null,
      };
      await store.cmi5.create({ ...base, id: 'i1', activeAt: new Date('2026-11-03T09:10:00Z') });
      await store.cmi5.create({ ...base, id: 'i2', activeAt: new Date('2026-11-03T09:05:00Z') });
      await store.cmi5.create({ ...base, id: 'i3', activeAt: new Date('2026-11-03T09:50:00Z') });
      await store.cmi5.create({ ...base, id: 'i4', activeAt: new Date('2026-11-03T09:01:00Z') });
      await store.cmi5.end('i4', 'abandoned', new Date('2026-11-03T09:20:00Z'));
      await store.cmi5.touch('i2', new Date('2026-11-03T09:40:00Z'));
      await store.cmi5.touch('i1', new Date('2026-11-03T09:00:00Z')); // never backwards

      expect((await store.cmi5.find('i1'))?.actor).toEqual(base.actor);
      expect((await store.cmi5.idle(new Date('2026-11-03T09:45:00Z'), 10)).map((s) => s.id)).toEqual(['i1', 'i2']);
      expect((await store.cmi5.idle(new Date('2026-11-03T09:45:00Z'), 1)).map((s) => s.id)).toEqual(['i1']);
    });
  });
}
