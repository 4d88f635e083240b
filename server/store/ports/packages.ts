/** Imported course packages (cmi5, SCORM, Praxis): one record per version; files live in DATA_DIR/packages/. */
export const PACKAGE_KINDS = ['cmi5', 'scorm', 'praxis'] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];

export interface PackageVersionRecord {
  slug: string;
  version: number;
  kind: PackageKind;
  /** The package's own course id (cmi5 course IRI, SCORM manifest identifier, course.yaml id). */
  sourceId: string;
  title: Record<string, string>;
  description: Record<string, string>;
  languages: string[];
  defaultLanguage: string;
  /** What the kind parsed from the manifest, as JSON: the run-time reads it at launch. */
  structure: unknown;
  files: number;
  bytes: number;
  importedAt: Date;
  importedBy: string | null;
  /** The version new enrolments get; learners in progress stay on theirs. */
  current: boolean;
}

export interface PackageRepo {
  /** Adds a version; a current one replaces the course's current version, in one transaction. */
  add(record: PackageVersionRecord): Promise<PackageVersionRecord>;
  find(slug: string, version: number): Promise<PackageVersionRecord | null>;
  versions(slug: string): Promise<PackageVersionRecord[]>;
  /** The current version of every imported course. */
  listCurrent(): Promise<PackageVersionRecord[]>;
  slugOfSource(kind: PackageKind, sourceId: string): Promise<string | null>;
  /** Makes an existing version current (rollback); NotFoundError when it does not exist. */
  setCurrent(slug: string, version: number): Promise<void>;
}
