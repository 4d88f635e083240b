/**
 * imsmanifest.xml → ScormManifest, for SCORM 1.2 and SCORM 2004 2nd, 3rd and 4th editions
 * (IMS Content Packaging 1.1.x + ADL CAM). Every problem found is listed, not only the first.
 */
import type {
  CompletionThreshold,
  ItemObjective,
  ScormItem,
  ScormManifest,
  ScormMetadata,
  ScormOrganization,
  ScormResource,
  ScormVersion,
} from './scorm-manifest.js';
import { withParameters } from './launch-url.js';
import { readResources } from './manifest-resources.js';
import { attr, child, children, childText, childTextOf, parseXml, text, type XmlNode } from './xml-node.js';

export type ManifestResult =
  | { ok: true; manifest: ScormManifest }
  | { ok: false; problems: string[]; resources?: ScormResource[] };

const MAX_ITEMS = 10_000;
const MAX_DEPTH = 30;
const SCHEMA_VERSIONS: Record<string, ScormVersion> = {
  '1.2': '1.2',
  'cam 1.3': '2004-2nd',
  '2004 3rd edition': '2004-3rd',
  '2004 4th edition': '2004-4th',
};

export function detectVersion(schemaVersion: string | null, xml: string): ScormVersion {
  const known = schemaVersion ? SCHEMA_VERSIONS[schemaVersion.trim().toLowerCase()] : undefined;
  if (known) return known;
  if (/adlcp_v1p3|imsss|adlseq_v1p3/i.test(xml)) return /adlnav_v1p3/i.test(xml) ? '2004-4th' : '2004-3rd';
  return '1.2';
}

function langText(node: XmlNode | undefined): string | null {
  if (!node) return null;
  const strings = [...children(node, 'langstring'), ...children(node, 'string')];
  return (strings.map(text).find((s) => s !== null) ?? text(node)) || null;
}

function readMetadata(manifest: XmlNode): ScormMetadata {
  const md = child(manifest, 'metadata');
  const general = child(child(md, 'lom'), 'general');
  return {
    schema: childText(md, 'schema'),
    schemaVersion: childText(md, 'schemaversion'),
    title: langText(child(general, 'title')),
    description: langText(child(general, 'description')),
    language: childText(general, 'language'),
  };
}

const num = (s: string | null) => (s !== null && s !== '' && Number.isFinite(Number(s)) ? Number(s) : null);

function readThreshold(item: XmlNode): CompletionThreshold | null {
  const node = child(item, 'completionThreshold');
  if (!node) return null;
  const min = num(attr(node, 'minProgressMeasure')) ?? num(text(node));
  if (min === null) return null;
  return {
    minProgressMeasure: Math.min(1, Math.max(0, min)),
    completedByMeasure: attr(node, 'completedByMeasure') === 'true' || attr(node, 'minProgressMeasure') === null,
    progressWeight: num(attr(node, 'progressWeight')) ?? 1,
  };
}

function readObjectives(seq: XmlNode | undefined): ItemObjective[] {
  const objectives = child(seq, 'objectives');
  if (!objectives) return [];
  const one = (o: XmlNode, primary: boolean): ItemObjective => ({
    id: attr(o, 'objectiveID') ?? '',
    primary,
    satisfiedByMeasure: attr(o, 'satisfiedByMeasure') === 'true',
    minNormalizedMeasure: num(childText(o, 'minNormalizedMeasure')),
  });
  const primary = child(objectives, 'primaryObjective');
  return [...(primary ? [one(primary, true)] : []), ...children(objectives, 'objective').map((o) => one(o, false))];
}

interface Walk {
  problems: string[];
  resources: Map<string, ScormResource>;
  ids: Set<string>;
  count: number;
}

