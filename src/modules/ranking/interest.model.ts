import { type InferSchemaType, model, Schema, type Types } from 'mongoose';

/** The longest note an expert may add to an expression of interest. */
export const MAX_INTEREST_NOTE = 500;

/**
 * An expert's "我有意向" for one open need: at most one per expert and need (the unique index makes a
 * second one a duplicate key). It orders and marks the need's candidate list and counts as a factor of
 * the score; it never skips the coordinator's confirmation. Only the expert and staff ever read it.
 */
const interestSchema = new Schema(
  {
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    needId: { type: Schema.Types.ObjectId, ref: 'Need', required: true },
    note: { type: String, maxlength: MAX_INTEREST_NOTE, default: '' },
  },
  { timestamps: true },
);
interestSchema.index({ expertId: 1, needId: 1 }, { unique: true });
// A need's interested experts (ranking, the coordinator's list).
interestSchema.index({ needId: 1, createdAt: 1 });

export type InterestRecord = InferSchemaType<typeof interestSchema> & { _id: Types.ObjectId };
export const Interest = model('Interest', interestSchema);
