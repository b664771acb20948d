import { z } from 'zod';
import { CursorParam } from '../../lib/keyset';
import { DateOnly, Email, Language, multiLine, PageQuery, Password, singleLine } from '../../lib/schemas';
import { RegionCode } from '../regions/regions.schemas';
import { TaxonomyCode } from '../taxonomy/taxonomy.schemas';
import { resolveTitleName, resolveTradeName } from '../taxonomy/taxonomy.service';
import {
  ENGAGEMENT_MODES,
  EXPERT_STATUSES,
  GENDERS,
  HONOUR_LEVELS,
  SKILL_LEVELS,
  TITLE_LEVELS,
  TITLE_SERIES,
} from './expert-levels';

/** Request shapes of the experts API. Optional fields take `null` to clear them on update. */

/** One line (names, titles, tags); `paragraph` for the fields of several lines. */
const text = singleLine;
const paragraph = (max: number) => multiLine(max, { min: 1 });
const thisYear = new Date().getUTCFullYear();

export const MobilePhone = z
  .string()
  .regex(/^1[3-9]\d{9}$/, 'a mainland mobile number: 11 digits starting with 13–19')
  .openapi({ example: '13812345678' });

export const ConsentInput = z
  .object({ textVersion: text(50), accepted: z.literal(true) })
  .strict()
  .openapi('ConsentInput');

const Honour = z
  .object({
    name: text(200),
    level: z.enum(HONOUR_LEVELS),
    year: z.number().int().min(1950).max(thisYear).optional(),
  })
  .strict();

const DateWindow = z
  .object({ from: DateOnly, to: DateOnly })
  .strict()
  .refine((w) => w.from <= w.to, { message: 'from must not be after to', path: ['to'] });

export const MAX_BLOCKED_PERIOD_DAYS = 366;
export const PERIOD_TOO_LONG = `a period is at most ${MAX_BLOCKED_PERIOD_DAYS} days`;

/** Days from `from` to `to`, both included. */
const daysIn = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

const BlockedPeriod = z
  .object({ from: DateOnly, to: DateOnly })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] })
  .refine((p) => p.from > p.to || daysIn(p.from, p.to) <= MAX_BLOCKED_PERIOD_DAYS, {
    message: PERIOD_TOO_LONG,
    path: ['to'],
  });

const Availability = z
  .object({
    windows: z.array(DateWindow).max(24),
    daysPerMonth: z.number().int().min(0).max(31).nullable(),
    maxConcurrent: z.number().int().min(0).max(10),
    blockedDates: z
      .array(DateOnly)
      .max(366)
      .openapi({ description: 'single days; blockedPeriods is the newer, preferred form' }),
    blockedPeriods: z
      .array(BlockedPeriod)
      .max(50)
      .openapi({ description: 'periods the expert cannot serve, ends included, each at most 366 days' }),
    paused: z.boolean(),
    pauseReason: paragraph(500).nullable(),
  })
  .partial()
  .strict();

const Travel = z
  .object({
    maxHours: z.number().min(0).max(24).nullable(),
    regions: z.array(RegionCode).max(50),
    remoteOk: z.boolean(),
  })
  .partial()
  .strict();

const Expectations = z
  .object({
    text: paragraph(2000).nullable(),
    stipendPerMonthYuan: z.number().int().min(0).max(1_000_000).nullable(),
  })
  .partial()
  .strict();

export const TITLE_NAME_OR_LEVEL = 'name the title or its level';
export const UNKNOWN_TITLE_NAME = 'unknown title name';
export const UNKNOWN_TRADE_NAME = 'unknown trade name';

/**
 * A title given by its name (主任医师), its level (and series), or both; a name must be one the
 * taxonomy knows, and a level or series given beside it must agree with it.
 */
const Title = z
  .object({
    name: text(50).optional().openapi({
      description: 'as written: 主任医师, 研究员, 高级农艺师 …; fills level and series when omitted',
    }),
    level: z.enum(TITLE_LEVELS).optional(),
    series: z.enum(TITLE_SERIES).optional(),
  })
  .strict()
  .superRefine((title, ctx) => {
    if (title.name === undefined) {
      if (title.level === undefined)
        ctx.addIssue({ code: 'custom', message: TITLE_NAME_OR_LEVEL, path: ['level'] });
      return;
    }
    const known = resolveTitleName(title.name);
    if (!known) {
      ctx.addIssue({ code: 'custom', message: UNKNOWN_TITLE_NAME, path: ['name'] });
    } else if (
      (title.level && title.level !== known.level) ||
      (title.series && title.series !== known.series)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `${title.name} is a ${known.level.replace(/_/g, ' ')} title (${known.series})`,
        path: ['name'],
      });
    }
  })
  .openapi({ description: 'at least one of name and level' });

export type TitleInput = z.infer<typeof Title>;

export const PREFERRED_NOT_ACCEPTED = 'a preferred mode must be one of modes';

