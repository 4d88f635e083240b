import type { LedgerChange, UserRecord } from '../store/store.js';

/** Raised once, inside the change that completes a course, so other features can add to that change. */
export interface CourseCompletedEvent {
  user: UserRecord;
  course: {
    slug: string;
    version: string;
    title: Record<string, string>;
    defaultLanguage: string;
    languages: string[];
    estimatedMinutes: number;
    certificate: boolean;
  };
  registration: string;
  completedAt: Date;
}

/**
 * A feature's contribution to a course completion (e.g. issuing a certificate): extra ledger
 * entries and feature fields, merged into the SAME store.record change.
 */
export type CompletionHook = (event: CourseCompletedEvent) => Partial<LedgerChange> | Promise<Partial<LedgerChange>>;

/** Entries are appended; array fields are concatenated; any other field may be set by one hook only. */
export function mergeChange(base: LedgerChange, extra: Partial<LedgerChange>): LedgerChange {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) continue;
    const current = merged[key];
    if (current === undefined) merged[key] = value;
    else if (Array.isArray(current) && Array.isArray(value)) merged[key] = [...current, ...value];
    else throw new Error(`Two contributions to one completion both set "${key}".`);
  }
  return merged as unknown as LedgerChange;
}
