import type { StatementQuery } from '../store.js';

/**
 * Builds the statements query (pure, unit-tested). A statement is returned when it matches the
 * filters itself, or when it targets (StatementRef) a statement that matches them (xAPI 1.0.3
 * section 2.5: "filter conditions ... also apply to statements that target a matching statement").
 * Voided statements are never returned; paging is keyset on seq.
 */
export function statementQuerySql(q: StatementQuery): { sql: string; params: unknown[] } {
  const match: string[] = [];
  const params: unknown[] = [];
  if (q.agent) {
    match.push(`t.seq IN (SELECT seq FROM statement_agents WHERE agent = ?${q.relatedAgents ? '' : ' AND direct = 1'})`);
    params.push(q.agent);
  }
  if (q.verb) { match.push('t.verb = ?'); params.push(q.verb); }
  if (q.activity) {
    match.push(q.relatedActivities ? 't.seq IN (SELECT seq FROM statement_activities WHERE activity = ?)' : 't.activity = ?');
    params.push(q.activity);
  }
  if (q.registration) { match.push('t.registration = ?'); params.push(q.registration.toLowerCase()); }

  const outer: string[] = ['s.voided = 0'];
  const outerParams: unknown[] = [];
  if (match.length > 0) {
    const cond = match.join(' AND ');
    outer.push(`(${cond.replaceAll('t.', 's.')} OR s.target_statement IN (SELECT t.id FROM statements t WHERE ${cond}))`);
    outerParams.push(...params, ...params);
  }
  if (q.since) { outer.push('s.stored > ?'); outerParams.push(q.since.getTime()); }
  if (q.until) { outer.push('s.stored <= ?'); outerParams.push(q.until.getTime()); }
  if (q.clientId) { outer.push('s.client_id = ?'); outerParams.push(q.clientId); }
  if (q.afterSeq !== undefined) { outer.push(q.ascending ? 's.seq > ?' : 's.seq < ?'); outerParams.push(q.afterSeq); }

  const order = q.ascending ? 'ASC' : 'DESC';
  return {
    sql: `SELECT s.seq, s.body FROM statements s WHERE ${outer.join(' AND ')} ORDER BY s.seq ${order} LIMIT ?`,
    params: [...outerParams, q.limit + 1],
  };
}
