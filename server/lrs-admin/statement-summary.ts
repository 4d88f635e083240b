/** What one row of the statement viewer shows, derived from a stored statement (pure). */
type Json = Record<string, unknown>;

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

const firstValue = (map: unknown) =>
  map && typeof map === 'object' ? (Object.values(map as Json)[0] as string | undefined) : undefined;

/** The user id of an actor that is an account on this platform, else null. */
export function platformUserId(actor: unknown, publicUrl: string): string | null {
  const acc = (actor as Json | undefined)?.account as Json | undefined;
  return acc && acc.homePage === publicUrl && typeof acc.name === 'string' ? acc.name : null;
}

export function agentLabel(agent: unknown): string {
  const a = (agent ?? {}) as Json;
  const acc = a.account as Json | undefined;
  if (typeof a.name === 'string') return a.name;
  if (typeof a.mbox === 'string') return a.mbox.replace(/^mailto:/, '');
  if (acc) return `${String(acc.name)} (${String(acc.homePage)})`;
  return String(a.openid ?? a.mbox_sha1sum ?? a.objectType ?? '?');
}

function objectLabel(object: unknown): string {
  const o = (object ?? {}) as Json;
  const type = (o.objectType as string | undefined) ?? 'Activity';
  if (type === 'Activity') return firstValue((o.definition as Json | undefined)?.name) ?? String(o.id);
  if (type === 'StatementRef') return `→ ${String(o.id)}`;
  if (type === 'SubStatement') return `${agentLabel(o.actor)} ${verbLabel(o.verb)} ${objectLabel(o.object)}`;
  return agentLabel(o);
}

function verbLabel(verb: unknown): string {
  const v = (verb ?? {}) as Json;
  return (
    ((v.display as Json | undefined)?.['en-US'] as string) ??
    firstValue(v.display) ??
    String(v.id).split('/').pop() ??
    ''
  );
}

export function summarise(s: Json, people: Map<string, PlatformPerson>, publicUrl: string): StatementRow {
  const r = s.result as Json | undefined;
  const userId = platformUserId(s.actor, publicUrl);
  const score = (r?.score as Json | undefined)?.scaled;
  return {
    id: String(s.id),
    timestamp: String(s.timestamp),
    stored: String(s.stored),
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
