import { type InferSchemaType, model, Schema, type Types } from 'mongoose';
import { NOMINATION_KINDS } from './quota.model';

export const NOMINATION_STATUSES = ['active', 'withdrawn'] as const;

/**
 * A key enterprise's use of one quota unit: a need of its own marked priority, or a named expert put
 * on the exclusive service track. The partial unique indexes make a second active nomination of the
 * same need (or the same expert, by any organisation) fail with a duplicate key.
 */
const nominationSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    year: { type: Number, required: true },
    kind: { type: String, enum: NOMINATION_KINDS, required: true },
    needId: { type: Schema.Types.ObjectId, ref: 'Need' },
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert' },
    status: { type: String, enum: NOMINATION_STATUSES, required: true, default: 'active' },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    withdrawnAt: { type: Date },
    withdrawnBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
nominationSchema.index(
  { needId: 1 },
  { unique: true, partialFilterExpression: { status: 'active', kind: 'priority_need' } },
);
nominationSchema.index(
  { expertId: 1 },
  { unique: true, partialFilterExpression: { status: 'active', kind: 'exclusive_expert' } },
);
nominationSchema.index({ organisationId: 1, year: 1, status: 1, createdAt: 1 });

export type NominationRecord = InferSchemaType<typeof nominationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const Nomination = model('Nomination', nominationSchema);
