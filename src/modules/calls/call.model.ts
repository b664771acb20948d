import { type InferSchemaType, model, Schema, type Types } from 'mongoose';
import { ENGAGEMENT_MODES, SKILL_LEVELS, TITLE_LEVELS, TITLE_SERIES } from '../experts/expert-levels';
import { NeedFields } from '../needs/need.schemas';

/** How each must-have skill is required, as a need says it. */
const MUST_HAVE_MATCHES = NeedFields.mustHaveMatch.unwrap().options;

/**
 * An open call (揭榜挂帅): draft → open → closed (at its deadline, or by the employer) → awarded, or
 * cancelled before it is awarded.
 */
export const CALL_STATUSES = ['draft', 'open', 'closed', 'awarded', 'cancelled'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/**
 * An application: submitted → shortlisted (office) → chosen (employer) | not_chosen (another was), or
 * withdrawn by its lead before the deadline; a withdrawn one may be sent again (→ submitted) while the
 * call is open, the withdrawn submission kept in `earlier`.
 */
export const APPLICATION_STATUSES = [
  'submitted',
  'shortlisted',
  'chosen',
  'not_chosen',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

const callSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    title: { type: String, required: true, trim: true, maxlength: 200 },
    problem: { type: String, required: true, trim: true, maxlength: 5000 },
    goals: { type: String, required: true, trim: true, maxlength: 2000 },
    deliverables: { type: String, required: true, trim: true, maxlength: 2000 },
    reward: { type: String, required: true, trim: true, maxlength: 1000 },
    /** The last day applications are taken (China date); they close at the end of that day. */
    applyBy: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    closesAt: { type: Date, required: true },
    // The expertise sought and the work, with a need's fields (the chosen lead's need copies them).
    field: { type: String, required: true },
    mustHaveSkills: { type: [String], default: [] },
    mustHaveMatch: { type: String, enum: MUST_HAVE_MATCHES, default: 'sub_field' },
    niceToHaveSkills: { type: [String], default: [] },
    minTitleLevel: { type: String, enum: TITLE_LEVELS },
    minTitleSeries: { type: String, enum: TITLE_SERIES },
    minSkillLevel: { type: String, enum: SKILL_LEVELS },
    mode: { type: String, enum: ENGAGEMENT_MODES, required: true },
    county: { type: String, required: true, match: /^\d{6}$/ },
    period: {
      from: { type: String, required: true },
      to: { type: String, required: true },
    },
    daysPerMonth: { type: Number, min: 1, max: 31 },
    status: { type: String, enum: CALL_STATUSES, required: true, default: 'draft' },
    openedAt: { type: Date },
    closedAt: { type: Date },
    closedBy: { type: String, enum: ['deadline', 'employer'] },
    awardedAt: { type: Date },
    awardedApplicationId: { type: Schema.Types.ObjectId, ref: 'CallApplication' },
    /** The need and the match made for the chosen lead. */
    needId: { type: Schema.Types.ObjectId, ref: 'Need' },
    matchId: { type: Schema.Types.ObjectId, ref: 'Match' },
    cancelledAt: { type: Date },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);
callSchema.index({ organisationId: 1, createdAt: -1, _id: -1 });
callSchema.index({ status: 1, createdAt: -1, _id: -1 });
// The deadline sweep: open calls past their closing time.
callSchema.index({ status: 1, closesAt: 1 });

export type CallRecord = InferSchemaType<typeof callSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const Call = model('Call', callSchema);

const applicationSchema = new Schema(
  {
    callId: { type: Schema.Types.ObjectId, ref: 'Call', required: true },
    /** The call's organisation, so its employer's reads are scoped without a join. */
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    /** The applicant, who leads the team. */
    leadExpertId: { type: Schema.Types.ObjectId, ref: 'Expert', required: true },
    /** The other members, named by the lead; they are listed, they do not sign. */
    memberExpertIds: { type: [Schema.Types.ObjectId], ref: 'Expert', default: [] },
    plan: { type: String, required: true, trim: true, maxlength: 5000 },
    status: { type: String, enum: APPLICATION_STATUSES, required: true, default: 'submitted' },
    shortlistedAt: { type: Date },
    shortlistedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    withdrawnAt: { type: Date },
    decidedAt: { type: Date },
    /** When the lead sent it again after withdrawing it (the record is re-opened, not duplicated). */
    resubmittedAt: { type: Date },
    /** Each earlier submission the lead withdrew, oldest first: what was sent and when. */
    earlier: {
      type: [
        new Schema(
          {
            plan: { type: String, required: true },
            memberExpertIds: { type: [Schema.Types.ObjectId], default: [] },
            submittedAt: { type: Date, required: true },
            shortlistedAt: { type: Date },
            withdrawnAt: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { timestamps: true },
);
// One application per lead per call.
applicationSchema.index({ callId: 1, leadExpertId: 1 }, { unique: true });
applicationSchema.index({ leadExpertId: 1, createdAt: -1 });
applicationSchema.index({ memberExpertIds: 1, createdAt: -1 });

export type CallApplicationRecord = InferSchemaType<typeof applicationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const CallApplication = model('CallApplication', applicationSchema);
