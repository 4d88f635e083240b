import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const serverFiles = files(join(ROOT, 'server')).map((abs) => ({
  path: relative(ROOT, abs).split(sep).join('/'),
  source: readFileSync(abs, 'utf8'),
}));

const importsOf = (source: string) =>
  [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );
/** Relative imports of a server file, resolved to repository paths without the extension. */
const localImportsOf = (f: { path: string; source: string }) =>
  importsOf(f.source)
    .filter((s): s is string => typeof s === 'string' && s.startsWith('.'))
    .map((s) =>
      normalize(join(dirname(f.path), s))
        .split(sep)
        .join('/')
        .replace(/\.js$/, ''),
    );
const importsPackage = (source: string, pkg: string) =>
  importsOf(source).some((s) => s === pkg || s.startsWith(`${pkg}/`));

/** The fences of DESIGN.md section 2: each library stays in its place. */
const fences: { pkg: string; allowed: (path: string) => boolean }[] = [
  { pkg: 'express', allowed: (p) => p === 'server/app.ts' || p.startsWith('server/http/') || p.endsWith('.routes.ts') },
  {
    pkg: 'passport',
    allowed: (p) => p.startsWith('server/http/') || p.endsWith('.routes.ts') || p === 'server/app.ts',
  },
  { pkg: 'mongoose', allowed: (p) => p.startsWith('server/store/mongo/') },
  { pkg: 'mongodb', allowed: (p) => p.startsWith('server/store/mongo/') },
  { pkg: 'better-sqlite3', allowed: (p) => p.startsWith('server/store/sqlite/') },
  {
    pkg: 'pdfkit',
    allowed: (p) => p.startsWith('server/pdf/') || (p.startsWith('server/certificates/') && p.includes('pdf')),
  },
];

describe('architecture', () => {
  it('finds the server sources', () => {
    expect(serverFiles.length).toBeGreaterThan(10);
  });

  for (const { pkg, allowed } of fences) {
    it(`imports ${pkg} only inside its fence`, () => {
      const offenders = serverFiles.filter((f) => importsPackage(f.source, pkg) && !allowed(f.path)).map((f) => f.path);
      expect(offenders).toEqual([]);
    });
  }

  it('reads process.env only in server/config.ts', () => {
    const offenders = serverFiles
      .filter((f) => /process\.env/.test(f.source) && f.path !== 'server/config.ts')
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps services free of express, passport and database drivers', () => {
    const services = serverFiles.filter((f) => /-service\.ts$/.test(f.path));
    const offenders = services
      .filter((f) =>
        ['express', 'passport', 'mongoose', 'mongodb', 'better-sqlite3'].some((p) => importsPackage(f.source, p)),
      )
      .map((f) => f.path);
    expect(services.length).toBeGreaterThan(0);
    expect(offenders).toEqual([]);
  });

  it('lets nothing import main.ts or container.ts except the entry points', () => {
    const offenders = serverFiles
      .filter((f) => f.path !== 'server/main.ts')
      .filter((f) => importsOf(f.source).some((s) => /(^|\/)(main|container)\.js$/.test(s)))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('makes services depend on the store port, never on an adapter', () => {
    const offenders = serverFiles
      .filter((f) => !f.path.startsWith('server/store/') && f.path !== 'server/container.ts')
      .filter((f) => importsOf(f.source).some((s) => /store\/(sqlite|mongo)\//.test(s)))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps the ledger kernel at the bottom: it imports nothing from the rest of the server', () => {
    const kernel = serverFiles.filter((f) => f.path.startsWith('server/ledger/'));
    const offenders = kernel.flatMap((f) =>
      localImportsOf(f)
        .filter((t) => !t.startsWith('server/ledger/'))
        .map((t) => `${f.path} -> ${t}`),
    );
    expect(kernel.length).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });

  it('keeps the store below the features: it imports only itself, the kernel and the shared errors', () => {
    const allowed = (t: string) =>
      t.startsWith('server/store/') || t.startsWith('server/ledger/') || t === 'server/errors';
    const offenders = serverFiles
      .filter((f) => f.path.startsWith('server/store/'))
      .flatMap((f) =>
        localImportsOf(f)
          .filter((t) => !allowed(t))
          .map((t) => `${f.path} -> ${t}`),
      );
    expect(offenders).toEqual([]);
  });

  it('lets xapi and the features reach the store only through its port (store.ts and ports/)', () => {
    const port = (t: string) => t === 'server/store/store' || t.startsWith('server/store/ports/');
    const offenders = serverFiles
      .filter((f) => !f.path.startsWith('server/store/') && f.path !== 'server/container.ts')
      .flatMap((f) =>
        localImportsOf(f)
          .filter((t) => t.startsWith('server/store/') && !port(t))
          .map((t) => `${f.path} -> ${t}`),
      );
    expect(offenders).toEqual([]);
  });
});
