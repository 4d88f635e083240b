import { Schema, type Connection } from 'mongoose';
import { ROLES, SECTORS, SEXES } from '../store.js';

/** String ids (UUIDs) as _id keep records identical across adapters. */
export const userSchema = new Schema(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, lowercase: true, trim: true, unique: true },
    passwordHash: { type: String, required: true },
    displayName: { type: String, required: true, maxlength: 120 },
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
    sex: { type: String, required: true, enum: SEXES },
    sector: { type: String, required: true, enum: SECTORS },
    organisation: { type: String, default: '', maxlength: 200 },
    language: { type: String, required: true },
    roles: { type: [{ type: String, enum: ROLES }], default: ['learner'] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    lastActiveAt: { type: Date, default: null },
    credentialsChangedAt: { type: Date, default: null },
    // The learner's country, sex and sector over time (server/store/profile-history.ts).
    profileHistory: {
      type: [{ _id: false, from: Number, country: String, sex: String, sector: String }],
      default: undefined,
    },
  },
  { versionKey: false, collection: 'users' },
);
userSchema.index({ displayName: 1 });

export const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    data: { type: String, required: true },
    userId: { type: String, default: null },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'sessions' },
);
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
sessionSchema.index({ userId: 1 });

export const resetTokenSchema = new Schema(
  {
    _id: { type: String, required: true }, // the token hash
    userId: { type: String, required: true, index: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'reset_tokens' },
);
resetTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 3600 });

export const auditSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actorId: { type: String, default: null },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, collection: 'audit_log', minimize: false },
);
auditSchema.index({ targetType: 1, targetId: 1, at: -1 });
auditSchema.index({ at: -1 });

export function accountModels(conn: Connection) {
  return {
    User: conn.model('User', userSchema),
    Session: conn.model('Session', sessionSchema),
    ResetToken: conn.model('ResetToken', resetTokenSchema),
    Audit: conn.model('Audit', auditSchema),
  };
}
export type AccountModels = ReturnType<typeof accountModels>;
