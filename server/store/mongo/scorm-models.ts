import { Schema, type Connection } from 'mongoose';

/** One SCORM attempt: registration, SCO and attempt number, its CMI data embedded (bounded by the commit schema). */
export const scormAttemptSchema = new Schema(
  {
    _id: { type: String, required: true },
    registration: { type: String, required: true },
    userId: { type: String, required: true },
    courseSlug: { type: String, required: true },
    scoId: { type: String, required: true },
    attempt: { type: Number, required: true, min: 1 },
    version: { type: Number, required: true, default: 1 },
    sessions: { type: Number, required: true, default: 0 },
    cmi: { type: Schema.Types.Mixed, required: true },
    startedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'scorm_attempts', minimize: false },
);
scormAttemptSchema.index({ registration: 1, scoId: 1, attempt: 1 }, { unique: true });
scormAttemptSchema.index({ userId: 1 });

export const scormModels = (conn: Connection) => ({ ScormAttempt: conn.model('ScormAttempt', scormAttemptSchema) });
