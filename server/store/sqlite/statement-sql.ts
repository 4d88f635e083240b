import type { StatementQuery } from '../store.js';

/**
 * Builds the statements query (pure, unit-tested). A statement is returned when it matches the
 * filters itself, or when it targets (StatementRef) a statement that matches them (xAPI 1.0.3
 * section 2.5: "filter conditions ... also apply to statements that target a matching statement").
 * Voided statements are never returned; paging is keyset on seq.
 *
 * Why a UNION of two arms rather than `match OR target IN (...)`: SQLite answers an OR with a
 * multi-index OR whose rows must then be sorted, so a broad filter (a course with
 * related_activities: a third of a million rows at 1M statements) sorted everything before the
 * LIMIT. Each arm here walks an index already in seq order, and the compound ORDER BY merges the
 * two ordered streams and stops at LIMIT. The second arm only visits statements that refer to
 * another one (a partial index), which are few.
 */
export function statementQuerySql(q: StatementQuery): { sql: string; params: unknown[] } {
  const order = q.ascending ? 'ASC' : 'DESC';
  const window = windowOf(q);
  const match = matchOf(q);
  if (!match && (q.since || q.until)) {
    // Only a stored window. The ledger keeps `stored` non-decreasing in seq order, so the window is
    // a seq range: two index seeks find its ends, and the page is read in primary-key order,
    // whatever the window's size. The stored conditions stay, so nothing outside it is returned.
    const bound = (param: number) =>
      `COALESCE((SELECT max(b.seq) FROM statements b WHERE b.stored = (SELECT c.stored FROM statements c WHERE c.stored <= ${param} ORDER BY c.stored DESC LIMIT 1)), 0)`;
    const range = [
      ...(q.since ? [`s.seq > ${bound(q.since.getTime())}`] : []),
      ...(q.until ? [`s.seq <= ${bound(q.until.getTime())}`] : []),
    ];
    return {
      sql: `SELECT s.seq, s.body FROM statements s WHERE ${[...range, 's.voided = 0', ...window.where('s')].join(' AND ')} ORDER BY s.seq ${order} LIMIT ?`,
      params: [...window.params, q.limit + 1],
    };
  }
  if (!match) {
    return {
      sql: `SELECT s.seq, s.body FROM statements s WHERE ${['s.voided = 0', ...window.where('s')].join(' AND ')} ORDER BY s.seq ${order} LIMIT ?`,
      params: [...window.params, q.limit + 1],
    };
  }
  const direct = `SELECT ${match.seq} AS seq, s.body FROM ${match.from} WHERE ${[...match.where, 's.voided = 0', ...window.where('s')].join(' AND ')}`;
  const referring =
    `SELECT r.seq AS seq, r.body FROM statements r CROSS JOIN statements s ON s.id = r.target_statement` +
    ` WHERE ${['r.target_statement IS NOT NULL', 'r.voided = 0', ...match.target, ...window.where('r')].join(' AND ')}`;
  return {
    sql: `${direct} UNION ${referring} ORDER BY 1 ${order} LIMIT ?`,
    params: [...match.params, ...window.params, ...match.params, ...window.params, q.limit + 1],
  };
}

/**
 * The filters a statement must match itself, as conditions on alias `s`, and the table that drives
 * the scan: the most selective index whose order is already seq.
 */
function matchOf(
  q: StatementQuery,
): { from: string; seq: string; where: string[]; target: string[]; params: unknown[] } | null {
  const where: string[] = [];
  const target: string[] = [];
  const params: unknown[] = [];
  let from = 'statements s';
  let seq = 's.seq';
  const add = (direct: string, onTarget: string, param: unknown) => {
    where.push(direct);
    target.push(onTarget);
    params.push(param);
  };
  if (q.registration) add('s.registration = ?', 's.registration = ?', q.registration.toLowerCase());
  if (q.agent) {
    const onTarget = `s.seq IN (SELECT seq FROM statement_agents WHERE agent = ?${q.relatedAgents ? '' : ' AND direct = 1'})`;
    if (q.registration) add(onTarget, onTarget, q.agent);
    else {
      from = 'statement_agents g CROSS JOIN statements s ON s.seq = g.seq';
      seq = 'g.seq';
      add(`g.agent = ?${q.relatedAgents ? '' : ' AND g.direct = 1'}`, onTarget, q.agent);
    }
  }
  if (q.activity && q.relatedActivities) {
    const onTarget = 's.seq IN (SELECT seq FROM statement_activities WHERE activity = ?)';
    if (from !== 'statements s' || q.registration) add(onTarget, onTarget, q.activity);
    else {
      from = 'statement_activities a CROSS JOIN statements s ON s.seq = a.seq';
      seq = 'a.seq';
      add('a.activity = ?', onTarget, q.activity);
    }
  } else if (q.activity) add('s.activity = ?', 's.activity = ?', q.activity);
  if (q.verb) add('s.verb = ?', 's.verb = ?', q.verb);
  return where.length === 0 ? null : { from, seq, where, target, params };
}

function windowOf(q: StatementQuery) {
  const params: unknown[] = [];
  if (q.since) params.push(q.since.getTime());
  if (q.until) params.push(q.until.getTime());
  if (q.clientId) params.push(q.clientId);
  if (q.afterSeq !== undefined) params.push(q.afterSeq);
  return {
    params,
    where: (t: string) => [
      ...(q.since ? [`${t}.stored > ?`] : []),
      ...(q.until ? [`${t}.stored <= ?`] : []),
      ...(q.clientId ? [`${t}.client_id = ?`] : []),
      ...(q.afterSeq !== undefined ? [q.ascending ? `${t}.seq > ?` : `${t}.seq < ?`] : []),
    ],
  };
}