function readItem(node: XmlNode, depth: number, w: Walk): ScormItem {
  const identifier = attr(node, 'identifier') ?? '';
  if (!identifier) w.problems.push('An <item> has no identifier.');
  else if (w.ids.has(identifier)) w.problems.push(`Identifier "${identifier}" is used twice.`);
  w.ids.add(identifier);
  w.count++;
  const ref = attr(node, 'identifierref');
  const parameters = attr(node, 'parameters');
  const resource = ref ? w.resources.get(ref) : undefined;
  if (ref && !resource)
    w.problems.push(`Item "${identifier}" refers to resource "${ref}", which the manifest does not define.`);
  if (ref && resource && !resource.href)
    w.problems.push(`Item "${identifier}" refers to resource "${ref}", which has no href to launch.`);
  const seq = child(node, 'sequencing');
  const objectives = readObjectives(seq);
  const mastery = num(childText(node, 'masteryscore'));
  const primary = objectives.find((o) => o.primary && o.satisfiedByMeasure && o.minNormalizedMeasure !== null);
  const kids = depth >= MAX_DEPTH || w.count > MAX_ITEMS ? [] : children(node, 'item');
  if (depth >= MAX_DEPTH && children(node, 'item').length)
    w.problems.push(`Items are nested deeper than ${MAX_DEPTH} levels.`);
  return {
    identifier,
    title: childText(node, 'title') ?? identifier,
    visible: attr(node, 'isvisible') !== 'false',
    resourceId: resource ? ref : null,
    launch: resource?.href ? withParameters(resource.href, parameters) : null,
    parameters,
    masteryScore:
      mastery ?? (primary?.minNormalizedMeasure != null ? Math.round(primary.minNormalizedMeasure * 100) : null),
    completionThreshold: readThreshold(node),
    objectives,
    dataFromLms: childTextOf(node, ['datafromlms', 'dataFromLMS']),
    maxTimeAllowed: childTextOf(node, ['maxtimeallowed', 'maxTimeAllowed']),
    timeLimitAction: childTextOf(node, ['timelimitaction', 'timeLimitAction']),
    prerequisites: childText(node, 'prerequisites'),
    hasSequencing: seq !== undefined || attr(seq, 'IDRef') !== null,
    children: kids.map((k) => readItem(k, depth + 1, w)),
  };
}

/** Parses the manifest text; `name` is how problems refer to the file. */
export function parseManifest(xml: string, name = 'imsmanifest.xml'): ManifestResult {
  const parsed = parseXml(xml, name);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const manifest = child(parsed.root, 'manifest');
  if (!manifest) return { ok: false, problems: [`${name}: the root element is not <manifest>.`] };
  const problems: string[] = [];
  const metadata = readMetadata(manifest);
  const version = detectVersion(metadata.schemaVersion, xml);
  const resources = readResources(manifest, problems);
  const w: Walk = { problems, resources, ids: new Set(), count: 0 };
  const orgsNode = child(manifest, 'organizations');
  const organizations: ScormOrganization[] = children(orgsNode, 'organization').map((o) => ({
    identifier: attr(o, 'identifier') ?? '',
    title: childText(o, 'title') ?? attr(o, 'identifier') ?? '',
    items: children(o, 'item').map((i) => readItem(i, 1, w)),
    synthetic: false,
  }));
  if (w.count > MAX_ITEMS) problems.push(`The manifest has more than ${MAX_ITEMS} items.`);
  if (organizations.length === 0) organizations.push(fromResources(resources, metadata.title ?? 'Course'));
  const declared = attr(orgsNode, 'default');
  if (declared && !organizations.some((o) => o.identifier === declared)) {
    problems.push(`The default organization "${declared}" is not one of the manifest's organizations.`);
  }
  const defaultOrg = organizations.find((o) => o.identifier === declared) ?? organizations[0];
  if (defaultOrg && !hasLaunchable(defaultOrg.items)) {
    problems.push(`Organization "${defaultOrg.identifier}" has no item that launches a resource.`);
  }
  if (problems.length || !defaultOrg) return { ok: false, problems, resources: [...resources.values()] };
  return {
    ok: true,
    manifest: {
      version,
      identifier: attr(manifest, 'identifier') ?? '',
      title: defaultOrg.title || metadata.title || 'Course',
      metadata,
      defaultOrganization: defaultOrg.identifier,
      organizations,
      resources: [...resources.values()],
    },
  };
}

const hasLaunchable = (items: ScormItem[]): boolean =>
  items.some((i) => i.launch !== null || hasLaunchable(i.children));

/** A manifest without organizations (allowed in CP): one item per resource that has an href. */
function fromResources(resources: Map<string, ScormResource>, title: string): ScormOrganization {
  const items = [...resources.values()]
    .filter((r) => r.href)
    .map(
      (r): ScormItem => ({
        identifier: `item-${r.identifier}`,
        title: r.identifier,
        visible: true,
        resourceId: r.identifier,
        launch: r.href,
        parameters: null,
        masteryScore: null,
        completionThreshold: null,
        objectives: [],
        dataFromLms: null,
        maxTimeAllowed: null,
        timeLimitAction: null,
        prerequisites: null,
        hasSequencing: false,
        children: [],
      }),
    );
  return { identifier: 'default', title, items, synthetic: true };
}
