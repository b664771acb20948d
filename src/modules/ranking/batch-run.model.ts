import { type InferSchemaType, model, Schema, type Types } from 'mongoose';

const pairSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, ref: 'Need', required: true },
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    score: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * One run of the exact batch assignment across all matchable needs, with greedy-by-score computed
 * beside it so coordinators can see what the optimum gains.
 */
const batchRunSchema = new Schema(
  {
    runId: { type: String, required: true, unique: true },
    status: { type: String, enum: ['queued', 'running', 'done', 'failed'], required: true },
    requestedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    startedAt: { type: Date },
    finishedAt: { type: Date },
    needs: { type: Number, default: 0 },
    edges: { type: Number, default: 0 },
    /** Priority-weighted totals (what is maximised) and plain score totals. */
    total: { type: Number },
    scoreTotal: { type: Number },
    greedyTotal: { type: Number },
    greedyScoreTotal: { type: Number },
    recommendations: { type: [pairSchema], default: [] },
    greedy: { type: [pairSchema], default: [] },
    error: { type: String },
  },
  { timestamps: true },
);
batchRunSchema.index({ createdAt: -1 });

export type BatchRunRecord = InferSchemaType<typeof batchRunSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const BatchRun = model('BatchRun', batchRunSchema);
