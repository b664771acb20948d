import { type InferSchemaType, model, Schema, type Types } from 'mongoose';
import { ROLES } from '../../lib/actor';
import { announceWrites } from '../../lib/change-tokens';

const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true, unique: true },
    passwordHash: { type: String },
    role: { type: String, enum: ROLES, required: true },
    displayName: { type: String, required: true, trim: true, maxlength: 100 },
    preferredLanguage: { type: String, enum: ['zh-CN', 'en'], default: 'zh-CN' },
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation' },
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert' },
    /** role service_unit: the unit (区卫健委, 区教委, ...) whose service requests this account handles. */
    unitCode: { type: String },
    emailVerifiedAt: { type: Date },
    disabledAt: { type: Date },
    lastLoginAt: { type: Date },
    passwordChangedAt: { type: Date },
    /** Bumped by every reset link issued and every password or email change: only the newest link works. */
    resetGeneration: { type: Number },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  {
    timestamps: true,
    toJSON: {
      transform: (_doc, ret: Record<string, unknown>) => {
        delete ret.passwordHash;
        delete ret.__v;
        return ret;
      },
    },
  },
);
// The staff list (role in coordinator/admin, newest first) and the digest's coordinators.
userSchema.index({ role: 1, createdAt: -1 });

// Every write through the model draws the accounts a new change token once it is committed: the processes'
// ActiveAccounts read an account again from the next request on (a disabled account, a new role). The
// sign-in time, written at every sign-in, is not among what they read and moves nothing.
announceWrites(userSchema, 'accounts', ['lastLoginAt']);

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const User = model('User', userSchema);
