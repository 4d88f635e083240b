/**
 * The stats projection, written once for both adapters: an adapter loads the few rows a change
 * touches (`keysFor`), this computes the new facts, activity, contributions and counter deltas
 * (`applyStats`, pure and synchronous), and the adapter writes them in the ledger's transaction.
 */
import type { LedgerChange, StoredStatement, TrainerRecord } from '../store.js';
import {
  activeContributions, counterKey, learnerCourseContributions, rollups, sameContributions, statementContributions,
  trainerContributions, UNIQUE_KINDS, type ActivityRow, type Contribution, type CounterRow,
} from './stats-contributions.js';
import { deriveStatement, type DerivedStatement, type Dims, type StatsFact } from './stats-facts.js';

export interface StatsState {
  dims: Map<string, Dims>;
  /** Facts by statement id: those of voided statements and of every (learner, course) touched. */
  facts: Map<string, StatsFact[]>;
  activity: Map<string, ActivityRow>; // key user|course|month
  contributions: Map<string, Contribution[]>;
  trainers: Map<string, TrainerRecord | null>;
}

export interface StatsWrites {
  factsPut: StatsFact[];
  factsDeleted: string[];
  activity: Map<string, ActivityRow>; // final state of each touched row; n = 0 means delete
  contributions: Map<string, Contribution[]>; // replaces the group's rows
  counts: Map<string, CounterRow & { n: number }>; // deltas
  trainers: TrainerRecord[];
  roles: { userId: string; trainer: boolean }[];
}

export interface StatsKeys { users: string[]; pairs: [string, string][]; years: [string, string][]; groups: string[]; trainers: string[] }
export interface Prepared { derived: { id: string; d: DerivedStatement }[]; voided: Map<string, DerivedStatement | null>; keys: StatsKeys }

export const activityKey = (user: string, course: string, month: string) => `${user}|${course}|${month}`;

/** Phase one: what to load, from the change and the bodies and facts of the statements it voids. */
export function keysFor(change: LedgerChange, voided: { bodies: Map<string, { statement: StoredStatement; clientId: string | null }>; facts: Map<string, StatsFact[]> }): Prepared {
  const users = new Set<string>(); const pairs = new Map<string, [string, string]>(); const years = new Map<string, [string, string]>();
  const groups = new Set<string>(); const trainers = new Set<string>();
  const touch = (d: DerivedStatement | null, id: string) => {
    if (!d?.user) return;
    users.add(d.user);
    years.set(`${d.user}|${d.at.slice(0, 4)}`, [d.user, d.at.slice(0, 4)]);
    groups.add(`a:${d.user}|${d.at.slice(0, 4)}`);
    groups.add(`s:${id}`);
    if (d.facts.some((f) => UNIQUE_KINDS.has(f.kind))) { pairs.set(`${d.user}|${d.course}`, [d.user, d.course]); groups.add(`u:${d.user}|${d.course}`); }
  };
  const derived = change.entries.map(({ statement, clientId }) => ({ id: statement.id, d: deriveStatement(statement, clientId) }));
  for (const { id, d } of derived) touch(d, id);
  const voidedDerived = new Map<string, DerivedStatement | null>();
  for (const [id, b] of voided.bodies) { const d = deriveStatement(b.statement, b.clientId); voidedDerived.set(id, d); touch(d, id); }
  for (const [id, facts] of voided.facts) for (const f of facts) { groups.add(`s:${id}`); if (UNIQUE_KINDS.has(f.kind)) { pairs.set(`${f.user}|${f.course}`, [f.user, f.course]); groups.add(`u:${f.user}|${f.course}`); } }
  for (const t of change.trainers ?? []) { trainers.add(t.userId); users.add(t.userId); groups.add(`t:${t.userId}`); }
  return {
    derived: derived.filter((x): x is { id: string; d: DerivedStatement } => x.d !== null),
    voided: voidedDerived,
    keys: { users: [...users], pairs: [...pairs.values()], years: [...years.values()], groups: [...groups], trainers: [...trainers] },
  };
}

