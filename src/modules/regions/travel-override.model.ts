import { type InferSchemaType, model, Schema, type Types } from 'mongoose';

/**
 * A coordinator's correction of the road model's driving time between two county seats (a closed road,
 * a new tunnel, a ferry). Stored once per unordered pair, with `from` < `to`, and applied both ways.
 */
const travelOverrideSchema = new Schema(
  {
    from: { type: String, required: true, match: /^\d{6}$/ },
    to: { type: String, required: true, match: /^\d{6}$/ },
    minutes: { type: Number, required: true, min: 10, max: 2880 },
    note: { type: String, required: true, maxlength: 500 },
    /** The user who set it last. */
    by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);
travelOverrideSchema.index({ from: 1, to: 1 }, { unique: true });
// The latest correction, which every ranking-store sync asks for.
travelOverrideSchema.index({ updatedAt: -1 });

export type TravelOverrideRecord = InferSchemaType<typeof travelOverrideSchema> & { _id: Types.ObjectId };
export const TravelOverride = model('TravelOverride', travelOverrideSchema);
