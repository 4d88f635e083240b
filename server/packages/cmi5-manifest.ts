import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * cmi5.xml, the course structure of a cmi5 package (cmi5 spec, section 13). fast-xml-parser (well
 * kept, no native code, keeps document order) reads it; blocks and AUs are kept in the order the
 * author gave, because the outline shows them so.
 */
export const MOVE_ON = ['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'] as const;
export type MoveOn = (typeof MOVE_ON)[number];

export interface Cmi5Au {
  id: string;
  title: Record<string, string>;
  description: Record<string, string>;
  url: string;
  moveOn: MoveOn;
  masteryScore: number | null;
  launchMethod: 'AnyWindow' | 'OwnWindow';
  launchParameters: string | null;
  entitlementKey: string | null;
  activityType: string | null;
}
export interface Cmi5Block {
  id: string;
  title: Record<string, string>;
  description: Record<string, string>;
  children: Cmi5Node[];
}
export type Cmi5Node = { kind: 'au'; au: Cmi5Au } | { kind: 'block'; block: Cmi5Block };
export interface Cmi5Course {
  id: string;
  title: Record<string, string>;
  description: Record<string, string>;
  children: Cmi5Node[];
}

type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
});

const tagOf = (n: XNode) => Object.keys(n).find((k) => k !== ':@') ?? '';
const childrenOf = (n: XNode) => (n[tagOf(n)] as XNode[] | undefined) ?? [];
const attrs = (n: XNode) => n[':@'] ?? {};
const textOf = (n: XNode | undefined) =>
  n
    ? childrenOf(n)
        .map((c) => (typeof c['#text'] === 'string' ? c['#text'] : ''))
        .join('')
        .trim()
    : '';
const child = (n: XNode, tag: string) => childrenOf(n).find((c) => tagOf(c) === tag);

/** <title><langstring lang="en-US">…</langstring></title> → { en: '…' } (the language's primary subtag). */
function langstrings(n: XNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ls of n ? childrenOf(n).filter((c) => tagOf(c) === 'langstring') : []) {
    const lang = (attrs(ls).lang ?? 'und').toLowerCase().split('-')[0] ?? 'und';
    const text = textOf(ls);
    if (text && !(lang in out)) out[lang] = text;
  }
  return out;
}

