import { type InferSchemaType, model, Schema } from 'mongoose';

/** Who did what to which record, when and from where — for coordinator and admin actions. */
const auditSchema = new Schema(
  {
    actorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    actorRole: { type: String, required: true },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String },
    ip: { type: String },
    requestId: { type: String },
    details: { type: Schema.Types.Mixed },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);
auditSchema.index({ at: -1 });
auditSchema.index({ actorId: 1, at: -1 });
auditSchema.index({ targetType: 1, targetId: 1 });
auditSchema.index({ action: 1, at: -1 });

export type AuditRecord = InferSchemaType<typeof auditSchema>;
export const AuditEntry = model('AuditEntry', auditSchema);
