/** What one row of the statement viewer shows, derived from a stored statement (pure). */
import {
  type Actor,
  isActivity,
  type LanguageMap,
  type StatementObject,
  type StoredStatement,
  type Verb,
} from '../ledger/statement.js';

export interface PlatformPerson {
  displayName: string;
  email: string;
}

export interface StatementRow {
  id: string;
  timestamp: string;
  stored: string;
  actor: string;
  /** The learner behind a platform account, when that account still exists. */
  person: PlatformPerson | null;
  verb: string;
  object: string;
  result: { success?: boolean; completion?: boolean; scaled?: number } | null;
}

const firstValue = (map: LanguageMap | undefined): string | undefined => (map ? Object.values(map)[0] : undefined);

/** The user id of an actor that is an account on this platform, else null. */
export function platformUserId(actor: Actor, publicUrl: string): string | null {
  const acc = actor.account;
  return acc && acc.homePage === publicUrl && typeof acc.name === 'string' ? acc.name : null;
}

export function agentLabel(a: Actor): string {
  const acc = a.account;
  if (typeof a.name === 'string') return a.name;
  if (typeof a.mbox === 'string') return a.mbox.replace(/^mailto:/, '');
  if (acc) return `${acc.name} (${acc.homePage})`;
  return String(a.openid ?? a.mbox_sha1sum ?? a.objectType ?? '?');
}

function objectLabel(o: StatementObject): string {
  if (isActivity(o)) return firstValue(o.definition?.name) ?? o.id;
  switch (o.objectType) {
    case 'StatementRef':
      return `→ ${o.id}`;
    case 'SubStatement':
      return `${agentLabel(o.actor)} ${verbLabel(o.verb)} ${objectLabel(o.object)}`;
    default:
      return agentLabel(o);
  }
}

function verbLabel(v: Verb): string {
  return v.display?.['en-US'] ?? firstValue(v.display) ?? v.id.split('/').pop() ?? '';
}

export function summarise(s: StoredStatement, people: Map<string, PlatformPerson>, publicUrl: string): StatementRow {
  const r = s.result;
  const userId = platformUserId(s.actor, publicUrl);
  const score = r?.score?.scaled;
  return {
    id: s.id,
    timestamp: s.timestamp,
    stored: s.stored,
    actor: agentLabel(s.actor),
    person: userId ? (people.get(userId) ?? null) : null,
    verb: verbLabel(s.verb),
    object: objectLabel(s.object),
    result: r
      ? {
          ...(typeof r.success === 'boolean' ? { success: r.success } : {}),
          ...(typeof r.completion === 'boolean' ? { completion: r.completion } : {}),
          ...(typeof score === 'number' ? { scaled: score } : {}),
        }
      : null,
  };
}
