import { type InferSchemaType, model, Schema, type Types } from 'mongoose';

/**
 * One weekly digest sent to one expert: written in the same transaction as its outbox record, so the
 * unique (expert, week) index is what sends a week's digest at most once, however often its job runs.
 * `coveredUntil` is when the needs and calls it looked at were read: the next digest lists those opened
 * after it.
 */
const expertDigestSchema = new Schema(
  {
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    /** The ISO week in the office's time zone: "2026-W47". */
    week: { type: String, required: true, match: /^\d{4}-W\d{2}$/ },
    coveredUntil: { type: Date, required: true },
    /** What it listed, by section: `{ kind: 'needs', id }` and `{ kind: 'calls', id }`. */
    shown: {
      type: [
        new Schema(
          { kind: { type: String, required: true }, id: { type: String, required: true } },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { timestamps: true },
);
expertDigestSchema.index({ expertId: 1, week: 1 }, { unique: true });
// The expert's latest digest (where the next one starts).
expertDigestSchema.index({ expertId: 1, coveredUntil: -1 });

export type ExpertDigestRecord = InferSchemaType<typeof expertDigestSchema> & { _id: Types.ObjectId };
export const ExpertDigest = model('ExpertDigest', expertDigestSchema, 'expert_digests');
