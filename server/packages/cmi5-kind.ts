import { allAus, parseCmi5, type Cmi5Course, type Cmi5Node } from './cmi5-manifest.js';
import type { PackageOutline } from './package-course.js';
import type { PackageKindHandler } from './package-kinds.js';

/** Minutes an AU is expected to take when the package does not say (cmi5 has no duration). */
const AU_MINUTES = 15;

const isUrl = (u: string) => /^[a-z][a-z0-9+.-]*:/i.test(u);
const fileOf = (url: string) => decodeURIComponent(url.split(/[?#]/)[0] ?? '');

export const cmi5Kind: PackageKindHandler = {
  kind: 'cmi5',
  manifest: 'cmi5.xml',
  async inspect(read, entries) {
    const xml = await read('cmi5.xml');
    if (!xml) return { ok: false, problems: ['cmi5.xml could not be read'] };
    const parsed = parseCmi5(xml.toString('utf8'));
    if (!parsed.ok) return parsed;
    const names = new Set(entries.map((e) => e.name));
    const problems = allAus(parsed.course.children)
      .filter((au) => !isUrl(au.url) && !names.has(fileOf(au.url).replace(/^\.\//, '')))
      .map((au) => `cmi5.xml: AU ${au.id}: its url "${au.url}" names a file the zip does not hold`);
    if (problems.length) return { ok: false, problems };
    const languages = [
      ...new Set([
        ...Object.keys(parsed.course.title),
        ...allAus(parsed.course.children).flatMap((a) => Object.keys(a.title)),
      ]),
    ];
    return {
      ok: true,
      meta: {
        sourceId: parsed.course.id,
        title: parsed.course.title,
        description: parsed.course.description,
        languages,
        defaultLanguage: Object.keys(parsed.course.title)[0] ?? 'en',
        structure: parsed.course,
      },
    };
  },
  outline: (structure) => cmi5Outline(structure as Cmi5Course),
};

/** A cmi5 course as Praxis modules and lessons, each lesson naming its AU's publisher id. */
export function cmi5Outline(course: Cmi5Course): PackageOutline {
  const modules: PackageOutline['modules'] = [];
  const lessonsOf = (nodes: readonly Cmi5Node[]) =>
    allAus(nodes).map((au, i) => ({ id: `au-${i + 1}`, title: au.title, minutes: AU_MINUTES, unit: au.id }));
  // AUs at the course's top level form the first module; each top-level block is a module with every AU below it.
  const top = course.children.filter((n) => n.kind === 'au');
  if (top.length) modules.push({ id: 'm0', title: course.title, lessons: lessonsOf(top) });
  course.children.forEach((n, i) => {
    if (n.kind === 'block')
      modules.push({ id: `m${i + 1}`, title: n.block.title, lessons: lessonsOf(n.block.children) });
  });
  return { modules };
}
