import { type InferSchemaType, model, Schema, type Types } from 'mongoose';
import { announceWrites } from '../../lib/change-tokens';

const contributionSchema = new Schema(
  {
    feature: { type: String, required: true },
    value: { type: Number, required: true },
    weight: { type: Number, required: true },
    points: { type: Number, required: true },
    reason: { 'zh-CN': { type: String }, en: { type: String } },
  },
  { _id: false },
);

const localized = { 'zh-CN': { type: String }, en: { type: String } };

/** Something to weigh although every requirement is met (weak keyword evidence, travel a little over). */
const noteSchema = new Schema({ kind: { type: String, required: true }, reason: localized }, { _id: false });

/** An expert who misses exactly one requirement: listed apart, never ranked or proposed. */
const nearMissSchema = new Schema(
  {
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    score: { type: Number, required: true },
    missed: { filter: { type: String, required: true }, reason: localized },
  },
  { _id: false },
);

const candidateSchema = new Schema(
  {
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    rank: { type: Number, required: true },
    score: { type: Number, required: true },
    contributions: { type: [contributionSchema], default: [] },
    notes: { type: [noteSchema], default: [] },
    /** Marked by the latest batch run: this expert is in the best set for everyone at once. */
    recommended: { type: Boolean, default: false },
  },
  { _id: false },
);

/**
 * The latest ranked, explained candidate list of one need, from which coordinators pick. Recomputed
 * when the need opens or changes, and when an offer falls through; the latest batch run marks its
 * recommendations on it (the run itself is a BatchRun).
 */
const snapshotSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, ref: 'Need', required: true, unique: true },
    engineVersion: { type: String, required: true },
    computedAt: { type: Date, required: true },
    /** The need's updatedAt this snapshot was computed from. */
    needVersion: { type: Date },
    expertsConsidered: { type: Number, required: true },
    /** Every candidate meets every requirement of the need; none may be an empty list. */
    candidates: { type: [candidateSchema], default: [] },
    nearMisses: { type: [nearMissSchema], default: [] },
    /**
     * Counts every write (see the hook below). A served list and its ETag are keyed by it: updatedAt alone
     * can repeat when two writes fall in one millisecond (a ranking, then the batch run's marks).
     */
    revision: { type: Number },
  },
  { timestamps: true },
);

// Every write through the model moves the revision on, whoever makes it (ranking, batch run, erasure).
snapshotSchema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function () {
  const update = this.getUpdate();
  if (!update || Array.isArray(update)) return;
  this.setUpdate({ ...update, $inc: { ...update.$inc, revision: 1 } });
});

// …and, once committed, draws the candidate lists a new change token (ctx.candidateSnapshots).
announceWrites(snapshotSchema, 'candidates');

export type CandidateSnapshotRecord = InferSchemaType<typeof snapshotSchema> & { _id: Types.ObjectId };
export const CandidateSnapshot = model('CandidateSnapshot', snapshotSchema);
