/** Pure query documents for SCORM attempts (tested with mingo in test/unit/store/mongo-scorm-queries.test.ts). */
import type { PipelineStage } from 'mongoose';
import type { ScormAttemptRecord } from '../store.js';

export const scormAttemptVersionFilter = (id: string, version: number) => ({ _id: id, version });
export const scormAttemptsOfScoFilter = (registration: string, scoId: string) => ({ registration, scoId });
export const scormAttemptsOfScoSort = { attempt: 1 } as const;
export const scormRegistrationFilter = (registration: string) => ({ registration });
export const scormRegistrationSort = { scoId: 1, attempt: 1 } as const;
export const scormOwnedFilter = (userId: string) => ({ userId });

/** The newest attempt of each SCO in a registration, ordered by SCO id. */
export const scormLatestPipeline = (registration: string): PipelineStage[] => [
  { $match: { registration } },
  { $sort: { scoId: 1, attempt: -1 } },
  { $group: { _id: '$scoId', doc: { $first: '$$ROOT' } } },
  { $replaceRoot: { newRoot: '$doc' } },
  { $sort: { scoId: 1 } },
];

/** The update of a commit: everything but the identity, and the version moves on by one. */
export const scormAttemptUpdate = (a: Omit<ScormAttemptRecord, 'version'>) => ({
  $set: { sessions: a.sessions, cmi: a.cmi, updatedAt: a.updatedAt, endedAt: a.endedAt },
  $inc: { version: 1 },
});

export type ScormAttemptDoc = Omit<ScormAttemptRecord, 'id'> & { _id: string };
export const scormAttemptFromDoc = ({ _id, ...rest }: ScormAttemptDoc): ScormAttemptRecord => ({ id: _id, ...rest });
export const scormAttemptToDoc = ({
  id,
  ...rest
}: Omit<ScormAttemptRecord, 'version'>): Omit<ScormAttemptDoc, 'version'> => ({ _id: id, ...rest });
