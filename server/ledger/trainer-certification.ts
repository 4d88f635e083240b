/**
 * Trainer certification as a pure projection of a change: who becomes or stops being a certified
 * trainer, and the trainer's role. Which course certifies trainers is training's rule, given to the
 * kernel as a hook (`TrainerHook`), never written here.
 */
import type { LedgerChange } from './ledger-change.js';

/** A certified trainer of the trainers' course. Dimensions are those of the trainer when certified. */
export interface TrainerRecord {
  userId: string;
  certifiedAt: Date;
  source: 'course' | 'admin';
  certificateRef: string | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  country: string;
  sex: string;
  sector: string;
}

export type TrainerChange =
  | {
      action: 'certify';
      userId: string;
      at: Date;
      source: 'course' | 'admin';
      certificateRef?: string | null;
      course?: string;
    }
  | { action: 'withdraw'; userId: string; at: Date; reason: string };

/** Training's rule: the course that certifies trainers (their certificate, and the course they count in). */
export interface TrainerHook {
  course: string;
}

/** Feature rules the kernel applies without importing the feature; the container passes them to the store. */
export interface LedgerHooks {
  trainer?: TrainerHook;
}

export interface TrainerWrite {
  record: TrainerRecord;
  role: { userId: string; trainer: boolean };
}

/**
 * Applies one trainer change to the current record: the new record and role, or null when nothing
 * changes (certifying a certified trainer, withdrawing one who is not).
 */
export function applyTrainerChange(
  t: TrainerChange,
  current: TrainerRecord | null,
  dims: { country: string; sex: string; sector: string },
  change: LedgerChange,
  hook: TrainerHook | undefined,
): TrainerWrite | null {
  let next: TrainerRecord | null = current;
  if (t.action === 'certify' && (!current || current.withdrawnAt)) {
    next = {
      userId: t.userId,
      certifiedAt: t.at,
      source: t.source,
      certificateRef: t.certificateRef ?? certificateRefIn(change, t.userId, hook),
      withdrawnAt: null,
      withdrawnReason: null,
      ...dims,
    };
  } else if (t.action === 'withdraw' && current && !current.withdrawnAt) {
    next = { ...current, withdrawnAt: t.at, withdrawnReason: t.reason };
  }
  if (!next || next === current) return null;
  return { record: next, role: { userId: t.userId, trainer: t.action === 'certify' } };
}

/** The certificates feature adds `certificates` to the change; its code is the trainer's certificate reference. */
function certificateRefIn(change: LedgerChange, userId: string, hook: TrainerHook | undefined): string | null {
  const certs = change.certificates ?? [];
  return certs.find((c) => c.userId === userId && (!c.courseSlug || c.courseSlug === hook?.course))?.code ?? null;
}
