/** Which SCOs a course needs and how far a learner is: the course progress bar and its completion. */
import type { ScormAttemptRecord } from '../../store/store.js';
import { satisfied } from './cmi-merge.js';
import { launchables, type ScormManifest } from './scorm-manifest.js';

/** Every SCO of the default organization, hidden or not; a package of assets only needs each asset seen. */
export function requiredItems(m: ScormManifest): string[] {
  const all = launchables(m);
  const scos = all.filter((l) => l.scormType === 'sco');
  return (scos.length ? scos : all).map((l) => l.item.identifier);
}

/** A SCO counts once any of its attempts did: a new attempt does not take a completion back. */
export function satisfiedItems(attempts: readonly Pick<ScormAttemptRecord, 'scoId' | 'cmi'>[]): Set<string> {
  return new Set(attempts.filter((a) => satisfied(a.cmi)).map((a) => a.scoId));
}

export function courseBar(m: ScormManifest, done: ReadonlySet<string>) {
  const required = requiredItems(m);
  const n = required.filter((id) => done.has(id)).length;
  return {
    done: n,
    total: required.length,
    ratio: required.length ? n / required.length : 0,
    complete: n === required.length,
  };
}
