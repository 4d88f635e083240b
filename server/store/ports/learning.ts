/** Learning: enrolments, lesson progress, quiz attempts, completions. */

import type { EnrolmentRecord, LearningProgress, QuizAttemptRecord } from '../../ledger/learning-records.js';

export type { EnrolmentRecord, LearningProgress, QuizAttemptRecord } from '../../ledger/learning-records.js';

export type LearningOp =
  | { type: 'enrol'; enrolment: Pick<EnrolmentRecord, 'id' | 'userId' | 'courseSlug' | 'courseVersion' | 'enrolledAt'> }
  | { type: 'lessonOpened'; moduleId: string; lessonId: string }
  | { type: 'lessonDone'; moduleId: string; lessonId: string; at: Date }
  | { type: 'attemptStarted'; attempt: Pick<QuizAttemptRecord, 'id' | 'quizId' | 'startedAt' | 'shown'> }
  | {
      type: 'attemptSubmitted';
      attemptId: string;
      quizId: string;
      answers: Record<string, unknown>;
      score: number;
      maxScore: number;
      passed: boolean | null;
      submittedAt: Date;
      maxAttempts?: number;
    }
  | { type: 'moduleCompleted'; moduleId: string; at: Date }
  | { type: 'courseCompleted'; at: Date };

/**
 * Applied by each adapter's learning projector in the ledger transaction. With `expectedVersion`,
 * the change applies only if nobody changed the enrolment since it was read (else StaleProgressError);
 * an op that finds its fact already there throws AlreadyRecordedError. Either way nothing is written.
 */
export interface LearningChange {
  enrolmentId: string;
  expectedVersion?: number;
  ops: LearningOp[];
}

export interface LearningRepo {
  findEnrolment(userId: string, courseSlug: string): Promise<EnrolmentRecord | null>;
  enrolmentsOf(userId: string): Promise<EnrolmentRecord[]>; // newest first
  progress(enrolmentId: string): Promise<LearningProgress | null>;
  attempt(id: string): Promise<QuizAttemptRecord | null>;
  /**
   * Recomputes every registration's progress from its platform statements (learning-projection.ts),
   * one transaction per registration. A registration whose projection changes gets a new version.
   */
  rebuild(): Promise<{ registrations: number; changed: number }>;
}
