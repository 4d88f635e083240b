import { Schema, type Connection } from 'mongoose';

/** An enrolment with its (small, bounded) lesson and module progress embedded; attempts apart. */
export const enrolmentSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    courseSlug: { type: String, required: true },
    courseVersion: { type: String, required: true },
    enrolledAt: { type: Date, required: true },
    version: { type: Number, required: true, default: 1 },
    lastModuleId: { type: String, default: null },
    lastLessonId: { type: String, default: null },
    completedAt: { type: Date, default: null },
    doneLessons: { type: [{ _id: false, moduleId: String, lessonId: String, doneAt: Date }], default: [] },
    completedModules: { type: [{ _id: false, moduleId: String, completedAt: Date }], default: [] },
  },
  { versionKey: false, collection: 'enrolments' },
);
enrolmentSchema.index({ userId: 1, courseSlug: 1 }, { unique: true });
enrolmentSchema.index({ userId: 1, enrolledAt: -1 });
enrolmentSchema.index({ courseSlug: 1, completedAt: 1 });

export const quizAttemptSchema = new Schema(
  {
    _id: { type: String, required: true },
    enrolmentId: { type: String, required: true },
    quizId: { type: String, required: true },
    startedAt: { type: Date, required: true },
    shown: { type: Schema.Types.Mixed, required: true },
    answers: { type: Schema.Types.Mixed, default: null },
    score: { type: Number, default: null },
    maxScore: { type: Number, default: null },
    passed: { type: Boolean, default: null },
    submittedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'quiz_attempts', minimize: false },
);
quizAttemptSchema.index({ enrolmentId: 1, quizId: 1, startedAt: 1 });

export function learningModels(conn: Connection) {
  return {
    Enrolment: conn.model('Enrolment', enrolmentSchema),
    QuizAttempt: conn.model('QuizAttempt', quizAttemptSchema),
  };
}
