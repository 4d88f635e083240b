/**
 * The stats projection, written once for both adapters: an adapter loads the few rows a change
 * touches (`keysFor`), this computes the new facts, activity, contributions and counter deltas
 * (`applyStats`, pure and synchronous), and the adapter writes them in the ledger's transaction.
 */
import type { LedgerChange, StoredStatement } from './ledger-change.js';
import { applyTrainerChange, type LedgerHooks, type TrainerRecord } from './trainer-certification.js';
import {
  activeContributions,
  counterKey,
  learnerCourseContributions,
  rollups,
  sameContributions,
  statementContributions,
  trainerContributions,
  UNIQUE_KINDS,
  type ActivityRow,
  type Contribution,
  type CounterRow,
} from './stats-contributions.js';
import { deriveStatement, type DerivedStatement, type Dims, type StatsFact } from './stats-facts.js';

export interface StatsState {
  dims: Map<string, Dims>;
  /** A rebuild's profile per statement (the one the learner had when it was stored); else `dims`. */
  dimsAt?: Map<string, Dims>;
  /** Facts by statement id: those of voided statements and the unique-kind facts of every (learner, course) touched. */
  facts: Map<string, StatsFact[]>;
  activity: Map<string, ActivityRow>; // key user|course|month: every row of each touched learner-year
  trainers: Map<string, TrainerRecord | null>;
}

export interface StatsWrites {
  factsPut: StatsFact[];
  factsDeleted: string[];
  activity: Map<string, ActivityRow>; // final state of each touched row; n = 0 means delete
  counts: Map<string, CounterRow & { n: number }>; // deltas
  trainers: TrainerRecord[];
  roles: { userId: string; trainer: boolean }[];
}

export interface StatsKeys {
  users: string[];
  pairs: [string, string][];
  years: [string, string][];
  trainers: string[];
}
export interface Prepared {
  derived: { id: string; d: DerivedStatement }[];
  voided: Map<string, DerivedStatement | null>;
  keys: StatsKeys;
}

export const activityKey = (user: string, course: string, month: string) => `${user}|${course}|${month}`;

/**
 * Phase one: what to load, from the change and the bodies and facts of the statements it voids.
 * A statement that is not by an account loads nothing; one without a counted fact loads only its
 * learner's dimensions and activity year.
 */
export function keysFor(
  change: LedgerChange,
  voided: {
    bodies: Map<string, { statement: StoredStatement; clientId: string | null }>;
    facts: Map<string, StatsFact[]>;
  },
): Prepared {
  const users = new Set<string>();
  const pairs = new Map<string, [string, string]>();
  const years = new Map<string, [string, string]>();
  const trainers = new Set<string>();
  const touch = (d: DerivedStatement | null) => {
    if (!d?.user) return;
    users.add(d.user);
    years.set(`${d.user}|${d.at.slice(0, 4)}`, [d.user, d.at.slice(0, 4)]);
    if (d.facts.some((f) => UNIQUE_KINDS.has(f.kind))) pairs.set(`${d.user}|${d.course}`, [d.user, d.course]);
  };
  const derived = change.entries.map(({ statement, clientId }) => ({
    id: statement.id,
    d: deriveStatement(statement, clientId),
  }));
  for (const { d } of derived) touch(d);
  const voidedDerived = new Map<string, DerivedStatement | null>();
  for (const [id, b] of voided.bodies) {
    const d = deriveStatement(b.statement, b.clientId);
    voidedDerived.set(id, d);
    touch(d);
  }
  for (const facts of voided.facts.values())
    for (const f of facts) if (UNIQUE_KINDS.has(f.kind)) pairs.set(`${f.user}|${f.course}`, [f.user, f.course]);
  for (const t of change.trainers ?? []) {
    trainers.add(t.userId);
    users.add(t.userId);
  }
  return {
    derived: derived.filter((x): x is { id: string; d: DerivedStatement } => x.d !== null),
    voided: voidedDerived,
    keys: { users: [...users], pairs: [...pairs.values()], years: [...years.values()], trainers: [...trainers] },
  };
}

/**
 * Phase two: applies the change to the loaded state and returns every write, counters included.
 * A group's stored contribution is a pure function of the loaded rows, so it is computed before and
 * after the change instead of being stored: the counter deltas are the difference. Groups in
 * `recompute` (the rebuild's trainers) count as contributing nothing before.
 */
