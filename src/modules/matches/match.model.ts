import { type InferSchemaType, model, Schema, type Types } from 'mongoose';

/**
 * One expert proposed for one need, through its whole life:
 * proposed → confirmed (coordinator) | rejected → [awaiting_employer] → offered → accepted | declined |
 * expired → engaged → completed | cancelled; the expert may step back from an accepted or engaged
 * match (withdrawn). Every change is a conditional update on the expected status and appends to history.
 */
export const MATCH_STATUSES = [
  'proposed',
  'rejected',
  'confirmed',
  'awaiting_employer',
  'offered',
  'accepted',
  'declined',
  'expired',
  'engaged',
  'completed',
  'cancelled',
  'withdrawn',
] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** Statuses in which the expert's contact details are visible to the employer. */
export const CONTACT_VISIBLE_STATUSES: readonly MatchStatus[] = ['accepted', 'engaged', 'completed'];

const historySchema = new Schema(
  {
    from: { type: String, enum: MATCH_STATUSES },
    to: { type: String, enum: MATCH_STATUSES, required: true },
    at: { type: Date, required: true },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User' },
    byRole: { type: String },
    channel: {
      type: String,
      enum: ['system', 'web', 'email-link', 'phone', 'in-person', 'api'],
      required: true,
    },
    reason: { type: String, maxlength: 1000 },
  },
  { _id: false },
);

const matchSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, ref: 'Need', required: true },
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    status: { type: String, enum: MATCH_STATUSES, required: true, default: 'proposed' },
    score: { type: Number },
    rank: { type: Number },
    /** The explanation at proposal time (per-factor points and reasons), shown to the expert too. */
    contributions: { type: [Schema.Types.Mixed], default: [] },
    remindedAt: { type: Date },
    offeredAt: { type: Date },
    offerExpiresAt: { type: Date },
    answeredAt: { type: Date },
    rating: { type: Number, min: 1, max: 5 },
    ratingComment: { type: String, maxlength: 2000 },
    /** The day the engagement really ended (China date), recorded at completion. */
    endedOn: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
    history: { type: [historySchema], default: [] },
  },
  { timestamps: true },
);
matchSchema.index({ needId: 1, expertId: 1 }, { unique: true });
matchSchema.index({ expertId: 1, status: 1 });
matchSchema.index({ organisationId: 1, status: 1 });
// Overdue-offer and reminder sweeps, expiring offers: status equality, then deadline order (with _id).
matchSchema.index({ status: 1, offerExpiresAt: 1, _id: 1 });
// Staff's match list, newest change first.
matchSchema.index({ updatedAt: -1, _id: -1 });
// The staff list filtered by status, need, expert or organisation, newest change first.
matchSchema.index({ status: 1, updatedAt: -1, _id: -1 });
matchSchema.index({ needId: 1, updatedAt: -1, _id: -1 });
matchSchema.index({ expertId: 1, updatedAt: -1, _id: -1 });
matchSchema.index({ organisationId: 1, updatedAt: -1, _id: -1 });

export type MatchRecord = InferSchemaType<typeof matchSchema> & { _id: Types.ObjectId };
export const Match = model('Match', matchSchema);
