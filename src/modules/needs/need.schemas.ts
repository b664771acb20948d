import { z } from 'zod';
import { CursorParam, keysetPageOf } from '../../lib/keyset';
import { DateOnly, multiLine, ObjectIdString, PageQuery, singleLine } from '../../lib/schemas';
import { chinaToday } from '../apartments/stay-dates';
import { RegionCode } from '../regions/regions.schemas';
import { TaxonomyCode } from '../taxonomy/taxonomy.schemas';
import {
  ENGAGEMENT_MODES,
  MUST_HAVE_MATCHES,
  NEED_STATUSES,
  SKILL_LEVELS,
  TITLE_LEVELS,
  TITLE_SERIES,
} from './need.model';

/** What the need is about: a field ("health"), a sub-field ("health.cardiology") or a skill. */
const FieldCode = TaxonomyCode.openapi({
  description:
    'a field, sub-field or skill code: "health", "health.cardiology", "agriculture.tea.processing"',
});
const MustHaveMatch = z.enum(MUST_HAVE_MATCHES).openapi({
  description:
    "how each must-have skill is required: 'exact', that very skill; 'sub_field', it or another skill of its sub-field",
});
const MinTitleSeries = z
  .enum(TITLE_SERIES)
  .openapi({ description: 'the series the title must be of; only with minTitleLevel' });
const Skills = z.array(TaxonomyCode).max(20);

/**
 * A need's period may have begun but may not be over: a period that lies wholly in the past (its last
 * day before today, China time) is refused, on creation and on every change of it.
 */
export const Period = z
  .object({ from: DateOnly, to: DateOnly })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] })
  .refine((p) => p.to >= chinaToday(), { message: 'the period must not lie in the past', path: ['to'] });

export const Offer = z
  .object({
    stipendPerMonth: z.number().int().min(0).max(1_000_000).optional().openapi({ description: 'yuan' }),
    housing: z.boolean().default(false),
    travel: z.boolean().default(false),
    other: multiLine(1000).optional(),
  })
  .strict();

/** The fields of a need; an open call asks for expertise with the same ones (calls/call.schemas.ts). */
export const NeedFields = {
  title: singleLine(200),
  description: multiLine(5000).default(''),
  field: FieldCode,
  mustHaveSkills: Skills.default([]),
  mustHaveMatch: MustHaveMatch.default('sub_field'),
  niceToHaveSkills: Skills.default([]),
  minTitleLevel: z.enum(TITLE_LEVELS).optional(),
  minTitleSeries: MinTitleSeries.optional(),
  minSkillLevel: z.enum(SKILL_LEVELS).optional(),
  mode: z.enum(ENGAGEMENT_MODES),
  county: RegionCode,
  period: Period,
  daysPerMonth: z.number().int().min(1).max(31).optional(),
  expertsWanted: z.number().int().min(1).max(50),
  offer: Offer.default({ housing: false, travel: false }),
  employerApproval: z.boolean().default(false),
};

export const LEVEL_MESSAGE = 'name a minimum title level and/or a minimum skill level';
export const SERIES_MESSAGE = 'a title series needs a minimum title level';