const Modes = z
  .array(z.enum(ENGAGEMENT_MODES))
  .max(3)
  .refine((m) => new Set(m).size === m.length, { message: 'each mode once' });

/** Every field of a profile a person may write; all optional here, `name` and `email` required on create. */
const profileShape = {
  birthYear: z
    .number()
    .int()
    .min(1920)
    .max(thisYear - 40)
    .nullable(),
  gender: z.enum(GENDERS).nullable(),
  phone: MobilePhone.nullable(),
  homeCounty: RegionCode.nullable(),
  residenceCounty: RegionCode.nullable(),
  formerEmployer: text(200).nullable(),
  position: text(200).nullable(),
  title: Title.nullable(),
  skillLevel: z.enum(SKILL_LEVELS).nullable(),
  tradeName: text(30)
    // A name already too long has its own issue: one per field.
    .refine((name) => name.length > 30 || resolveTradeName(name) !== undefined, {
      message: UNKNOWN_TRADE_NAME,
    })
    .nullable()
    .openapi({ description: 'the trade (工种) as written: 数控车工, 焊工, 汽车维修工 …' }),
  fields: z.array(TaxonomyCode).max(6),
  skills: z.array(TaxonomyCode).max(30),
  tags: z.array(text(30)).max(20),
  honours: z.array(Honour).max(20),
  yearsOfExperience: z.number().int().min(0).max(80),
  languages: z.array(text(30)).max(10),
  preferredLanguage: Language,
  weeklyDigest: z.boolean().openapi({
    description:
      'the weekly email of new needs that suit you (on by default; sent only to an address on file)',
  }),
  modes: z.array(z.enum(ENGAGEMENT_MODES)).min(1).max(3),
  preferredModes: Modes.openapi({ description: 'a subset of modes; empty for no preference' }),
  availability: Availability,
  travel: Travel,
  expectations: Expectations.nullable(),
  healthNote: paragraph(1000).nullable(),
  /** The separate consent a health note needs. */
  healthConsent: ConsentInput,
};

const ProfileFields = z.object(profileShape).partial();

export const RegisterExpertBody = ProfileFields.extend({
  email: Email,
  password: Password,
  name: text(100),
  consent: ConsentInput,
})
  .strict()
  .openapi('RegisterExpertBody');

export const PHONE_WITHOUT_EMAIL = 'a phone number is needed when there is no email';

/**
 * A coordinator registers an expert who gave consent in person; the account has no password yet.
 * Without an email there is no account at all: the office reaches the expert by phone.
 */
export const AssistedExpertBody = ProfileFields.extend({
  email: Email.optional().openapi({
    description: 'omitted for an expert without one: no account, offers relayed by phone',
  }),
  name: text(100),
  consent: ConsentInput,
})
  .strict()
  .refine((b) => b.email !== undefined || (b.phone !== undefined && b.phone !== null), {
    message: PHONE_WITHOUT_EMAIL,
    path: ['phone'],
  })
  .openapi('AssistedExpertBody');

export const UpdateExpertBody = ProfileFields.extend({
  email: Email,
  name: text(100),
  currentPassword: z.string().min(1).max(200).openapi({
    description: 'The account’s current password: asked when an expert changes their own login email',
  }),
})
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' })
  .openapi('UpdateExpertBody');

export type ProfileInput = z.infer<typeof ProfileFields> & { email?: string; name?: string };
export type RegisterExpertInput = z.infer<typeof RegisterExpertBody>;
export type AssistedExpertInput = z.infer<typeof AssistedExpertBody>;
export type UpdateExpertInput = z.infer<typeof UpdateExpertBody>;

export const EXPERT_SORTS = [
  'name',
  '-name',
  'updatedAt',
  '-updatedAt',
  'createdAt',
  '-createdAt',
  'yearsOfExperience',
  '-yearsOfExperience',
] as const;

export const ListExpertsQuery = PageQuery.extend({
  q: text(50).optional().openapi({
    description:
      'a name, or its beginning, in characters (向德明, 德明) or pinyin without tones (xiangdeming, xiang de, xdm); staff only',
  }),
  cursor: CursorParam.optional(),
  /** A field, sub-field or skill: matches experts holding it or anything below it. */
  field: TaxonomyCode.optional(),
  /** County of residence. */
  county: RegionCode.optional(),
  /** Given both, an expert meeting either minimum is listed (a need names one or the other). */
  minTitleLevel: z.enum(TITLE_LEVELS).optional(),
  minSkillLevel: z.enum(SKILL_LEVELS).optional(),
  /** Inside an availability window, not a blocked date or inside a blocked period, not paused. */
  availableOn: DateOnly.optional(),
  mode: z.enum(ENGAGEMENT_MODES).optional(),
  status: z.enum(EXPERT_STATUSES).optional(),
  sort: z.enum(EXPERT_SORTS).default('-updatedAt'),
}).strict();

export type ListExpertsFilter = z.infer<typeof ListExpertsQuery>;
