/** The player page's view model: table of contents (hidden items left out), flow order, progress. */
import type { ScormAttemptRecord } from '../../store/store.js';
import type { ScormCourse } from './scorm-course.js';
import { defaultOrganization, type ScormItem } from './scorm-manifest.js';

export interface TocEntry {
  id: string;
  title: string;
  launchable: boolean;
  done: boolean;
  status: string | null;
  children: TocEntry[];
}

function toc(
  items: ScormItem[],
  done: ReadonlySet<string>,
  latest: ReadonlyMap<string, ScormAttemptRecord>,
): TocEntry[] {
  return items
    .filter((i) => i.visible)
    .map((i) => ({
      id: i.identifier,
      title: i.title,
      launchable: i.launch !== null,
      done: done.has(i.identifier),
      status: latest.get(i.identifier)?.cmi.completionStatus ?? null,
      children: toc(i.children, done, latest),
    }));
}

/** Flow order (previous / next) follows the activity tree, hidden items included, as SCORM flow navigation does. */
function flow(items: ScormItem[]): string[] {
  return items.flatMap((i) => [...(i.launch !== null ? [i.identifier] : []), ...flow(i.children)]);
}

export function playerView(o: {
  course: ScormCourse;
  done: ReadonlySet<string>;
  latest: ReadonlyMap<string, ScormAttemptRecord>;
  bar: { done: number; total: number; ratio: number };
  current: string | null;
  completed: boolean;
}) {
  const org = defaultOrganization(o.course.manifest);
  const order = flow(org.items);
  const current = o.current && order.includes(o.current) ? o.current : (firstUndone(order, o.done) ?? order[0] ?? '');
  const entries = toc(org.items, o.done, o.latest);
  return {
    slug: o.course.slug,
    organizationTitle: org.title,
    toc: entries,
    multi: order.length > 1,
    order: JSON.stringify(order),
    current,
    currentTitle: findTitle(org.items, current) ?? '',
    bar: { ...o.bar, percent: Math.round(o.bar.ratio * 100) },
    completed: o.completed,
  };
}

const firstUndone = (order: string[], done: ReadonlySet<string>) => order.find((id) => !done.has(id));
function findTitle(items: ScormItem[], id: string): string | undefined {
  for (const i of items) {
    if (i.identifier === id) return i.title;
    const t = findTitle(i.children, id);
    if (t) return t;
  }
  return undefined;
}
