import { describe, expect, it } from 'vitest';
import { Query } from 'mingo';
import mongoose from 'mongoose';
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
  registrationStatementsFilter,
  registrationStatementsSort,
  submittedAttemptsFilter,
  userEnrolmentFilter,
  voidedStatementsFilter,
} from '../../../server/store/mongo/learning-queries.js';
import { learningModels } from '../../../server/store/mongo/learning-models.js';
import { enrolmentFromDoc } from '../../../server/store/mongo/learning.js';

const run = (docs: object[], filter: object, sort?: Record<string, 1 | -1>) => {
  const cursor = new Query(filter as never).find(docs as never[]);
  return (sort ? cursor.sort(sort) : cursor).all() as Record<string, unknown>[];
};

const enrolment = (over: Record<string, unknown> = {}) => ({
  _id: 'e1',
  userId: 'u1',
  courseSlug: 'c',
  courseVersion: '1.0.0',
  enrolledAt: new Date(1000),
  version: 3,
  lastModuleId: null,
  lastLessonId: null,
  completedAt: null,
  doneLessons: [{ moduleId: 'm1', lessonId: 'l1', doneAt: new Date(2000) }],
  completedModules: [{ moduleId: 'm1', completedAt: new Date(3000) }],
  ...over,
});

describe('mongo learning query documents', () => {
  it('matches an enrolment only at the version that was read', () => {
    expect(run([enrolment()], enrolmentVersionFilter('e1', 3))).toHaveLength(1);
    expect(run([enrolment()], enrolmentVersionFilter('e1', 2))).toHaveLength(0);
  });

  it('matches only when the lesson, module or course is not recorded yet', () => {
    expect(run([enrolment()], lessonNotDoneFilter('e1', 'm1', 'l1'))).toHaveLength(0);
    expect(run([enrolment()], lessonNotDoneFilter('e1', 'm1', 'l2'))).toHaveLength(1);
    expect(run([enrolment()], lessonNotDoneFilter('e1', 'm2', 'l1'))).toHaveLength(1);
    expect(run([enrolment()], moduleNotCompleteFilter('e1', 'm1'))).toHaveLength(0);
    expect(run([enrolment()], moduleNotCompleteFilter('e1', 'm2'))).toHaveLength(1);
    expect(run([enrolment()], courseNotCompleteFilter('e1'))).toHaveLength(1);
    expect(run([enrolment({ completedAt: new Date() })], courseNotCompleteFilter('e1'))).toHaveLength(0);
  });

  it('finds open and submitted attempts', () => {
    const attempts = [
      { _id: 'a1', enrolmentId: 'e1', quizId: 'q', startedAt: new Date(1), submittedAt: new Date(2) },
      { _id: 'a2', enrolmentId: 'e1', quizId: 'q', startedAt: new Date(3), submittedAt: null },
      { _id: 'a3', enrolmentId: 'e2', quizId: 'q', startedAt: new Date(0), submittedAt: new Date(4) },
    ];
    expect(run(attempts, openAttemptFilter('a2', 'e1'))).toHaveLength(1);
    expect(run(attempts, openAttemptFilter('a1', 'e1'))).toHaveLength(0);
    expect(run(attempts, openAttemptFilter('a2', 'e2'))).toHaveLength(0);
    expect(run(attempts, submittedAttemptsFilter('e1', 'q')).map((a) => a._id)).toEqual(['a1']);
    expect(run(attempts, attemptsOfFilter('e1'), attemptsOfSort).map((a) => a._id)).toEqual(['a1', 'a2']);
  });

  it("lists a user's enrolments newest first", () => {
    const docs = [
      enrolment(),
      enrolment({ _id: 'e2', courseSlug: 'd', enrolledAt: new Date(5000) }),
      enrolment({ _id: 'e3', userId: 'u2' }),
    ];
    expect(run(docs, enrolmentsOfFilter('u1'), enrolmentsOfSort).map((e) => e._id)).toEqual(['e2', 'e1']);
    expect(run(docs, userEnrolmentFilter('u1', 'd')).map((e) => e._id)).toEqual(['e2']);
  });

  it('turns a document into a plain record without the embedded progress', () => {
    expect(enrolmentFromDoc(enrolment() as never)).toEqual({
      id: 'e1',
      userId: 'u1',
      courseSlug: 'c',
      courseVersion: '1.0.0',
      enrolledAt: new Date(1000),
      version: 3,
      lastModuleId: null,
      lastLessonId: null,
      completedAt: null,
    });
  });
});

describe('mongo learning models', () => {
  const conn = mongoose.createConnection();
  const { Enrolment, QuizAttempt } = learningModels(conn);

  it('accept a valid enrolment and attempt and refuse ones without their keys', async () => {
    await expect(new Enrolment(enrolment()).validate()).resolves.toBeUndefined();
    await expect(
      new QuizAttempt({
        _id: 'a',
        enrolmentId: 'e1',
        quizId: 'q',
        startedAt: new Date(),
        shown: { q1: ['a'] },
      }).validate(),
    ).resolves.toBeUndefined();
    await expect(new Enrolment({ _id: 'x' }).validate()).rejects.toThrow(/userId/);
    await expect(new QuizAttempt({ _id: 'x' }).validate()).rejects.toThrow(/enrolmentId/);
  });
});

describe('mongo learning rebuild query documents', () => {
  it("reads a registration's remaining statements in stored order, and only voided statements with a registration", () => {
    const statements = [
      { _id: 's3', seq: 3, registration: 'r1', voided: false, isVoiding: false },
      { _id: 's1', seq: 1, registration: 'r1', voided: false, isVoiding: false },
      { _id: 's2', seq: 2, registration: 'r1', voided: true, isVoiding: false },
      { _id: 's4', seq: 4, registration: 'r2', voided: false, isVoiding: false },
      { _id: 's5', seq: 5, registration: null, voided: false, isVoiding: true },
    ];

    const remaining = run(statements, registrationStatementsFilter('r1'), registrationStatementsSort);
    const voided = run(statements, voidedStatementsFilter(['s2', 's5']));

    expect(remaining.map((s) => s._id)).toEqual(['s1', 's3']);
    expect(voided.map((s) => s._id)).toEqual(['s2']);
  });
});
