import { type InferSchemaType, model, Schema, type Types } from 'mongoose';
import { announceWrites } from '../../lib/change-tokens';

export const ORGANISATION_TYPES = [
  'enterprise',
  'hospital',
  'school',
  'cooperative',
  'research_institute',
  'public_unit',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** pending → verified (a coordinator checked it) | rejected (with a reason); see organisation.service.ts. */
export const ORGANISATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

const contactSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 100 },
    phone: { type: String, trim: true, maxlength: 30 },
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: 254 },
  },
  { _id: false },
);

const organisationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    type: { type: String, enum: ORGANISATION_TYPES, required: true },
    creditCode: { type: String, required: true, unique: true, uppercase: true, trim: true },
    county: { type: String, required: true, match: /^\d{6}$/ },
    address: { type: String, required: true, trim: true, maxlength: 300 },
    contact: { type: contactSchema, required: true },
    description: { type: String, trim: true, maxlength: 5000, default: '' },
    status: { type: String, enum: ORGANISATION_STATUSES, required: true, default: 'pending' },
    rejectionReason: { type: String, maxlength: 1000 },
    verifiedAt: { type: Date },
    verifiedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    /** Set once an admin grants a talent-service quota (人才服务配额). */
    keyEnterprise: { type: Boolean, required: true, default: false },
  },
  { timestamps: true },
);
// By status, newest first (_id breaks ties, so the staff list pages by it without a sort in memory).
organisationSchema.index({ status: 1, createdAt: -1, _id: -1 });
organisationSchema.index({ county: 1 });
// The staff list: newest first by default, or by name.
organisationSchema.index({ createdAt: -1, _id: -1 });
organisationSchema.index({ name: 1, _id: 1 });

// Every write through the model draws the organisations a new change token once committed: the experts'
// board of needs, which names organisations and shows only verified ones' needs, is read again.
announceWrites(organisationSchema, 'organisations');

export type OrganisationRecord = InferSchemaType<typeof organisationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const Organisation = model('Organisation', organisationSchema);
