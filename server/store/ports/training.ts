/** Training of trainers: certified trainers and the sessions they deliver. */

import type { TrainerRecord } from '../../ledger/trainer-certification.js';

export type { TrainerChange, TrainerRecord } from '../../ledger/trainer-certification.js';

export const AGE_BANDS = ['under13', 'from13to15', 'from16to18', 'over18'] as const;
export const PARTICIPANT_SEXES = ['girls', 'boys', 'other'] as const;
export type ParticipantCounts = Record<(typeof PARTICIPANT_SEXES)[number] | (typeof AGE_BANDS)[number], number>;

/** A session a trainer delivered: aggregate counts only, never names of the (minor) participants. */
export interface DeliveredSession {
  id: string;
  trainerId: string;
  statementId: string; // the current xAPI statement that carries this record
  date: string; // YYYY-MM-DD
  country: string;
  town: string;
  venue: string;
  sessions: number[]; // which of the ten Line Up Live Up sessions (1-10)
  counts: ParticipantCounts;
  notes: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TrainingRepo {
  trainer(userId: string): Promise<TrainerRecord | null>;
  /** Newest certification first. */
  listTrainers(query: { limit: number; includeWithdrawn?: boolean }): Promise<TrainerRecord[]>;
  session(id: string): Promise<DeliveredSession | null>;
  /** Newest session date first; keyset paging on (date, id). */
  listSessions(query: {
    trainerId?: string;
    limit: number;
    before?: { date: string; id: string };
  }): Promise<DeliveredSession[]>;
}
