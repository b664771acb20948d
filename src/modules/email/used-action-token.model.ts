import { model, Schema } from 'mongoose';

/**
 * Nonces of action tokens already used: the unique index on `nonce` is what makes a link single-use.
 * `expiresAt` is kept so old entries can be purged by a job (no TTL index: expiry is checked in code).
 */
const usedActionTokenSchema = new Schema(
  {
    nonce: { type: String, required: true },
    purpose: { type: String, required: true },
    subjectId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);
usedActionTokenSchema.index({ nonce: 1 }, { unique: true });
usedActionTokenSchema.index({ expiresAt: 1 });

export const UsedActionToken = model('UsedActionToken', usedActionTokenSchema, 'used_action_tokens');
