import type { Database } from 'better-sqlite3';
import { NotFoundError } from '../../errors.js';
import type { PackageKind, PackageRepo, PackageVersionRecord } from '../store.js';

interface Row {
  slug: string;
  version: number;
  kind: string;
  source_id: string;
  title: string;
  description: string;
  languages: string;
  default_language: string;
  structure: string;
  files: number;
  bytes: number;
  imported_at: number;
  imported_by: string | null;
  current: number;
}

const fromRow = (r: Row): PackageVersionRecord => ({
  slug: r.slug,
  version: r.version,
  kind: r.kind as PackageKind,
  sourceId: r.source_id,
  title: JSON.parse(r.title) as Record<string, string>,
  description: JSON.parse(r.description) as Record<string, string>,
  languages: JSON.parse(r.languages) as string[],
  defaultLanguage: r.default_language,
  structure: JSON.parse(r.structure) as unknown,
  files: r.files,
  bytes: r.bytes,
  importedAt: new Date(r.imported_at),
  importedBy: r.imported_by,
  current: r.current === 1,
});

export function sqlitePackages(db: Database): PackageRepo {
  const q = {
    uncurrent: db.prepare('UPDATE packages SET current = 0 WHERE slug = ? AND current = 1'),
    insert:
      db.prepare(`INSERT INTO packages (slug, version, kind, source_id, title, description, languages, default_language, structure,
      files, bytes, imported_at, imported_by, current) VALUES (@slug, @version, @kind, @sourceId, @title, @description, @languages,
      @defaultLanguage, @structure, @files, @bytes, @importedAt, @importedBy, @current)`),
    find: db.prepare('SELECT * FROM packages WHERE slug = ? AND version = ?'),
    versions: db.prepare('SELECT * FROM packages WHERE slug = ? ORDER BY version DESC'),
    current: db.prepare('SELECT * FROM packages WHERE current = 1 ORDER BY slug'),
    source: db.prepare('SELECT slug FROM packages WHERE kind = ? AND source_id = ? LIMIT 1'),
    setCurrent: db.prepare('UPDATE packages SET current = 1 WHERE slug = ? AND version = ?'),
  };
  const add = db.transaction((r: PackageVersionRecord) => {
    if (r.current) q.uncurrent.run(r.slug);
    q.insert.run({
      ...r,
      current: r.current ? 1 : 0,
      title: JSON.stringify(r.title),
      description: JSON.stringify(r.description),
      languages: JSON.stringify(r.languages),
      structure: JSON.stringify(r.structure),
      importedAt: r.importedAt.getTime(),
    });
  });
  const setCurrent = db.transaction((slug: string, version: number) => {
    if (!q.find.get(slug, version))
      throw new NotFoundError('package_version_not_found', `No version ${version} of ${slug}.`);
    q.uncurrent.run(slug);
    q.setCurrent.run(slug, version);
  });
  return {
    add: async (r) => {
      add.immediate(r);
      return r;
    },
    find: async (slug, version) => {
      const row = q.find.get(slug, version) as Row | undefined;
      return row ? fromRow(row) : null;
    },
    versions: async (slug) => (q.versions.all(slug) as Row[]).map(fromRow),
    listCurrent: async () => (q.current.all() as Row[]).map(fromRow),
    slugOfSource: async (kind, sourceId) =>
      (q.source.get(kind, sourceId) as { slug: string } | undefined)?.slug ?? null,
    setCurrent: async (slug, version) => {
      setCurrent.immediate(slug, version);
    },
  };
}
