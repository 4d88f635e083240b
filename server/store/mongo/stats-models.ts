import { Schema, type Connection } from 'mongoose';

const dims = {
  country: { type: String, required: true },
  sex: { type: String, required: true },
  sector: { type: String, required: true },
};
const opts = (collection: string) => ({ versionKey: false as const, collection, minimize: false });

export const statsFactSchema = new Schema(
  {
    _id: { type: String, required: true }, // statementId|kind|detail
    statementId: { type: String, required: true, index: true },
    kind: { type: String, required: true },
    user: { type: String, required: true },
    course: { type: String, default: '' },
    detail: { type: String, default: '' },
    at: { type: String, required: true },
    ...dims,
    amounts: { type: Schema.Types.Mixed, default: null },
  },
  opts('stats_facts'),
);
statsFactSchema.index({ user: 1, course: 1 });

export const statsActivitySchema = new Schema(
  {
    _id: { type: String, required: true }, // user|course|month
    user: { type: String, required: true },
    course: { type: String, default: '' },
    month: { type: String, required: true, match: /^\d{4}-\d{2}$/ },
    n: { type: Number, required: true, min: 0 },
    ...dims,
  },
  opts('stats_activity'),
);
statsActivitySchema.index({ user: 1, month: 1 });
statsActivitySchema.index({ month: 1 });

export const statsCountSchema = new Schema(
  {
    _id: { type: String, required: true }, // counterKey
    grain: { type: Number, required: true, min: 0, max: 15 },
    metric: { type: String, required: true },
    course: { type: String, required: true },
    ...dims,
    month: { type: String, required: true },
    detail: { type: String, default: '' },
    n: { type: Number, required: true },
  },
  opts('stats_counts'),
);
// Equality on grain, metric and the filtered dimensions, then the month range: one index serves every dashboard query.
statsCountSchema.index({ grain: 1, metric: 1, course: 1, country: 1, sex: 1, sector: 1, month: 1 });

export const trainerSchema = new Schema(
  {
    _id: { type: String, required: true }, // user id
    certifiedAt: { type: Date, required: true },
    source: { type: String, enum: ['course', 'admin'], required: true },
    certificateRef: { type: String, default: null },
    withdrawnAt: { type: Date, default: null },
    withdrawnReason: { type: String, default: null },
    ...dims,
  },
  opts('trainers'),
);
trainerSchema.index({ certifiedAt: -1 });

export const deliveredSessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    trainerId: { type: String, required: true },
    statementId: { type: String, required: true },
    date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
    town: { type: String, required: true, maxlength: 120 },
    venue: { type: String, default: '', maxlength: 200 },
    sessions: { type: [Number], required: true },
    counts: { type: Schema.Types.Mixed, required: true },
    notes: { type: String, default: '', maxlength: 2000 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  opts('delivered_sessions'),
);
deliveredSessionSchema.index({ date: -1, _id: -1 });
deliveredSessionSchema.index({ trainerId: 1, date: -1, _id: -1 });

export function statsModels(conn: Connection) {
  return {
    StatsFact: conn.model('StatsFact', statsFactSchema),
    StatsActivity: conn.model('StatsActivity', statsActivitySchema),
    StatsCount: conn.model('StatsCount', statsCountSchema),
    Trainer: conn.model('Trainer', trainerSchema),
    DeliveredSession: conn.model('DeliveredSession', deliveredSessionSchema),
  };
}
export type StatsModels = ReturnType<typeof statsModels>;
