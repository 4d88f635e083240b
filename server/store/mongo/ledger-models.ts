import { Schema, type Connection } from 'mongoose';

/** The xAPI ledger: the statement body (keys encoded) plus the indexed fields of statement-index.ts. */
export const statementSchema = new Schema(
  {
    _id: { type: String, required: true }, // statement id
    seq: { type: Number, required: true }, // time-ordered paging key: stored ms * 1000 + a per-ms counter
    stored: { type: Date, required: true },
    verb: { type: String, required: true },
    actor: { type: String, default: null },
    agents: { type: [String], default: [] },
    relatedAgents: { type: [String], default: [] },
    activity: { type: String, default: null },
    relatedActivities: { type: [String], default: [] },
    registration: { type: String, default: null },
    targetStatement: { type: String, default: null },
    isVoiding: { type: Boolean, default: false },
    voided: { type: Boolean, default: false },
    referenced: { type: Boolean, default: false }, // some statement refers to this one (StatementRef query rule)
    clientId: { type: String, default: null },
    body: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, collection: 'statements', minimize: false },
);
// Compound indexes serve each filter together with the newest-first sort on seq.
statementSchema.index({ seq: -1 }, { unique: true });
statementSchema.index({ agents: 1, seq: -1 });
statementSchema.index({ relatedAgents: 1, seq: -1 });
statementSchema.index({ verb: 1, seq: -1 });
statementSchema.index({ activity: 1, seq: -1 });
statementSchema.index({ relatedActivities: 1, seq: -1 });
statementSchema.index({ registration: 1, seq: -1 });
statementSchema.index({ targetStatement: 1 });
statementSchema.index({ referenced: 1 }, { partialFilterExpression: { referenced: true } });
statementSchema.index({ clientId: 1, seq: -1 });

export function ledgerModels(conn: Connection) {
  return { Statement: conn.model('Statement', statementSchema) };
}
