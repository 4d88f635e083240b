import { randomUUID } from 'node:crypto';
import type { LedgerEntry } from './ledger-change.js';
import type { Activity, ActivityDefinition, Agent, Statement, StoredStatement } from './statement.js';

export const XAPI_VERSION = '1.0.3';

/** The platform's own authority: statements it writes (graded quizzes, completions) carry it. */
export function platformAuthority(publicUrl: string): Agent {
  return { objectType: 'Agent', name: 'Praxis', account: { homePage: publicUrl, name: 'praxis-platform' } };
}

/**
 * Completion and pass/fail of platform activities count only from statements with this authority
 * (DESIGN.md section 3), never from an LRS client's or a learner's browser.
 */
export function isPlatformAuthority(authority: StoredStatement['authority'] | undefined, publicUrl: string): boolean {
  return (
    authority?.objectType === 'Agent' &&
    authority.account?.homePage === publicUrl &&
    authority.account.name === 'praxis-platform'
  );
}

/** A learner as an xAPI actor: an account on this platform, never an e-mail address. */
export function learnerActor(publicUrl: string, user: { id: string; displayName?: string }): Agent {
  return { objectType: 'Agent', account: { homePage: publicUrl, name: user.id } };
}

/**
 * Completes a statement the platform itself writes: id, timestamp, stored, authority, version.
 * `stored` is the same instant for every statement of one change, as xAPI batches are.
 */
export function platformEntry(
  statement: Omit<Statement, 'stored' | 'authority' | 'version'>,
  opts: { publicUrl: string; now: Date },
): LedgerEntry {
  const stored = opts.now.toISOString();
  return {
    clientId: null,
    statement: {
      ...statement,
      id: statement.id ?? randomUUID(),
      timestamp: statement.timestamp ?? stored,
      stored,
      authority: platformAuthority(opts.publicUrl),
      version: XAPI_VERSION,
    },
  };
}

/** An activity with its definition, as the platform's statements name courses, modules and lessons. */
export function activityOf(id: string, definition?: ActivityDefinition): Activity {
  return { objectType: 'Activity', id, ...(definition ? { definition } : {}) };
}
