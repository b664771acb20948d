import { type InferSchemaType, model, type Query, Schema, type Types } from 'mongoose';
import {
  CONSENT_CHANNELS,
  CONSENT_KINDS,
  ENGAGEMENT_MODES,
  EXPERT_STATUSES,
  GENDERS,
  HONOUR_LEVELS,
  SKILL_LEVELS,
  TITLE_LEVELS,
  TITLE_SERIES,
} from './expert-levels';
import { NAME_KEYS_VERSION, nameKeysOf } from './name-keys';

const opts = { _id: false } as const;

const consentSchema = new Schema(
  {
    kind: { type: String, enum: CONSENT_KINDS, required: true },
    textVersion: { type: String, required: true, maxlength: 50 },
    at: { type: Date, required: true },
    channel: { type: String, enum: CONSENT_CHANNELS, required: true },
    /** The coordinator who recorded a consent given in person. */
    by: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  opts,
);

const honourSchema = new Schema(
  {
    /** Cleared when the expert deletes their data; level and year stay for statistics. */
    name: { type: String, maxlength: 200 },
    level: { type: String, enum: HONOUR_LEVELS, required: true },
    year: { type: Number },
  },
  opts,
);

/** Dates are YYYY-MM-DD strings: they are days, and such strings sort and compare as dates. */
const windowSchema = new Schema(
  { from: { type: String, required: true }, to: { type: String, required: true } },
  opts,
);

const availabilitySchema = new Schema(
  {
    windows: { type: [windowSchema], default: [] },
    daysPerMonth: { type: Number, min: 0, max: 31 },
    maxConcurrent: { type: Number, min: 0, default: 1 },
    /** Single days: kept for old data and API clients; the pages edit blockedPeriods. */
    blockedDates: { type: [String], default: [] },
    /** Periods the expert cannot serve, each end included. */
    blockedPeriods: { type: [windowSchema], default: [] },
    paused: { type: Boolean, default: false },
    pauseReason: { type: String, maxlength: 500 },
  },
  opts,
);

const expertSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', unique: true, sparse: true },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    /** What the name is searched by (name-keys.ts): kept in step with the name by the hooks below. */
    nameKeys: { type: [String], default: [] },
    nameKeysVersion: { type: Number },
    birthYear: { type: Number },
    gender: { type: String, enum: GENDERS },
    /** Absent for an expert registered by a coordinator without one (phone then given): no account, no emails. */
    email: { type: String, lowercase: true, trim: true },
    phone: { type: String },
    homeCounty: { type: String },
    residenceCounty: { type: String, index: true },
    formerEmployer: { type: String, maxlength: 200 },
    position: { type: String, maxlength: 200 },
    title: {
      type: new Schema(
        {
          /** The title as written (主任医师, 高级农艺师); level and series are filled from it when given. */
          name: { type: String, maxlength: 50 },
          level: { type: String, enum: TITLE_LEVELS, required: true },
          series: { type: String, enum: TITLE_SERIES },
        },
        opts,
      ),
    },
    skillLevel: { type: String, enum: SKILL_LEVELS },
    /** The trade (工种) as written: 数控车工, 焊工. */
    tradeName: { type: String, maxlength: 30 },
    fields: { type: [String], default: [] },
    skills: { type: [String], default: [] },
    /** fields and skills with all their ancestors: a filter on "health" finds a cardiologist. */
    taxonomyCodes: { type: [String], default: [], index: true },
    tags: { type: [String], default: [] },
    honours: { type: [honourSchema], default: [] },
    yearsOfExperience: { type: Number, min: 0, default: 0 },
    languages: { type: [String], default: [] },
    preferredLanguage: { type: String, enum: ['zh-CN', 'en'], default: 'zh-CN' },
    /** The weekly email of new needs that suit the expert: on unless they turn it off (absent counts as on). */
    weeklyDigest: { type: Boolean, default: true },
    modes: { type: [String], enum: ENGAGEMENT_MODES, default: [] },
    /** A subset of modes; empty when the expert states no preference. */
    preferredModes: { type: [String], enum: ENGAGEMENT_MODES, default: [] },
    availability: { type: availabilitySchema, default: () => ({}) },
    travel: {
      type: new Schema(
        { maxHours: { type: Number }, regions: { type: [String], default: [] }, remoteOk: { type: Boolean } },
        opts,
      ),
      default: () => ({}),
    },
    expectations: {
      type: new Schema(
        { text: { type: String, maxlength: 2000 }, stipendPerMonthYuan: { type: Number } },
        opts,
      ),
    },
    /** Sensitive: only stored together with a consent of kind "health". */
    healthNote: { type: String, maxlength: 1000 },
    consents: { type: [consentSchema], default: [] },
    status: { type: String, enum: EXPERT_STATUSES, required: true, default: 'active' },
    deletedAt: { type: Date },
    /** Kept up to date by the match workflow. */
    activeEngagements: { type: Number, min: 0, default: 0 },
    pendingOffers: { type: Number, min: 0, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
expertSchema.index({ status: 1, updatedAt: -1 });
// One profile per address; profiles without one (phone-only experts) are left out of the index.
expertSchema.index(
  { email: 1 },
  { name: 'email_unique', unique: true, partialFilterExpression: { email: { $exists: true } } },
);
// A team lead names the members of an open call's team by their mobile number (or email).
expertSchema.index({ phone: 1 }, { partialFilterExpression: { phone: { $exists: true } } });
// The ranking store's incremental sync: updatedAt ≥ watermark, paged by _id (the range bounds the keys
// read, _id bounds within it skip the pages done); read backwards it also serves the staff list's
// default sort (-updatedAt, -_id).
expertSchema.index({ updatedAt: 1, _id: 1 });
// The list sorted by name and the coordinators' "why not?" lookup by name.
expertSchema.index({ name: 1, _id: 1 });
// The staff lists: a name (characters or pinyin) is a prefix match on its keys; the filters each have an
// index to start from, the others are checked on the rows it finds.
expertSchema.index({ nameKeys: 1 });
expertSchema.index({ taxonomyCodes: 1, residenceCounty: 1, updatedAt: -1, _id: -1 });
expertSchema.index({ residenceCounty: 1, updatedAt: -1, _id: -1 });
expertSchema.index({ 'title.level': 1, updatedAt: -1, _id: -1 });
// The backfill of name keys finds the experts written before them (or by an older version) at once.
expertSchema.index({ nameKeysVersion: 1 });

// Every way a name is written (create, save, insertMany, updates) writes its keys in the same command.
expertSchema.pre('validate', function () {
  if (this.isNew || this.isModified('name')) {
    this.nameKeys = nameKeysOf(this.name);
    this.nameKeysVersion = NAME_KEYS_VERSION;
  }
});
expertSchema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function (this: Query<unknown, unknown>) {
  const update = this.getUpdate() as Record<string, unknown> | null;
  if (!update || Array.isArray(update)) return;
  const set = (update.$set ?? {}) as Record<string, unknown>;
  const name = 'name' in set ? set.name : update.name;
  if (typeof name !== 'string') return;
  update.$set = { ...set, nameKeys: nameKeysOf(name), nameKeysVersion: NAME_KEYS_VERSION };
  this.setUpdate(update);
});

export type ExpertRecord = InferSchemaType<typeof expertSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const Expert = model('Expert', expertSchema);
