import type { Database, Statement } from 'better-sqlite3';
import type { LedgerChange, StatsRepo, StoredStatement, TrainerRecord } from '../store.js';
import { UNIQUE_KINDS, type ActivityRow } from '../../ledger/stats-contributions.js';
import type { StatsFact } from '../../ledger/stats-facts.js';
import type { LedgerHooks } from '../../ledger/trainer-certification.js';
import { activityKey, applyStats, emptyState, keysFor, type StatsWrites } from '../../ledger/stats-projection.js';
import { statsCountsSql, statsActiveSql } from './stats-sql.js';
import type { SqliteProjector } from './ledger.js';
import { profileAt, type ProfileEntry } from '../profile-history.js';
import { trainerFromRow, type TrainerRow } from './training.js';

interface FactRow {
  statement_id: string;
  kind: string;
  user_id: string;
  course: string;
  detail: string;
  at: string;
  country: string;
  sex: string;
  sector: string;
  amounts: string | null;
}
const factFromRow = (r: FactRow): StatsFact => ({
  statementId: r.statement_id,
  kind: r.kind as StatsFact['kind'],
  user: r.user_id,
  course: r.course,
  detail: r.detail,
  at: r.at,
  country: r.country,
  sex: r.sex,
  sector: r.sector,
  amounts: r.amounts ? (JSON.parse(r.amounts) as Record<string, number>) : null,
});
const UNIQUE_FACT_KINDS = [...UNIQUE_KINDS].map((k) => `'${k}'`).join(', ');
interface ActivityDbRow {
  user_id: string;
  month: string;
  course: string;
  n: number;
  country: string;
  sex: string;
  sector: string;
}