/** What a need or an open call asks of levels: a minimum title or skill level, a series only with a title level. */
export function levelRules(
  b: { minTitleLevel?: unknown; minSkillLevel?: unknown; minTitleSeries?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (b.minTitleLevel === undefined && b.minSkillLevel === undefined) {
    ctx.addIssue({ code: 'custom', message: LEVEL_MESSAGE, path: ['minTitleLevel'] });
  }
  if (b.minTitleSeries !== undefined && b.minTitleLevel === undefined) {
    ctx.addIssue({ code: 'custom', message: SERIES_MESSAGE, path: ['minTitleSeries'] });
  }
}

/**
 * `organisationId` is for staff creating a need on an organisation's behalf; an employer's need is
 * always its own organisation's, so an employer sending it gets 400 (see need.service.ts).
 * `priority`, `status` and counters are not accepted at all: unknown keys are 400.
 */
export const CreateNeedBody = z
  .object({ ...NeedFields, organisationId: ObjectIdString.optional() })
  .strict()
  .superRefine(levelRules)
  .openapi('CreateNeedBody');
export type CreateNeedBody = z.infer<typeof CreateNeedBody>;

/** The fields an edit may change; arrays and objects are replaced whole. */
const UpdateNeedFields = z
  .object({
    title: NeedFields.title,
    description: multiLine(5000),
    field: FieldCode,
    mustHaveSkills: Skills,
    mustHaveMatch: MustHaveMatch,
    niceToHaveSkills: Skills,
    minTitleLevel: z.enum(TITLE_LEVELS).nullable(),
    minTitleSeries: MinTitleSeries.nullable(),
    minSkillLevel: z.enum(SKILL_LEVELS).nullable(),
    mode: NeedFields.mode,
    county: RegionCode,
    period: Period,
    daysPerMonth: z.number().int().min(1).max(31).nullable(),
    expertsWanted: NeedFields.expertsWanted,
    offer: Offer,
    employerApproval: z.boolean(),
  })
  .partial()
  .strict();

/** Arrays and objects are replaced whole; a level set to null is removed (one must remain). */
export const UpdateNeedBody = UpdateNeedFields.refine((b) => Object.keys(b).length > 0, {
  message: 'give at least one field to change',
}).openapi('UpdateNeedBody');
export type UpdateNeedBody = z.infer<typeof UpdateNeedBody>;

/** A field an edit can change, as its history names it. */
export const NeedChangeField = UpdateNeedFields.keyof();
export type NeedChangeField = z.infer<typeof NeedChangeField>;

export const NEED_SORTS = [
  '-createdAt',
  'createdAt',
  'title',
  '-title',
  'from',
  '-from',
  '-priority',
] as const;

export const ListNeedsQuery = PageQuery.extend({
  cursor: CursorParam.optional(),
  q: singleLine(100).optional().openapi({ description: 'text anywhere in the title' }),
  employer: singleLine(100)
    .optional()
    .openapi({ description: 'text anywhere in the organisation’s name; staff only' }),
  status: z.enum(NEED_STATUSES).optional(),
  field: TaxonomyCode.optional().openapi({
    description: 'a field or sub-field: needs with any skill under it',
  }),
  county: RegionCode.optional(),
  mode: z.enum(ENGAGEMENT_MODES).optional(),
  titleLevel: z
    .enum(TITLE_LEVELS)
    .optional()
    .openapi({ description: 'needs whose minimum title this level meets' }),
  priority: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'employers and staff only' }),
  organisationId: ObjectIdString.optional().openapi({ description: 'staff only' }),
  sort: z.enum(NEED_SORTS).default('-createdAt'),
}).strict();
export type ListNeedsQuery = z.infer<typeof ListNeedsQuery>;

const Levels = {
  minTitleLevel: z.enum(TITLE_LEVELS).nullable(),
  minTitleSeries: z.enum(TITLE_SERIES).nullable(),
  minSkillLevel: z.enum(SKILL_LEVELS).nullable(),
};

/** The public side of the board (experts): what the work is and who offers it, no contact details. */
export const PublicNeedView = z
  .object({
    id: ObjectIdString,
    organisation: z.object({ id: ObjectIdString, name: z.string(), type: z.string(), county: z.string() }),
    title: z.string(),
    description: z.string(),
    field: z.string(),
    mustHaveSkills: z.array(z.string()),
    mustHaveMatch: z.enum(MUST_HAVE_MATCHES),
    niceToHaveSkills: z.array(z.string()),
    ...Levels,
    mode: z.enum(ENGAGEMENT_MODES),
    county: z.string(),
    period: z.object({ from: z.string(), to: z.string() }),
    daysPerMonth: z.number().nullable(),
    expertsWanted: z.number(),
    filledCount: z.number(),
    offer: z.object({
      stipendPerMonth: z.number().nullable(),
      housing: z.boolean(),
      travel: z.boolean(),
      other: z.string().nullable(),
    }),
    status: z.enum(NEED_STATUSES),
    openedAt: z.date().nullable(),
  })
  .openapi('PublicNeed');
export type PublicNeedView = z.infer<typeof PublicNeedView>;

/** One edit of a need: who made it, when, and each changed field's stored value before and after. */
export const NeedChange = z
  .object({
    at: z.date(),
    by: z.object({
      userId: ObjectIdString,
      role: z.string(),
      name: z.string().nullable().openapi({ description: 'null when the account is gone' }),
    }),
    fields: z.array(
      z.object({
        field: NeedChangeField,
        before: z.unknown().openapi({ description: 'as stored; null when there was none' }),
        after: z.unknown().openapi({ description: 'as stored; null when removed' }),
      }),
    ),
  })
  .openapi('NeedChange');
export type NeedChange = z.infer<typeof NeedChange>;

/** What the employer and staff see; one need (not a list) also carries its edits, oldest first. */
export const NeedView = PublicNeedView.omit({ organisation: true })
  .extend({
    organisationId: ObjectIdString,
    employerApproval: z.boolean(),
    priority: z.boolean(),
    nominationId: ObjectIdString.nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
    changes: z.array(NeedChange).optional(),
  })
  .openapi('Need');
export type NeedView = z.infer<typeof NeedView>;

/** The answer to an edit: the need, and how many proposals and offers that no longer fit were withdrawn. */
export const EditedNeedView = NeedView.extend({
  withdrawnMatches: z.number().int().min(0),
}).openapi('EditedNeed');
export type EditedNeedView = z.infer<typeof EditedNeedView>;

/** Staff and employers get NeedView items; experts get PublicNeedView items. */
export const NeedPage = keysetPageOf(z.union([NeedView, PublicNeedView]));
export const AnyNeedView = z.union([NeedView, PublicNeedView]);
