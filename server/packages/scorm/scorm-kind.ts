/**
 * SCORM 1.2 / 2004 in the package pipeline: the manifest checked with every problem listed, and the
 * default organization's SCOs as the course's lessons (a module per top-level cluster).
 */
import type { PackageOutline } from '../package-course.js';
import type { PackageKindHandler } from '../package-kinds.js';
import { checkScormPackage, MANIFEST } from './package-check.js';
import { defaultOrganization, type ScormItem, type ScormManifest } from './scorm-manifest.js';
import { requiredItems } from './scorm-rollup.js';

/** Minutes a SCO is expected to take when the manifest does not say (SCORM has no duration). */
const SCO_MINUTES = 15;

/** Module and lesson ids of each required item, the way the catalogue names them (ids must be kebab-case). */
export function scormOutline(m: ScormManifest): PackageOutline {
  const required = new Set(requiredItems(m));
  const org = defaultOrganization(m);
  const modules: PackageOutline['modules'] = [];
  let n = 0;
  const lessonsIn = (items: ScormItem[]): PackageOutline['modules'][number]['lessons'] =>
    items.flatMap((i) => [
      ...(required.has(i.identifier)
        ? [{ id: `sco-${++n}`, title: { und: i.title }, minutes: SCO_MINUTES, unit: i.identifier }]
        : []),
      ...lessonsIn(i.children),
    ]);
  // Launchable items at the top form the first module; each top-level cluster is a module with every SCO below it.
  const top = lessonsIn(org.items.filter((i) => i.launch !== null).map((i) => ({ ...i, children: [] })));
  if (top.length) modules.push({ id: 'm0', title: { und: org.title }, lessons: top });
  org.items.forEach((i, k) => {
    const lessons = lessonsIn(i.launch !== null ? i.children : [i]);
    if (lessons.length) modules.push({ id: `m${k + 1}`, title: { und: i.title }, lessons });
  });
  return { modules };
}

export const scormKind: PackageKindHandler = {
  kind: 'scorm',
  manifest: MANIFEST,
  async inspect(read, entries) {
    const checked = await checkScormPackage(
      entries.map((e) => e.name),
      async () => (await read(MANIFEST))?.toString('utf8') ?? '',
    );
    if (!checked.ok) return checked;
    const m = checked.manifest;
    const lang = (m.metadata.language ?? 'en').slice(0, 2).toLowerCase();
    return {
      ok: true,
      meta: {
        sourceId: m.identifier || `scorm:${m.title}`,
        title: { [lang]: m.title },
        description: m.metadata.description ? { [lang]: m.metadata.description } : {},
        languages: [lang],
        defaultLanguage: lang,
        structure: m,
      },
    };
  },
  outline: (structure) => scormOutline(structure as ScormManifest),
};
