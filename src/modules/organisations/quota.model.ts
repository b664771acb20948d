import { type InferSchemaType, model, Schema, type Types } from 'mongoose';

export const LEDGER_KINDS = ['grant', 'nomination', 'withdrawal'] as const;
export const NOMINATION_KINDS = ['priority_need', 'exclusive_expert'] as const;
export type NominationKind = (typeof NOMINATION_KINDS)[number];

/** One line of the ledger; written by the same atomic update that moves the counters. */
const ledgerEntrySchema = new Schema(
  {
    kind: { type: String, enum: LEDGER_KINDS, required: true },
    at: { type: Date, required: true },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    byRole: { type: String, required: true },
    /** grant: the new yearly total and the one it replaced. */
    granted: { type: Number },
    previousGranted: { type: Number },
    /** nomination / withdrawal: which nomination spent or returned the unit. */
    nominationId: { type: Schema.Types.ObjectId, ref: 'Nomination' },
    nominationKind: { type: String, enum: NOMINATION_KINDS },
    needId: { type: Schema.Types.ObjectId, ref: 'Need' },
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert' },
  },
  { _id: false },
);

/**
 * The talent-service quota (人才服务配额) of one organisation for one calendar year. `used` only
 * moves by conditional single-document updates, so it never exceeds `granted` without transactions.
 */
const quotaSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    year: { type: Number, required: true },
    granted: { type: Number, required: true, min: 0, default: 0 },
    used: { type: Number, required: true, min: 0, default: 0 },
    history: { type: [ledgerEntrySchema], default: [] },
  },
  { timestamps: true },
);
quotaSchema.index({ organisationId: 1, year: 1 }, { unique: true });

export type QuotaRecord = InferSchemaType<typeof quotaSchema> & { _id: Types.ObjectId };
export type LedgerEntry = QuotaRecord['history'][number];
export const Quota = model('Quota', quotaSchema);
