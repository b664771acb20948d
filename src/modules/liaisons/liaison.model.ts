import { type InferSchemaType, model, Schema, type Types } from 'mongoose';

export const CONTACT_KINDS = ['visit', 'call', 'message'] as const;
export const ASSIGNMENT_REASONS = ['auto', 'office', 'handover'] as const;

/**
 * Who keeps in touch with an expert (联系服务专家制度): one assignment per expert (the unique index
 * makes a second one a duplicate key), with the history of earlier liaisons.
 */
const assignmentSchema = new Schema(
  {
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    liaisonId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    assignedAt: { type: Date, required: true },
    /** The staff account that assigned; absent when the system did on engagement. */
    assignedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    reason: { type: String, enum: ASSIGNMENT_REASONS, required: true },
    history: [
      {
        _id: false,
        liaisonId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
        from: { type: Date, required: true },
        to: { type: Date, required: true },
      },
    ],
  },
  { timestamps: true },
);
assignmentSchema.index({ expertId: 1 }, { unique: true });
// A liaison's experts (my experts, load counts, handover).
assignmentSchema.index({ liaisonId: 1, assignedAt: -1 });

export type LiaisonAssignmentRecord = InferSchemaType<typeof assignmentSchema> & { _id: Types.ObjectId };
export const LiaisonAssignment = model('LiaisonAssignment', assignmentSchema);

/** A visit, call or message the liaison recorded. Only staff ever read these. */
const contactSchema = new Schema(
  {
    expertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** The day of the contact, YYYY-MM-DD. */
    date: { type: String, required: true },
    kind: { type: String, enum: CONTACT_KINDS, required: true },
    summary: { type: String, required: true },
    notes: { type: String, default: '' },
  },
  { timestamps: true },
);
contactSchema.index({ expertId: 1, date: -1, createdAt: -1 });

export type LiaisonContactRecord = InferSchemaType<typeof contactSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const LiaisonContact = model('LiaisonContact', contactSchema);

/** What experts see of their liaison besides the name: the office phone the liaison gives. */
const profileSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    officePhone: { type: String, required: true },
  },
  { timestamps: true },
);
profileSchema.index({ userId: 1 }, { unique: true });

export type LiaisonProfileRecord = InferSchemaType<typeof profileSchema> & { _id: Types.ObjectId };
export const LiaisonProfile = model('LiaisonProfile', profileSchema);
