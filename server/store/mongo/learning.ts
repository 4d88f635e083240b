import type { ClientSession, Connection } from 'mongoose';
import { AlreadyRecordedError, AttemptLimitError, StaleProgressError } from '../ports/learning-errors.js';
import type { EnrolmentRecord, LearningRepo, QuizAttemptRecord } from '../store.js';
import type { MongoProjector } from './ledger.js';
import { learningModels } from './learning-models.js';
import { mongoLearningRebuild } from './learning-rebuild.js';
import {
  attemptsOfFilter,
  attemptsOfSort,
  courseNotCompleteFilter,
  enrolmentVersionFilter,
  enrolmentsOfFilter,
  enrolmentsOfSort,
  lessonNotDoneFilter,
  moduleNotCompleteFilter,
  openAttemptFilter,
  submittedAttemptsFilter,
  userEnrolmentFilter,
} from './learning-queries.js';

const MAX_TIME_MS = 5000;
type EnrolmentDoc = Omit<EnrolmentRecord, 'id'> & {
  _id: string;
  doneLessons: { moduleId: string; lessonId: string; doneAt: Date }[];
  completedModules: { moduleId: string; completedAt: Date }[];
};
type AttemptDoc = Omit<QuizAttemptRecord, 'id'> & { _id: string };

export const enrolmentFromDoc = ({
  _id,
  doneLessons: _l,
  completedModules: _m,
  ...rest
}: EnrolmentDoc): EnrolmentRecord => ({ id: _id, ...rest });
export const attemptFromDoc = ({ _id, ...rest }: AttemptDoc): QuizAttemptRecord => ({ id: _id, ...rest });

export function mongoLearning(conn: Connection) {
  const models = learningModels(conn);
  const { Enrolment, QuizAttempt } = models;

  const readProgress = async (enrolmentId: string, session: ClientSession | null) => {
    const doc = await Enrolment.findById(enrolmentId).session(session).lean<EnrolmentDoc>().maxTimeMS(MAX_TIME_MS);
    if (!doc) return null;
    const attempts = await QuizAttempt.find(attemptsOfFilter(enrolmentId))
      .sort(attemptsOfSort)
      .session(session)
      .lean<AttemptDoc[]>()
      .maxTimeMS(MAX_TIME_MS);
    return {
      enrolment: enrolmentFromDoc(doc),
      doneLessons: doc.doneLessons,
      completedModules: doc.completedModules,
      attempts: attempts.map(attemptFromDoc),
    };
  };
  const rebuilder = mongoLearningRebuild(conn, models as never, readProgress);

  const projector: MongoProjector = async (change, voided, session) => {
    await applyOps(change, session);
    await rebuilder.afterVoiding(voided, session);
  };

  const applyOps = async ({ learning }: Parameters<MongoProjector>[0], session: ClientSession) => {
    if (!learning) return;
    const id = learning.enrolmentId;
    const must = (matched: number, err: Error) => {
      if (matched === 0) throw err;
    };
    if (learning.expectedVersion !== undefined) {
      const r = await Enrolment.updateOne(
        enrolmentVersionFilter(id, learning.expectedVersion),
        { $inc: { version: 1 } },
        { session },
      );
      must(r.matchedCount, new StaleProgressError());
    }
    for (const op of learning.ops) {
      switch (op.type) {
        case 'enrol':
          try {
            await Enrolment.create([{ _id: op.enrolment.id, ...op.enrolment }], { session });
          } catch (err) {
            if ((err as { code?: number }).code === 11000) throw new AlreadyRecordedError('enrolment');
            throw err;
          }
          break;
        case 'lessonOpened':
          await Enrolment.updateOne(
            { _id: id },
            { $set: { lastModuleId: op.moduleId, lastLessonId: op.lessonId } },
            { session },
          );
          break;
        case 'lessonDone': {
          const r = await Enrolment.updateOne(
            lessonNotDoneFilter(id, op.moduleId, op.lessonId),
            { $push: { doneLessons: { moduleId: op.moduleId, lessonId: op.lessonId, doneAt: op.at } } },
            { session },
          );
          must(r.matchedCount, new AlreadyRecordedError(`lesson ${op.moduleId}/${op.lessonId}`));
          break;
        }
        case 'attemptStarted':
          await QuizAttempt.create([{ _id: op.attempt.id, enrolmentId: id, ...op.attempt }], { session });
          break;
        case 'attemptSubmitted': {
          if (
            op.maxAttempts !== undefined &&
            (await QuizAttempt.countDocuments(submittedAttemptsFilter(id, op.quizId)).session(session)) >=
              op.maxAttempts
          ) {
            throw new AttemptLimitError();
          }
          const r = await QuizAttempt.updateOne(
            openAttemptFilter(op.attemptId, id),
            {
              $set: {
                answers: op.answers,
                score: op.score,
                maxScore: op.maxScore,
                passed: op.passed,
                submittedAt: op.submittedAt,
              },
            },
            { session },
          );
          must(r.matchedCount, new AlreadyRecordedError(`attempt ${op.attemptId}`));
          break;
        }
        case 'moduleCompleted': {
          const r = await Enrolment.updateOne(
            moduleNotCompleteFilter(id, op.moduleId),
            { $push: { completedModules: { moduleId: op.moduleId, completedAt: op.at } } },
            { session },
          );
          must(r.matchedCount, new AlreadyRecordedError(`module ${op.moduleId}`));
          break;
        }
        case 'courseCompleted': {
          const r = await Enrolment.updateOne(
            courseNotCompleteFilter(id),
            { $set: { completedAt: op.at } },
            { session },
          );
          must(r.matchedCount, new AlreadyRecordedError('course completion'));
          break;
        }
      }
    }
  };

  const repo: LearningRepo = {
    findEnrolment: async (userId, slug) => {
      const doc = await Enrolment.findOne(userEnrolmentFilter(userId, slug))
        .lean<EnrolmentDoc>()
        .maxTimeMS(MAX_TIME_MS);
      return doc ? enrolmentFromDoc(doc) : null;
    },
    enrolmentsOf: async (userId) =>
      (
        await Enrolment.find(enrolmentsOfFilter(userId))
          .sort(enrolmentsOfSort)
          .lean<EnrolmentDoc[]>()
          .maxTimeMS(MAX_TIME_MS)
      ).map(enrolmentFromDoc),
    progress: (enrolmentId) => readProgress(enrolmentId, null),
    attempt: async (id) => {
      const doc = await QuizAttempt.findById(id).lean<AttemptDoc>().maxTimeMS(MAX_TIME_MS);
      return doc ? attemptFromDoc(doc) : null;
    },
    rebuild: () => rebuilder.rebuild(),
  };
  return { repo, projector, models };
}
