import type { ClientSession, Connection } from 'mongoose';
import { StaleProgressError } from '../ports/learning-errors.js';
import type { LedgerChange, ScormRepo } from '../store.js';
import { scormModels } from './scorm-models.js';
import {
  scormAttemptFromDoc,
  scormAttemptsOfScoFilter,
  scormAttemptsOfScoSort,
  scormAttemptToDoc,
  scormAttemptUpdate,
  scormAttemptVersionFilter,
  scormLatestPipeline,
  scormOwnedFilter,
  scormRegistrationFilter,
  scormRegistrationSort,
  type ScormAttemptDoc,
} from './scorm-queries.js';

const MAX_TIME_MS = 5000;
const isDuplicateKey = (err: unknown) =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;

export function mongoScorm(conn: Connection) {
  const models = scormModels(conn);
  const { ScormAttempt } = models;

  /** Run in the ledger transaction: a lost race throws, and the statements written with it roll back. */
  const projector = async (change: LedgerChange, _voided: string[], session: ClientSession) => {
    for (const { attempt, expectedVersion } of change.scorm ?? []) {
      if (expectedVersion === null) {
        try {
          await ScormAttempt.create([{ ...scormAttemptToDoc(attempt), version: 1 }], { session });
        } catch (err) {
          if (isDuplicateKey(err)) throw new StaleProgressError();
          throw err;
        }
      } else {
        const r = await ScormAttempt.updateOne(
          scormAttemptVersionFilter(attempt.id, expectedVersion),
          scormAttemptUpdate(attempt),
          { session },
        );
        if (r.matchedCount !== 1) throw new StaleProgressError();
      }
    }
  };

  const repo: ScormRepo = {
    attempt: async (id) => {
      const doc = await ScormAttempt.findById(id).lean<ScormAttemptDoc>().maxTimeMS(MAX_TIME_MS);
      return doc ? scormAttemptFromDoc(doc) : null;
    },
    attempts: async (registration, scoId) =>
      (
        await ScormAttempt.find(scormAttemptsOfScoFilter(registration, scoId))
          .sort(scormAttemptsOfScoSort)
          .lean<ScormAttemptDoc[]>()
          .maxTimeMS(MAX_TIME_MS)
      ).map(scormAttemptFromDoc),
    ofRegistration: async (registration) =>
      (
        await ScormAttempt.find(scormRegistrationFilter(registration))
          .sort(scormRegistrationSort)
          .lean<ScormAttemptDoc[]>()
          .maxTimeMS(MAX_TIME_MS)
      ).map(scormAttemptFromDoc),
    latestAttempts: async (registration) =>
      (
        await ScormAttempt.aggregate<ScormAttemptDoc>(scormLatestPipeline(registration)).option({
          maxTimeMS: MAX_TIME_MS,
        })
      ).map(scormAttemptFromDoc),
  };
  const erase = async (userId: string, session: ClientSession) => ({
    scormAttempts: (await ScormAttempt.deleteMany(scormOwnedFilter(userId), { session })).deletedCount,
  });
  return { projector, repo, erase, models };
}
