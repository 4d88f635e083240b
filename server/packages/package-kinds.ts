import type { PackageKind } from '../store/store.js';
import type { PackageOutline } from './package-course.js';
import type { ZipEntryInfo } from './zip-safety.js';

/** What a kind learned from its manifest; stored with the version. */
export interface PackageMeta {
  sourceId: string;
  title: Record<string, string>;
  description: Record<string, string>;
  languages: string[];
  defaultLanguage: string;
  structure: unknown;
}
export type Inspection = { ok: true; meta: PackageMeta } | { ok: false; problems: string[] };

/**
 * One kind of package (cmi5, SCORM, Praxis). The pipeline does everything they share (upload, zip
 * safety, versions, storage, content serving); a kind reads and checks its manifest and says how
 * its units appear as lessons. The SCORM issue registers its kind here.
 */
export interface PackageKindHandler {
  kind: PackageKind;
  /** The file at the zip's root that marks the kind. */
  manifest: string;
  inspect(read: (name: string) => Promise<Buffer | null>, entries: readonly ZipEntryInfo[]): Promise<Inspection>;
  outline(structure: unknown, meta: PackageMeta): PackageOutline;
  /** Checks on the extracted files that need them on disk (a Praxis course's Markdown). */
  checkExtracted?(dir: string): Promise<string[]>;
}

/** Which kind a zip is, by the manifest at its root; the reasons when it is none. */
export function detectKind(
  kinds: readonly PackageKindHandler[],
  entries: readonly ZipEntryInfo[],
): PackageKindHandler | { problems: string[] } {
  const root = new Set(entries.map((e) => e.name));
  const kind = kinds.find((k) => root.has(k.manifest));
  if (kind) return kind;
  if (root.has('imsmanifest.xml'))
    return { problems: ['imsmanifest.xml: SCORM packages are not supported yet; export the course as cmi5.'] };
  const nested = entries.map((e) => e.name).find((n) => kinds.some((k) => n.endsWith(`/${k.manifest}`)));
  if (nested)
    return {
      problems: [`${nested}: the manifest must be at the root of the zip, not in a folder; zip the folder's contents.`],
    };
  if (entries.some((e) => /\.(crs|au|des|cst)$/i.test(e.name))) {
    return { problems: ['this is an AICC package: AICC is not supported; export the course as SCORM or cmi5.'] };
  }
  return {
    problems: [
      `no package manifest at the root of the zip: expected one of ${kinds.map((k) => k.manifest).join(', ')}`,
    ],
  };
}
