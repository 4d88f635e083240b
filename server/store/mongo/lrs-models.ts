import { Schema, type Connection } from 'mongoose';

/** Attachments (one document per SHA-2), activity definitions, xAPI documents and LRS clients. */
const attachmentSchema = new Schema(
  {
    _id: String,
    contentType: { type: String, required: true },
    content: { type: Buffer, required: true },
    // The LRS clients that sent this content ('' for the platform): read/mine readers get only their own.
    carriers: { type: [String], default: undefined },
  },
  { versionKey: false, collection: 'xapi_attachments' },
);
const activitySchema = new Schema(
  { _id: String, definition: { type: Schema.Types.Mixed, required: true } },
  { versionKey: false, collection: 'xapi_activities', minimize: false },
);

const documentSchema = new Schema(
  {
    kind: { type: String, required: true },
    activityId: { type: String, default: '' },
    agent: { type: String, default: '' },
    registration: { type: String, default: '' },
    docId: { type: String, required: true },
    contentType: { type: String, required: true },
    content: { type: Buffer, required: true },
    etag: { type: String, required: true },
    updated: { type: Date, required: true },
  },
  { versionKey: false, collection: 'xapi_documents' },
);
// Unique key, and the hot State path: one index seek per GET/PUT; the since lists scan its prefix.
documentSchema.index({ kind: 1, activityId: 1, agent: 1, registration: 1, docId: 1 }, { unique: true });
documentSchema.index({ kind: 1, activityId: 1, agent: 1, registration: 1, updated: 1 });

const clientSchema = new Schema(
  {
    _id: String,
    key: { type: String, required: true, unique: true },
    secretHash: { type: String, required: true },
    name: { type: String, required: true },
    scopes: { type: [String], required: true },
    revoked: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    limits: { type: Schema.Types.Mixed, default: undefined },
  },
  { versionKey: false, collection: 'lrs_clients' },
);

export function lrsModels(conn: Connection) {
  return {
    Attachment: conn.model('XapiAttachment', attachmentSchema),
    Activity: conn.model('XapiActivity', activitySchema),
    XapiDocument: conn.model('XapiDocument', documentSchema),
    LrsClient: conn.model('LrsClient', clientSchema),
  };
}
