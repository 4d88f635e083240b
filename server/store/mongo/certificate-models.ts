import { Schema, type Connection } from 'mongoose';

export const certificateSchema = new Schema(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true, match: /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/ },
    userId: { type: String, required: true },
    learnerName: { type: String, required: true },
    courseSlug: { type: String, required: true },
    courseVersion: { type: String, required: true },
    courseTitle: { type: Schema.Types.Mixed, required: true },
    defaultLanguage: { type: String, required: true },
    languages: { type: [String], default: [] },
    hours: { type: Number, required: true, min: 0 },
    completedAt: { type: Date, required: true },
    issuedAt: { type: Date, required: true },
    identityHash: { type: String, required: true },
    identitySalt: { type: String, required: true },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String, default: null },
    revokedBy: { type: String, default: null },
  },
  { versionKey: false, collection: 'certificates', minimize: false },
);
certificateSchema.index({ code: 1 }, { unique: true });
// Issued once per learner and course, decided by the database inside the ledger transaction.
certificateSchema.index({ userId: 1, courseSlug: 1 }, { unique: true });
certificateSchema.index({ userId: 1, issuedAt: -1 });
certificateSchema.index({ issuedAt: -1, _id: -1 });

export function certificateModels(conn: Connection) {
  return { Certificate: conn.model('Certificate', certificateSchema) };
}
