/** A SCORM package's imsmanifest.xml after parsing: what the player and the importer need. */

export type ScormVersion = '1.2' | '2004-2nd' | '2004-3rd' | '2004-4th';

export interface CompletionThreshold {
  /** 0..1; 2004 3rd edition gives it as the element's text, 4th edition as an attribute. */
  minProgressMeasure: number;
  completedByMeasure: boolean;
  progressWeight: number;
}

export interface ItemObjective {
  id: string;
  primary: boolean;
  satisfiedByMeasure: boolean;
  minNormalizedMeasure: number | null;
}

/** One node of an organization's activity tree. A leaf with a resource is launchable (a SCO or an asset). */
export interface ScormItem {
  identifier: string;
  title: string;
  visible: boolean;
  resourceId: string | null;
  /** The launch URL inside the package: xml:base applied, `parameters` appended. Null for a cluster. */
  launch: string | null;
  parameters: string | null;
  /** SCORM 1.2 `adlcp:masteryscore` (0..100), or the primary objective's minNormalizedMeasure × 100. */
  masteryScore: number | null;
  completionThreshold: CompletionThreshold | null;
  objectives: ItemObjective[];
  dataFromLms: string | null;
  maxTimeAllowed: string | null;
  timeLimitAction: string | null;
  /** SCORM 1.2 prerequisites expression, kept as written. */
  prerequisites: string | null;
  /** True when the item has imsss:sequencing or refers to a sequencing collection (2004). */
  hasSequencing: boolean;
  children: ScormItem[];
}

export interface ScormOrganization {
  identifier: string;
  title: string;
  items: ScormItem[];
  /** True when the manifest had no organization and this one was built from its resources. */
  synthetic: boolean;
}

export interface ScormResource {
  identifier: string;
  scormType: 'sco' | 'asset';
  /** Launch file with xml:base applied, relative to the package root. */
  href: string | null;
  files: string[];
  dependencies: string[];
}

export interface ScormMetadata {
  schema: string | null;
  schemaVersion: string | null;
  /** Title and description from inline LOM metadata, when the manifest has them. */
  title: string | null;
  description: string | null;
  language: string | null;
}

export interface ScormManifest {
  version: ScormVersion;
  identifier: string;
  title: string;
  metadata: ScormMetadata;
  defaultOrganization: string;
  organizations: ScormOrganization[];
  resources: ScormResource[];
}

/** A launchable item in tree order, with where it sits (for the table of contents). */
export interface ScormLaunchable {
  item: ScormItem;
  depth: number;
  scormType: 'sco' | 'asset';
}

export function defaultOrganization(m: ScormManifest): ScormOrganization {
  const org = m.organizations.find((o) => o.identifier === m.defaultOrganization) ?? m.organizations[0];
  if (!org) throw new Error('A parsed manifest always has an organization.');
  return org;
}

/** Every item with a resource, depth-first in manifest order: the flow order of the player. */
export function launchables(m: ScormManifest, org = defaultOrganization(m)): ScormLaunchable[] {
  const types = new Map(m.resources.map((r) => [r.identifier, r.scormType]));
  const out: ScormLaunchable[] = [];
  const walk = (items: ScormItem[], depth: number) => {
    for (const item of items) {
      if (item.launch !== null && item.resourceId !== null) {
        out.push({ item, depth, scormType: types.get(item.resourceId) ?? 'asset' });
      }
      walk(item.children, depth + 1);
    }
  };
  walk(org.items, 0);
  return out;
}

/** The SCOs that count towards completion: visible or hidden, every SCO of the default organization. */
export function requiredScos(m: ScormManifest): ScormItem[] {
  return launchables(m)
    .filter((l) => l.scormType === 'sco')
    .map((l) => l.item);
}
