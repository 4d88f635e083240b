/** Learning: enrolments, lesson progress, quiz attempts, completions. */

export interface EnrolmentRecord {
  id: string; // the xAPI registration UUID
  userId: string;
  courseSlug: string;
  courseVersion: string;
  enrolledAt: Date;
  /** Bumped by every progress change: concurrent changes are detected inside the transaction. */
  version: number;
  lastModuleId: string | null;
  lastLessonId: string | null;
  completedAt: Date | null;
}

export interface QuizAttemptRecord {
  id: string;
  enrolmentId: string;
  quizId: string;
  startedAt: Date;
  /** Per question, the option / item ids in the order this attempt showed them. */
  shown: Record<string, string[]>;
  answers: Record<string, unknown> | null;
  score: number | null;
  maxScore: number | null;
  passed: boolean | null; // null: not submitted, or an ungraded pre-test
  submittedAt: Date | null;
}

export interface LearningProgress {
  enrolment: EnrolmentRecord;
  doneLessons: { moduleId: string; lessonId: string; doneAt: Date }[];
  completedModules: { moduleId: string; completedAt: Date }[];
  attempts: QuizAttemptRecord[]; // oldest first
}

export type LearningOp =
  | { type: 'enrol'; enrolment: Pick<EnrolmentRecord, 'id' | 'userId' | 'courseSlug' | 'courseVersion' | 'enrolledAt'> }
  | { type: 'lessonOpened'; moduleId: string; lessonId: string }
  | { type: 'lessonDone'; moduleId: string; lessonId: string; at: Date }
  | { type: 'attemptStarted'; attempt: Pick<QuizAttemptRecord, 'id' | 'quizId' | 'startedAt' | 'shown'> }
  | { type: 'attemptSubmitted'; attemptId: string; quizId: string; answers: Record<string, unknown>; score: number; maxScore: number;
      passed: boolean | null; submittedAt: Date; maxAttempts?: number }
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
