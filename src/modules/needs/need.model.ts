import { type InferSchemaType, model, Schema, type Types } from 'mongoose';
import { announceWrites } from '../../lib/change-tokens';
import {
  ENGAGEMENT_MODES,
  SKILL_LEVELS,
  TITLE_LEVELS,
  TITLE_SERIES,
  type TitleLevel,
} from '../experts/expert-levels';

/** A need speaks the experts' vocabulary: one definition of levels and modes for both. */
export { ENGAGEMENT_MODES, SKILL_LEVELS, TITLE_LEVELS, TITLE_SERIES, type TitleLevel };

/**
 * How strictly each must-have skill is required: 'exact', the expert holds that very skill;
 * 'sub_field', that skill or another skill of the same sub-field.
 */
export const MUST_HAVE_MATCHES = ['exact', 'sub_field'] as const;
export type MustHaveMatch = (typeof MUST_HAVE_MATCHES)[number];

/**
 * draft → open → matching → partially_filled → filled → closed, or cancelled. Employers and
 * coordinators open, cancel and close; the match workflow moves open → matching → (partially_)filled
 * through the counters in need-status.service.ts.
 */
export const NEED_STATUSES = [
  'draft',
  'open',
  'matching',
  'partially_filled',
  'filled',
  'closed',
  'cancelled',
] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** How many edits a need keeps in its history (the oldest drop off). */
export const NEED_HISTORY_LIMIT = 50;

/** One edit of a published or draft need: who, when, and each field that changed, before and after. */
const needChangeSchema = new Schema(
  {
    at: { type: Date, required: true },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    byRole: { type: String, required: true },
    fields: {
      type: [
        new Schema(
          {
            field: { type: String, required: true },
            /** The stored value, null when there was none (a level removed, no days per month). */
            before: { type: Schema.Types.Mixed, default: null },
            after: { type: Schema.Types.Mixed, default: null },
          },
          { _id: false, minimize: false },
        ),
      ],
      default: [],
    },
  },
  { _id: false },
);

const needSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    title: { type: String, required: true, trim: true, maxlength: 200 },
    description: { type: String, trim: true, maxlength: 5000, default: '' },
    /** Any taxonomy code: a field, a sub-field or a skill. */
    field: { type: String, required: true },
    mustHaveSkills: { type: [String], default: [] },
    mustHaveMatch: { type: String, enum: MUST_HAVE_MATCHES, default: 'sub_field' },
    niceToHaveSkills: { type: [String], default: [] },
    /** The field, every skill and all their ancestors, so `?field=` finds needs by any code above them. */
    skillScopes: { type: [String], default: [] },
    minTitleLevel: { type: String, enum: TITLE_LEVELS },
    /** The series the title must be of (卫生 for a hospital post); only set together with minTitleLevel. */
    minTitleSeries: { type: String, enum: TITLE_SERIES },
    minSkillLevel: { type: String, enum: SKILL_LEVELS },
    mode: { type: String, enum: ENGAGEMENT_MODES, required: true },
    county: { type: String, required: true, match: /^\d{6}$/ },
    /** Days as YYYY-MM-DD: they sort and compare as strings. */
    period: {
      from: { type: String, required: true },
      to: { type: String, required: true },
    },
    daysPerMonth: { type: Number, min: 1, max: 31 },
    expertsWanted: { type: Number, required: true, min: 1, max: 50 },
    offer: {
      stipendPerMonth: { type: Number, min: 0 },
      housing: { type: Boolean, default: false },
      travel: { type: Boolean, default: false },
      other: { type: String, maxlength: 1000 },
    },
    employerApproval: { type: Boolean, required: true, default: false },
    /** Only a quota nomination sets these (see organisations/nomination.service.ts). */
    priority: { type: Boolean, required: true, default: false },
    nominationId: { type: Schema.Types.ObjectId, ref: 'Nomination' },
    /** Set when the need was made for the chosen application of an open call (calls/call-award.service.ts). */
    callId: { type: Schema.Types.ObjectId, ref: 'Call' },
    filledCount: { type: Number, required: true, min: 0, default: 0 },
    status: { type: String, enum: NEED_STATUSES, required: true, default: 'draft' },
    openedAt: { type: Date },
    endedAt: { type: Date },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** Edits, oldest first, at most NEED_HISTORY_LIMIT. */
    changes: { type: [needChangeSchema], default: [] },
  },
  { timestamps: true },
);
needSchema.index({ organisationId: 1, status: 1, createdAt: -1 });
needSchema.index({ status: 1, priority: -1, createdAt: -1 });
needSchema.index({ skillScopes: 1 });
// Staff's need list in its default order (newest first) without a filter.
needSchema.index({ createdAt: -1, _id: -1 });
// The staff list's filters in its default order; the title index serves the sort by title and a title
// search (a regex reads the index keys, not the documents).
needSchema.index({ status: 1, createdAt: -1, _id: -1 });
needSchema.index({ county: 1, createdAt: -1, _id: -1 });
needSchema.index({ title: 1, _id: 1 });
// The list's other sorts (an index serves its sort in either direction): by start day, priority first.
needSchema.index({ 'period.from': 1, _id: 1 });
needSchema.index({ priority: -1, createdAt: -1, _id: -1 });
// An employer's own needs in the list's default order.
needSchema.index({ organisationId: 1, createdAt: -1, _id: -1 });
// The experts' board of needs re-reads only the needs changed since its last sync.
needSchema.index({ updatedAt: 1, _id: 1 });

// Every write through the model draws the needs a new change token once it is committed, whoever makes it
// (a need's edits and status, the match workflow's counters, a nomination's priority flag).
announceWrites(needSchema, 'needs');

export type NeedRecord = InferSchemaType<typeof needSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const Need = model('Need', needSchema);
