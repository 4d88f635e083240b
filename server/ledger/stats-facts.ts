/**
 * What one statement means for the programme statistics, derived by one pure function so both
 * adapters (and the rebuild) read the ledger the same way. Classification uses the verb id, the ADL
 * activity type and the context (grouping = course, parent = module), never URL shapes alone.
 */
import {
  ACTIVITY_TYPES,
  EARNED_VERBS,
  COUNTRY_EXTENSION_SUFFIX,
  PARTICIPANTS_EXTENSION_SUFFIX,
  PLATFORM_ACCOUNT,
  VERBS,
} from './vocabulary.js';
import { VERB_VOIDED } from './statement-index.js';

import { type Json, jsonOrEmpty } from './statement.js';

export const FACT_KINDS = [
  'registered',
  'course.completed',
  'module.completed',
  'quiz.passed',
  'quiz.failed',
  'final.passed',
  'final.failed',
  'certificate',
  'session',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface Dims {
  country: string;
  sex: string;
  sector: string;
}

/** A counted fact of one statement, with the learner's dimensions at the time it was recorded. */
export interface StatsFact extends Dims {
  statementId: string;
  kind: FactKind;
  user: string;
  course: string;
  detail: string; // module id for module facts
  at: string; // ISO instant (UTC)
  amounts: Record<string, number> | null; // participant counts of a delivered session
}

export interface DerivedStatement {
  /** The learner's user id (actor account name); null when the actor is not an account. */
  user: string | null;
  course: string; // '' when the statement has no course context
  at: string;
  /** Counted facts: only statements whose authority is the platform itself. */
  facts: Omit<StatsFact, keyof Dims>[];
  /** A session's country comes from the record, not from the trainer's profile. */
  country: string | null;
}

const obj = jsonOrEmpty;
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : v ? [obj(v)] : []);
const typeOf = (activity: Json) => obj(activity.definition).type as string | undefined;
const segmentAfter = (id: string, marker: string) => {
  const i = id.indexOf(marker);
  return i < 0 ? null : id.slice(i + marker.length).split(/[/?#]/)[0] || null;
};

export function isPlatformStatement(s: Json, clientId: string | null): boolean {
  return clientId === null && obj(obj(s.authority).account).name === PLATFORM_ACCOUNT;
}

function courseOf(object: Json, ctx: Json): string {
  const grouping = list(obj(ctx.contextActivities).grouping);
  const course =
    typeOf(object) === ACTIVITY_TYPES.course
      ? object
      : (grouping.find((a) => typeOf(a) === ACTIVITY_TYPES.course) ?? grouping[0]);
  const id = typeof course?.id === 'string' ? course.id : '';
  return segmentAfter(id, '/courses/') ?? id;
}

function moduleOf(object: Json, ctx: Json): string | null {
  if (typeOf(object) === ACTIVITY_TYPES.module && typeof object.id === 'string')
    return segmentAfter(object.id, '/modules/') ?? object.id;
  const parents = list(obj(ctx.contextActivities).parent);
  const mod =
    parents.find((a) => typeOf(a) === ACTIVITY_TYPES.module) ??
    parents.find((a) => typeof a.id === 'string' && a.id.includes('/modules/'));
  return mod && typeof mod.id === 'string' ? (segmentAfter(mod.id, '/modules/') ?? mod.id) : null;
}

const extensionEndingWith = (ctx: Json, suffix: string): unknown =>
  Object.entries(obj(ctx.extensions)).find(([k]) => k.endsWith(suffix))?.[1];

function participantCounts(ctx: Json): Record<string, number> | null {
  const v = extensionEndingWith(ctx, PARTICIPANTS_EXTENSION_SUFFIX);
  if (!v || typeof v !== 'object') return null;
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(obj(v)))
    if (Number.isInteger(n) && (n as number) >= 0) out[name] = n as number;
  return out;
}

export function deriveStatement(s: Json, clientId: string | null): DerivedStatement | null {
  const verb = obj(s.verb).id as string;
  if (verb === VERB_VOIDED) return null;
  const actor = obj(s.actor);
  const user = typeof obj(actor.account).name === 'string' ? (obj(actor.account).name as string) : null;
  const object = obj(s.object);
  const ctx = obj(s.context);
  const at = new Date(String(s.timestamp)).toISOString();
  const course = courseOf(object, ctx);
  const derived: DerivedStatement = { user, course, at, facts: [], country: null };
  if (!user || !isPlatformStatement(s, clientId)) return derived;

  const type = typeOf(object);
  const fact = (kind: FactKind, detail = '', amounts: Record<string, number> | null = null) =>
    derived.facts.push({ statementId: s.id as string, kind, user, course, detail, at, amounts });
  if (verb === VERBS.registered && type === ACTIVITY_TYPES.course) fact('registered');
  else if (verb === VERBS.completed && type === ACTIVITY_TYPES.course) fact('course.completed');
  else if (verb === VERBS.completed && type === ACTIVITY_TYPES.module)
    fact('module.completed', moduleOf(object, ctx) ?? '');
  else if ((verb === VERBS.passed || verb === VERBS.failed) && type === ACTIVITY_TYPES.assessment) {
    const mod = moduleOf(object, ctx);
    const outcome = verb === VERBS.passed ? 'passed' : 'failed';
    // A graded assessment inside a module is that module's quiz; at course level it is the final assessment.
    if (mod) fact(`quiz.${outcome}`, mod);
    else fact(`final.${outcome}`);
  } else if (EARNED_VERBS.has(verb)) fact('certificate');
  else if (verb === VERBS.hosted && type === ACTIVITY_TYPES.meeting) {
    const amounts = participantCounts(ctx);
    const country = extensionEndingWith(ctx, COUNTRY_EXTENSION_SUFFIX);
    derived.country = typeof country === 'string' ? country : null;
    if (amounts) fact('session', '', amounts);
  }
  return derived;
}
