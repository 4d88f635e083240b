/** Learning progress as the learning projection computes it; the storage port re-exports these records. */

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