/** Phase two: applies the change to the loaded state and returns every write, counters included. */
export function applyStats(change: LedgerChange, voidedIds: string[], prep: Prepared, state: StatsState, recompute: string[] = []): StatsWrites {
  const w: StatsWrites = { factsPut: [], factsDeleted: [], activity: new Map(), contributions: new Map(), counts: new Map(), trainers: [], roles: [] };
  const touched = new Set<string>(recompute);
  const activity = (user: string, course: string, at: string, delta: number, dims: Dims | null) => {
    const key = activityKey(user, course, at.slice(0, 7));
    const row = state.activity.get(key) ?? (dims ? { user, course, month: at.slice(0, 7), n: 0, ...dims } : null);
    if (!row) return;
    row.n = Math.max(0, row.n + delta);
    state.activity.set(key, row);
    w.activity.set(key, row);
    touched.add(`a:${user}|${at.slice(0, 4)}`);
  };

  for (const { id, d } of prep.derived) {
    const dims = d.user ? state.dims.get(d.user) : undefined;
    if (!d.user || !dims) continue; // not a learner account of this platform: no dimensions, not counted
    activity(d.user, d.course, d.at, 1, dims);
    if (d.facts.length === 0) continue;
    const facts = d.facts.map((f) => ({ ...f, ...dims, country: d.country ?? dims.country }));
    state.facts.set(id, facts);
    w.factsPut.push(...facts);
    touched.add(`s:${id}`);
    if (facts.some((f) => UNIQUE_KINDS.has(f.kind))) touched.add(`u:${d.user}|${d.course}`);
  }
  for (const id of voidedIds) {
    const d = prep.voided.get(id);
    if (d?.user && state.dims.has(d.user)) activity(d.user, d.course, d.at, -1, null);
    const facts = state.facts.get(id);
    if (!facts) continue;
    state.facts.delete(id);
    w.factsDeleted.push(id);
    touched.add(`s:${id}`);
    for (const f of facts) if (UNIQUE_KINDS.has(f.kind)) touched.add(`u:${f.user}|${f.course}`);
  }
  for (const t of change.trainers ?? []) {
    const current = state.trainers.get(t.userId) ?? null;
    const dims = state.dims.get(t.userId) ?? { country: '', sex: '', sector: '' };
    let next: TrainerRecord | null = current;
    if (t.action === 'certify' && (!current || current.withdrawnAt)) {
      next = { userId: t.userId, certifiedAt: t.at, source: t.source, certificateRef: t.certificateRef ?? certificateRefIn(change, t.userId), withdrawnAt: null, withdrawnReason: null, ...dims };
    } else if (t.action === 'withdraw' && current && !current.withdrawnAt) {
      next = { ...current, withdrawnAt: t.at, withdrawnReason: t.reason };
    }
    if (next === current) continue;
    state.trainers.set(t.userId, next);
    w.trainers.push(next!);
    w.roles.push({ userId: t.userId, trainer: t.action === 'certify' });
    touched.add(`t:${t.userId}`);
  }

  for (const group of touched) {
    const desired = desiredFor(group, state);
    const current = state.contributions.get(group) ?? [];
    if (sameContributions(current, desired)) continue;
    state.contributions.set(group, desired);
    w.contributions.set(group, desired);
    for (const c of current) addCounts(w.counts, c, -c.n);
    for (const c of desired) addCounts(w.counts, c, c.n);
  }
  for (const [k, row] of w.counts) if (row.n === 0) w.counts.delete(k);
  return w;
}

function desiredFor(group: string, state: StatsState): Contribution[] {
  const [kind, rest] = [group.slice(0, 1), group.slice(2)];
  if (kind === 's') return statementContributions(state.facts.get(rest) ?? []);
  if (kind === 't') return trainerContributions(state.trainers.get(rest));
  const [user, second] = splitOnce(rest);
  if (kind === 'u') return learnerCourseContributions([...state.facts.values()].flat().filter((f) => f.user === user && f.course === second));
  return activeContributions([...state.activity.values()].filter((r) => r.user === user && r.month.startsWith(second)));
}

const splitOnce = (s: string): [string, string] => { const i = s.indexOf('|'); return [s.slice(0, i), s.slice(i + 1)]; };

function addCounts(counts: StatsWrites['counts'], c: Contribution, n: number) {
  for (const row of rollups(c)) {
    const key = counterKey(row);
    const existing = counts.get(key);
    if (existing) existing.n += n; else counts.set(key, { ...row, n });
  }
}

/** The certificates feature adds `certificates` to the change; its code is the trainer's certificate reference. */
function certificateRefIn(change: LedgerChange, userId: string): string | null {
  const certs = (change as { certificates?: { userId: string; courseSlug?: string; code?: string }[] }).certificates ?? [];
  return certs.find((c) => c.userId === userId && (!c.courseSlug || c.courseSlug === 'line-up-live-up'))?.code ?? null;
}

export function emptyState(): StatsState {
  return { dims: new Map(), facts: new Map(), activity: new Map(), contributions: new Map(), trainers: new Map() };
}