export function sqliteStats(db: Database, hooks: LedgerHooks = {}) {
  const q = {
    body: db.prepare('SELECT body, client_id FROM statements WHERE id = ?'),
    factsOf: db.prepare('SELECT * FROM stats_facts WHERE statement_id = ?'),
    dims: db.prepare('SELECT country, sex, sector, profile_history FROM users WHERE id = ?'),
    pairFacts: db.prepare(
      `SELECT * FROM stats_facts WHERE user_id = ? AND course = ? AND kind IN (${UNIQUE_FACT_KINDS})`,
    ),
    yearActivity: db.prepare('SELECT * FROM stats_activity WHERE user_id = ? AND month >= ? AND month <= ?'),
    trainer: db.prepare('SELECT * FROM trainers WHERE user_id = ?'),
    putFact:
      db.prepare(`INSERT OR REPLACE INTO stats_facts (statement_id, kind, user_id, course, detail, at, country, sex, sector, amounts)
      VALUES (@statementId, @kind, @user, @course, @detail, @at, @country, @sex, @sector, @amounts)`),
    deleteFacts: db.prepare('DELETE FROM stats_facts WHERE statement_id = ?'),
    putActivity: db.prepare(`INSERT INTO stats_activity (user_id, month, course, n, country, sex, sector)
      VALUES (@user, @month, @course, @n, @country, @sex, @sector) ON CONFLICT DO UPDATE SET n = excluded.n`),
    deleteActivity: db.prepare('DELETE FROM stats_activity WHERE user_id = ? AND month = ? AND course = ?'),
    addCount: db.prepare(`INSERT INTO stats_counts (grain, metric, course, country, sex, sector, month, detail, n)
      VALUES (@grain, @metric, @course, @country, @sex, @sector, @month, @detail, @n)
      ON CONFLICT DO UPDATE SET n = n + excluded.n`),
    putTrainer:
      db.prepare(`INSERT OR REPLACE INTO trainers (user_id, certified_at, source, certificate_ref, withdrawn_at, withdrawn_reason, country, sex, sector)
      VALUES (@userId, @certifiedAt, @source, @certificateRef, @withdrawnAt, @withdrawnReason, @country, @sex, @sector)`),
    roles: db.prepare('SELECT roles FROM users WHERE id = ?'),
    setRoles: db.prepare('UPDATE users SET roles = ? WHERE id = ?'),
  };

  const project = (change: LedgerChange, voidedIds: string[], extraTrainers: string[] = [], historical = false) => {
    const bodies = new Map<string, { statement: StoredStatement; clientId: string | null }>();
    const voidedFacts = new Map<string, StatsFact[]>();
    for (const id of voidedIds) {
      const b = q.body.get(id) as { body: string; client_id: string | null } | undefined;
      if (b) bodies.set(id, { statement: JSON.parse(b.body) as StoredStatement, clientId: b.client_id });
      const facts = (q.factsOf.all(id) as FactRow[]).map(factFromRow);
      if (facts.length) voidedFacts.set(id, facts);
    }
    const prep = keysFor(change, { bodies, facts: voidedFacts });
    prep.keys.trainers.push(...extraTrainers);
    const state = emptyState();
    for (const [id, f] of voidedFacts) state.facts.set(id, f);
    const histories = new Map<string, ProfileEntry[] | null>();
    for (const u of prep.keys.users) {
      const d = q.dims.get(u) as
        | { country: string; sex: string; sector: string; profile_history: string | null }
        | undefined;
      if (!d) continue;
      state.dims.set(u, { country: d.country, sex: d.sex, sector: d.sector });
      histories.set(u, d.profile_history ? (JSON.parse(d.profile_history) as ProfileEntry[]) : null);
    }
    // A rebuild replays history: each statement counts with the profile of the moment it was stored.
    if (historical) {
      state.dimsAt = new Map();
      const stored = new Map(change.entries.map((e) => [e.statement.id, e.statement.stored]));
      for (const { id, d } of prep.derived) {
        const current = d.user ? state.dims.get(d.user) : undefined;
        if (d.user && current)
          state.dimsAt.set(id, profileAt(histories.get(d.user) ?? null, current, stored.get(id) ?? ''));
      }
    }
    for (const [u, c] of prep.keys.pairs) {
      const byStatement = new Map<string, StatsFact[]>();
      for (const f of (q.pairFacts.all(u, c) as FactRow[]).map(factFromRow))
        byStatement.set(f.statementId, [...(byStatement.get(f.statementId) ?? []), f]);
      for (const [id, facts] of byStatement) state.facts.set(id, facts);
    }
    for (const [u, y] of prep.keys.years) {
      for (const r of q.yearActivity.all(u, `${y}-01`, `${y}-12`) as ActivityDbRow[]) {
        state.activity.set(activityKey(r.user_id, r.course, r.month), {
          user: r.user_id,
          course: r.course,
          month: r.month,
          n: r.n,
          country: r.country,
          sex: r.sex,
          sector: r.sector,
        });
      }
    }
    for (const t of prep.keys.trainers) {
      const row = q.trainer.get(t) as TrainerRow | undefined;
      state.trainers.set(t, row ? trainerFromRow(row) : null);
    }
    flush(
      applyStats(
        change,
        voidedIds,
        prep,
        state,
        extraTrainers.map((t) => `t:${t}`),
        hooks,
      ),
    );
  };

  const flush = (w: StatsWrites) => {
    for (const id of w.factsDeleted) q.deleteFacts.run(id);
    for (const f of w.factsPut) q.putFact.run({ ...f, amounts: f.amounts ? JSON.stringify(f.amounts) : null });
    for (const r of w.activity.values()) {
      if (r.n > 0) q.putActivity.run(r as ActivityRow & Record<string, unknown>);
      else q.deleteActivity.run(r.user, r.month, r.course);
    }
    for (const row of w.counts.values()) q.addCount.run(row);
    for (const t of w.trainers) q.putTrainer.run(trainerParams(t));
    for (const { userId, trainer } of w.roles) {
      const row = q.roles.get(userId) as { roles: string } | undefined;
      if (!row) continue;
      const roles = (JSON.parse(row.roles) as string[]).filter((r) => r !== 'trainer');
      q.setRoles.run(JSON.stringify(trainer ? [...roles, 'trainer'] : roles), userId);
    }
  };

  const projector: SqliteProjector = (change, voidedIds) => project(change, voidedIds);

  /**
   * Takes an erased learner's contributions out of the counters, through the same path as voiding:
   * their statements count as voided and a certified trainer as withdrawn. Runs before the
   * statements and the trainer row are deleted, so rebuild == incremental stays true.
   */
  const erase = (userId: string, agents: readonly string[]) => {
    const ids =
      agents.length === 0
        ? []
        : (db
            .prepare(`SELECT id FROM statements WHERE seq IN (SELECT seq FROM statement_agents WHERE agent IN (${agents.map(() => '?').join(', ')}))
      AND actor IN (${agents.map(() => '?').join(', ')}) AND voided = 0 AND is_voiding = 0`)
            .pluck()
            .all(...agents, ...agents) as string[]);
    const trainer = q.trainer.get(userId)
      ? [{ action: 'withdraw' as const, userId, at: new Date(), reason: 'erased' }]
      : [];
    if (ids.length || trainer.length) project({ entries: [], trainers: trainer }, ids);
    return ids.length;
  };

  const rebuild = db.transaction(() => {
    for (const t of ['stats_facts', 'stats_activity', 'stats_counts']) db.exec(`DELETE FROM ${t}`);
    const page = db.prepare(
      'SELECT seq, body, client_id FROM statements WHERE seq > ? AND is_voiding = 0 AND voided = 0 ORDER BY seq LIMIT 2000',
    );
    for (let after = 0; ; ) {
      const rows = page.all(after) as { seq: number; body: string; client_id: string | null }[];
      if (rows.length === 0) break;
      project(
        { entries: rows.map((r) => ({ statement: JSON.parse(r.body) as StoredStatement, clientId: r.client_id })) },
        [],
        [],
        true,
      );
      after = rows[rows.length - 1]!.seq;
    }
    const trainers = (db.prepare('SELECT user_id FROM trainers').all() as { user_id: string }[]).map((r) => r.user_id);
    project({ entries: [] }, [], trainers);
  });

  const prepared = new Map<string, Statement>();
  const cached = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) {
      s = db.prepare(sql);
      prepared.set(sql, s);
    }
    return s;
  };

  const repo: StatsRepo = {
    counts: async (query) => {
      const { sql, params } = statsCountsSql(query);
      return cached(sql).all(params) as never;
    },
    activeLearners: async (query) => {
      const { sql, params } = statsActiveSql(query);
      return cached(sql).all(params) as never;
    },
    registeredUsers: async ({ filter, from, to }) => {
      const row = db
        .prepare(`SELECT count(*) AS n FROM users WHERE created_at >= @from AND created_at < @to
        AND (@country IS NULL OR country = @country) AND (@sex IS NULL OR sex = @sex) AND (@sector IS NULL OR sector = @sector)`)
        .get({
          from: from.getTime(),
          to: to.getTime(),
          country: filter.country ?? null,
          sex: filter.sex ?? null,
          sector: filter.sector ?? null,
        }) as { n: number };
      return row.n;
    },
    rebuild: async () => {
      rebuild();
    },
    dump: async () =>
      (db.prepare('SELECT * FROM stats_counts WHERE n != 0').all() as Record<string, unknown>[])
        .map((r) => [r.grain, r.metric, r.course, r.country, r.sex, r.sector, r.month, r.detail, r.n].join('|'))
        .sort(),
  };
  return { projector, repo, erase };
}

const trainerParams = (t: TrainerRecord) => ({
  ...t,
  certifiedAt: t.certifiedAt.getTime(),
  withdrawnAt: t.withdrawnAt?.getTime() ?? null,
});
