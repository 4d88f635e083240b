import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CatalogueService } from '../courses/catalogue-service.js';
import { loadCourse } from '../courses/course-loader.js';
import type { LoadedCourse } from '../courses/course-model.js';
import { AppError, NotFoundError } from '../errors.js';
import type { Logger } from '../log.js';
import type { PackageVersionRecord, Store } from '../store/store.js';
import { packageCourse, packageDir } from './package-course.js';
import { detectKind, type PackageKindHandler, type PackageMeta } from './package-kinds.js';
import {
  DEFAULT_ZIP_LIMITS,
  extractZip,
  listZip,
  readZipFile,
  ZipRefused,
  type ZipEntryInfo,
  type ZipLimits,
} from './zip-safety.js';

const MAX_STRUCTURE_BYTES = 20 * 1024 ** 2;

/** A package refused, with every reason: the upload page and the CLI list them all. */
export class PackageRefused extends AppError {
  constructor(readonly problems: string[]) {
    super(422, 'package_refused', `The package was refused:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

export interface ImportResult {
  slug: string;
  version: number;
  kind: string;
  title: Record<string, string>;
  published: boolean;
  files: number;
  bytes: number;
}

export interface PackageServiceDeps {
  store: Store;
  catalogue: CatalogueService;
  dataDir: string;
  kinds: readonly PackageKindHandler[];
  log: Logger;
  limits?: ZipLimits;
  now?: () => Date;
  /** Told after an import or a publish changed the catalogue (the other workers then install it too). */
  catalogueChanged?: () => void;
}

const kebab = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'course';

export type PackageService = ReturnType<typeof createPackageService>;

export function createPackageService(deps: PackageServiceDeps) {
  const { store, catalogue, dataDir, kinds } = deps;
  const limits = deps.limits ?? DEFAULT_ZIP_LIMITS;
  const now = deps.now ?? (() => new Date());
  const kindOf = (k: string) => kinds.find((h) => h.kind === k);

  /** The catalogue's view of a stored version; null when its kind is not installed here. */
  function courseOf(rec: PackageVersionRecord): LoadedCourse | null {
    if (rec.kind === 'praxis') {
      const dir = packageDir(dataDir, rec.slug, rec.version);
      return loadCourse(dir, rec.slug, dir).course;
    }
    const kind = kindOf(rec.kind);
    return kind ? packageCourse(rec, kind.outline(rec.structure, rec), dataDir) : null;
  }

  async function newSlug(title: Record<string, string>): Promise<string> {
    const base = kebab(title.en ?? Object.values(title)[0] ?? 'course');
    for (let i = 1; ; i++) {
      const slug = i === 1 ? base : `${base}-${i}`;
      if (!catalogue.find(slug) && (await store.packages.versions(slug)).length === 0) return slug;
    }
  }

  /** Records a checked package as a new version of its course; nothing is left behind when anything fails. */
  async function commit(
    kind: PackageKindHandler,
    meta: PackageMeta,
    entries: readonly ZipEntryInfo[],
    fill: (dir: string) => Promise<void>,
    opts: { by: string | null; publish: boolean },
  ): Promise<ImportResult> {
    const slug =
      (await store.packages.slugOfSource(kind.kind, meta.sourceId)) ??
      (kind.kind === 'praxis' ? meta.sourceId : await newSlug(meta.title));
    const earlier = await store.packages.versions(slug);
    if (earlier.length === 0 && catalogue.find(slug))
      throw new PackageRefused([`"${slug}" is a course of the courses folder; it cannot be replaced by an upload`]);
    const version = Math.max(0, ...earlier.map((v) => v.version)) + 1;
    const incoming = join(dataDir, 'packages', `.incoming-${randomUUID()}`);
    const target = packageDir(dataDir, slug, version);
    try {
      mkdirSync(incoming, { recursive: true });
      await fill(incoming);
      const problems = (await kind.checkExtracted?.(incoming)) ?? [];
      if (problems.length) throw new PackageRefused(problems);
      mkdirSync(dirname(target), { recursive: true });
      if (existsSync(target)) rmSync(target, { recursive: true, force: true }); // a failed earlier attempt
      renameSync(incoming, target);
    } catch (err) {
      rmSync(incoming, { recursive: true, force: true });
      if (err instanceof ZipRefused) throw new PackageRefused(err.problems);
      throw err;
    }
    const record: PackageVersionRecord = {
      slug,
      version,
      kind: kind.kind,
      ...meta,
      files: entries.length,
      bytes: entries.reduce((n, e) => n + e.size, 0),
      importedAt: now(),
      importedBy: opts.by,
      current: opts.publish,
    };
    try {
      await store.packages.add(record);
    } catch (err) {
      rmSync(target, { recursive: true, force: true });
      throw err;
    }
    if (opts.publish) {
      const course = courseOf(record);
      if (course) {
        catalogue.install(course);
        deps.catalogueChanged?.();
      }
    }
    deps.log.info({ slug, version, kind: kind.kind, files: record.files }, 'package imported');
    return {
      slug,
      version,
      kind: kind.kind,
      title: meta.title,
      published: opts.publish,
      files: record.files,
      bytes: record.bytes,
    };
  }

  return {
    /**
     * Checks, unpacks and records a zip as a new version of its course (a known package id adds a
     * version). Nothing is left behind when anything is wrong: the unpacked files go to a temporary
     * folder that is renamed into place only once every check passed.
     */
    async importZip(file: string, opts: { by: string | null; publish: boolean }): Promise<ImportResult> {
      let entries: Awaited<ReturnType<typeof listZip>>;
      try {
        entries = await listZip(file, limits);
      } catch (err) {
        if (err instanceof ZipRefused) throw new PackageRefused(err.problems);
        throw err;
      }
      const kind = detectKind(kinds, entries);
      if ('problems' in kind) throw new PackageRefused(kind.problems);
      const inspection = await kind.inspect((name) => readZipFile(file, name), entries);
      if (!inspection.ok) throw new PackageRefused(inspection.problems);
      return commit(kind, inspection.meta, entries, (dir) => extractZip(file, dir), opts);
    },

    /**
     * A cmi5 course structure without a zip (cmi5 14.2): its AUs live elsewhere, so every AU url must
     * be fully qualified. Stored as a version holding only its cmi5.xml.
     */
    async importCourseStructure(file: string, opts: { by: string | null; publish: boolean }): Promise<ImportResult> {
      const kind = kindOf('cmi5');
      if (!kind) throw new PackageRefused(['cmi5 packages are not installed here']);
      const { size } = statSync(file);
      if (size > MAX_STRUCTURE_BYTES)
        throw new PackageRefused([`cmi5.xml is larger than ${MAX_STRUCTURE_BYTES} bytes`]);
      const xml = readFileSync(file);
      const entries: ZipEntryInfo[] = [{ name: 'cmi5.xml', size, compressedSize: size }];
      const inspection = await kind.inspect(async (name) => (name === 'cmi5.xml' ? xml : null), entries);
      if (!inspection.ok)
        throw new PackageRefused(
          inspection.problems.map((p) =>
            p.includes('names a file the zip does not hold')
              ? `${p.replace(/ names a file.*$/, '')} is relative, but a course structure imported without a zip must use fully qualified URLs (cmi5 14.2.0.0-1)`
              : p,
          ),
        );
      return commit(kind, inspection.meta, entries, async (dir) => writeFileSync(join(dir, 'cmi5.xml'), xml), opts);
    },

    versions: (slug: string) => store.packages.versions(slug),
    find: (slug: string, version: number) => store.packages.find(slug, version),

    /** Publishes a version (or rolls back to an earlier one): new enrolments get it; learners in progress keep theirs. */
    async publish(slug: string, version: number): Promise<void> {
      const rec = await store.packages.find(slug, version);
      if (!rec) throw new NotFoundError('package_version_not_found', `No version ${version} of ${slug}.`);
      await store.packages.setCurrent(slug, version);
      const course = courseOf({ ...rec, current: true });
      if (course) {
        catalogue.install(course);
        deps.catalogueChanged?.();
      }
    },

    /** At start-up: every published package joins the catalogue. */
    async installPublished(): Promise<number> {
      let n = 0;
      for (const rec of await store.packages.listCurrent()) {
        const course = courseOf(rec);
        if (course) {
          catalogue.install(course);
          n++;
        } else deps.log.warn({ slug: rec.slug, kind: rec.kind }, 'package course not installed');
      }
      return n;
    },
  };
}