const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
/** The XSD's sequences: a known element out of this order is invalid (extensions in other namespaces are skipped). */
const AU_ORDER = ['title', 'description', 'objectives', 'url', 'launchParameters', 'entitlementKey'];
const BLOCK_ORDER = ['title', 'description', 'objectives', 'au|block'];
function orderProblems(n: XNode, order: readonly string[], where: string): string[] {
  let at = 0;
  for (const c of childrenOf(n)) {
    const tag = tagOf(c);
    const i = order.findIndex((o) => o.split('|').includes(tag));
    if (i < 0) continue;
    if (i < at) return [`${where}: <${tag}> is out of order: the course structure schema wants ${order.join(', ')}`];
    at = i;
  }
  return [];
}
/** The launch parameters the LMS adds (cmi5 8.1): an AU's URL may not use them. */
const RESERVED = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'];
function urlProblems(url: string, where: string): string[] {
  if (/\s/.test(url) || /[<>"{}|\\^`]/.test(url))
    return [`${where}: the url "${url}" is not a valid URL (RFC 1738): no spaces or unsafe characters`];
  let parsed: URL;
  try {
    parsed = new URL(url, 'https://package.invalid/');
  } catch {
    return [`${where}: the url "${url}" is not a valid URL`];
  }
  const clash = RESERVED.filter((p) => parsed.searchParams.has(p));
  return clash.length
    ? [`${where}: the url's query uses ${clash.join(', ')}, which the LMS adds at launch (cmi5 8.1.0.0-6)`]
    : [];
}

export function parseCmi5(xml: string): { ok: true; course: Cmi5Course } | { ok: false; problems: string[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return { ok: false, problems: [`cmi5.xml: not well-formed XML at line ${valid.err.line}: ${valid.err.msg}`] };
  const problems: string[] = [];
  const doc = parser.parse(xml) as XNode[];
  const root = doc.find((n) => tagOf(n) === 'courseStructure');
  if (!root) return { ok: false, problems: ['cmi5.xml: the root element must be <courseStructure>'] };
  const courseNode = child(root, 'course');
  if (!courseNode) return { ok: false, problems: ['cmi5.xml: <course> is missing'] };
  const ids = new Set<string>();
  const idOf = (n: XNode, where: string) => {
    const id = attrs(n).id ?? '';
    if (!IRI.test(id)) problems.push(`cmi5.xml: ${where}: id "${id}" must be an IRI`);
    else if (ids.has(id)) problems.push(`cmi5.xml: ${where}: id "${id}" is used twice`);
    ids.add(id);
    return id;
  };
  const course: Cmi5Course = {
    id: idOf(courseNode, 'course'),
    title: langstrings(child(courseNode, 'title')),
    description: langstrings(child(courseNode, 'description')),
    children: [],
  };
  if (Object.keys(course.title).length === 0)
    problems.push('cmi5.xml: course: a <title> with at least one <langstring> is required');

  // Objectives (cmi5 13.1.2): declared once under the course structure with IRIs, referenced by AUs and blocks.
  const objectiveIds = new Set<string>();
  for (const o of childrenOf(child(root, 'objectives') ?? {}).filter((c) => tagOf(c) === 'objective')) {
    const id = attrs(o).id ?? '';
    if (!IRI.test(id)) problems.push(`cmi5.xml: objective id "${id}" must be an IRI`);
    else if (objectiveIds.has(id)) problems.push(`cmi5.xml: objective id "${id}" is used twice`);
    objectiveIds.add(id);
  }
  const objectiveRefs = (n: XNode, where: string) => {
    for (const o of childrenOf(child(n, 'objectives') ?? {}).filter((c) => tagOf(c) === 'objective')) {
      const ref = attrs(o).idref ?? '';
      if (!objectiveIds.has(ref)) problems.push(`${where}: objective idref "${ref}" names no objective of the course`);
    }
  };
  const au = (n: XNode, where: string): Cmi5Au => {
    const a = attrs(n);
    const moveOn = (a.moveOn ?? 'NotApplicable') as MoveOn;
    if (!MOVE_ON.includes(moveOn)) problems.push(`${where}: moveOn "${a.moveOn}" is not one of ${MOVE_ON.join(', ')}`);
    const mastery = a.masteryScore === undefined ? null : Number(a.masteryScore);
    if (mastery !== null && !(mastery >= 0 && mastery <= 1))
      problems.push(`${where}: masteryScore "${a.masteryScore}" must be a decimal from 0 to 1`);
    const launchMethod = (a.launchMethod ?? 'AnyWindow') as Cmi5Au['launchMethod'];
    if (launchMethod !== 'AnyWindow' && launchMethod !== 'OwnWindow')
      problems.push(`${where}: launchMethod "${a.launchMethod}" must be AnyWindow or OwnWindow`);
    const url = textOf(child(n, 'url'));
    if (!url) problems.push(`${where}: <url> is required`);
    else problems.push(...urlProblems(url, where));
    problems.push(...orderProblems(n, AU_ORDER, where));
    objectiveRefs(n, where);
    const title = langstrings(child(n, 'title'));
    if (Object.keys(title).length === 0) problems.push(`${where}: a <title> is required`);
    const entitlement = child(n, 'entitlementKey');
    return {
      id: idOf(n, where),
      title,
      description: langstrings(child(n, 'description')),
      url,
      moveOn,
      masteryScore: mastery,
      launchMethod,
      launchParameters: textOf(child(n, 'launchParameters')) || null,
      entitlementKey: entitlement ? textOf(entitlement) || null : null,
      activityType: a.activityType ?? null,
    };
  };
  const nodes = (parent: XNode, where: string): Cmi5Node[] =>
    childrenOf(parent).flatMap((n, i): Cmi5Node[] => {
      const tag = tagOf(n);
      if (tag === 'au') return [{ kind: 'au', au: au(n, `${where} > au[${i}]`) }];
      if (tag === 'block') {
        const w = `${where} > block[${i}]`;
        problems.push(...orderProblems(n, BLOCK_ORDER, w));
        objectiveRefs(n, w);
        const block: Cmi5Block = {
          id: idOf(n, w),
          title: langstrings(child(n, 'title')),
          description: langstrings(child(n, 'description')),
          children: nodes(n, w),
        };
        if (block.children.length === 0) problems.push(`cmi5.xml: ${w}: a block must hold at least one AU or block`);
        return [{ kind: 'block', block }];
      }
      return [];
    });
  course.children = nodes(root, 'cmi5.xml: courseStructure');
  if (allAus(course.children).length === 0) problems.push('cmi5.xml: the course has no <au>');
  return problems.length ? { ok: false, problems } : { ok: true, course };
}

export function allAus(nodes: readonly Cmi5Node[]): Cmi5Au[] {
  return nodes.flatMap((n) => (n.kind === 'au' ? [n.au] : allAus(n.block.children)));
}