export function applyStats(
  change: LedgerChange,
  voidedIds: string[],
  prep: Prepared,
  state: StatsState,
  recompute: string[] = [],
  hooks: LedgerHooks = {},
): StatsWrites {
  const w: StatsWrites = {
    factsPut: [],
    factsDeleted: [],
    activity: new Map(),
    counts: new Map(),
    trainers: [],
    roles: [],
  };
  const ix = indexState(state);
  const before = new Map<string, Contribution[]>(recompute.map((g) => [g, []]));
  /** Call before the state of a group changes: remembers what the group contributed until now. */
  const touch = (group: string) => {
    if (!before.has(group)) before.set(group, desiredFor(group, state, ix, hooks));
  };
  const activity = (user: string, course: string, at: string, delta: number, dims: Dims | null) => {
    const month = at.slice(0, 7);
    const key = activityKey(user, course, month);
    const row = state.activity.get(key) ?? (dims ? { user, course, month, n: 0, ...dims } : null);
    if (!row) return;
    const n = Math.max(0, row.n + delta);
    // Only a month becoming active or inactive changes the active-learner counters.
    if (row.n > 0 !== n > 0) touch(`a:${user}|${at.slice(0, 4)}`);
    row.n = n;
    if (!state.activity.has(key)) {
      state.activity.set(key, row);
      ix.addActivity(row);
    }
    w.activity.set(key, row);
  };
  const putFacts = (id: string, facts: StatsFact[] | undefined) => {
    const old = state.facts.get(id);
    for (const f of [...(old ?? []), ...(facts ?? [])]) if (UNIQUE_KINDS.has(f.kind)) touch(`u:${f.user}|${f.course}`);
    touch(`s:${id}`);
    if (old) ix.removeFacts(id, old);
    if (facts) {
      state.facts.set(id, facts);
      ix.addFacts(id, facts);
    } else state.facts.delete(id);
  };

  for (const { id, d } of prep.derived) {
    const dims = d.user ? (state.dimsAt?.get(id) ?? state.dims.get(d.user)) : undefined;
    if (!d.user || !dims) continue; // not a learner account of this platform: no dimensions, not counted
    activity(d.user, d.course, d.at, 1, dims);
    if (d.facts.length === 0) continue;
    const facts = d.facts.map((f) => ({ ...f, ...dims, country: d.country ?? dims.country }));
    putFacts(id, facts);
    w.factsPut.push(...facts);
  }
  for (const id of voidedIds) {
    const d = prep.voided.get(id);
    if (d?.user && state.dims.has(d.user)) activity(d.user, d.course, d.at, -1, null);
    if (!state.facts.has(id)) continue;
    putFacts(id, undefined);
    w.factsDeleted.push(id);
  }
  for (const t of change.trainers ?? []) {
    const current = state.trainers.get(t.userId) ?? null;
    const dims = state.dims.get(t.userId) ?? { country: '', sex: '', sector: '' };
    const write = applyTrainerChange(t, current, dims, change, hooks.trainer);
    if (!write) continue;
    touch(`t:${t.userId}`);
    state.trainers.set(t.userId, write.record);
    w.trainers.push(write.record);
    w.roles.push(write.role);
  }

  for (const [group, current] of before) {
    const desired = desiredFor(group, state, ix, hooks);
    if (sameContributions(current, desired)) continue;
    for (const c of current) addCounts(w.counts, c, -c.n);
    for (const c of desired) addCounts(w.counts, c, c.n);
  }
  for (const [k, row] of w.counts) if (row.n === 0) w.counts.delete(k);
  return w;
}

/** The loaded facts by (learner, course) and activity rows by learner-year, so a group reads only its own rows. */
function indexState(state: StatsState) {
  const pairs = new Map<string, Map<string, StatsFact[]>>();
  const years = new Map<string, Set<ActivityRow>>();
  const ix = {
    pairs,
    years,
    addFacts(id: string, facts: StatsFact[]) {
      for (const f of facts) {
        if (!UNIQUE_KINDS.has(f.kind)) continue;
        const k = `${f.user}|${f.course}`;
        let m = pairs.get(k);
        if (!m) pairs.set(k, (m = new Map()));
        m.set(id, facts);
      }
    },
    removeFacts(id: string, facts: StatsFact[]) {
      for (const f of facts) pairs.get(`${f.user}|${f.course}`)?.delete(id);
    },
    addActivity(r: ActivityRow) {
      const k = `${r.user}|${r.month.slice(0, 4)}`;
      let s = years.get(k);
      if (!s) years.set(k, (s = new Set()));
      s.add(r);
    },
  };
  for (const [id, facts] of state.facts) ix.addFacts(id, facts);
  for (const r of state.activity.values()) ix.addActivity(r);
  return ix;
}
type StateIndex = ReturnType<typeof indexState>;

function desiredFor(group: string, state: StatsState, ix: StateIndex, hooks: LedgerHooks): Contribution[] {
  const [kind, rest] = [group.slice(0, 1), group.slice(2)];
  if (kind === 's') return statementContributions(state.facts.get(rest) ?? []);
  if (kind === 't') return trainerContributions(state.trainers.get(rest), hooks.trainer?.course ?? '');
  if (kind === 'u')
    return learnerCourseContributions(
      [...(ix.pairs.get(rest)?.values() ?? [])].flat().filter((f) => `${f.user}|${f.course}` === rest),
    );
  return activeContributions([...(ix.years.get(rest) ?? [])]);
}

function addCounts(counts: StatsWrites['counts'], c: Contribution, n: number) {
  for (const row of rollups(c)) {
    const key = counterKey(row);
    const existing = counts.get(key);
    if (existing) existing.n += n;
    else counts.set(key, { ...row, n });
  }
}

export function emptyState(): StatsState {
  return { dims: new Map(), facts: new Map(), activity: new Map(), trainers: new Map() };
}
