import { type InferSchemaType, model, Schema, type Types } from 'mongoose';

/** Opaque bearer tokens: only a SHA-256 of the secret is stored. */
const apiTokenSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    name: { type: String, required: true, maxlength: 100 },
    tokenHash: { type: String, required: true, unique: true },
    /** The first characters of the token, so people can tell their tokens apart. */
    prefix: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    lastUsedAt: { type: Date },
    revokedAt: { type: Date },
  },
  { timestamps: true },
);

export type ApiTokenRecord = InferSchemaType<typeof apiTokenSchema> & { _id: Types.ObjectId };
export const ApiToken = model('ApiToken', apiTokenSchema);
