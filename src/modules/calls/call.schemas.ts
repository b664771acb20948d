import { z } from 'zod';
import { DateOnly, multiLine, ObjectIdString, PageQuery, pageOf } from '../../lib/schemas';
import { chinaToday } from '../apartments/stay-dates';
import { ENGAGEMENT_MODES, SKILL_LEVELS, TITLE_LEVELS, TITLE_SERIES } from '../experts/expert-levels';
import { levelRules, NeedFields } from '../needs/need.schemas';
import { ExplanationSchema } from '../ranking/ranking.schemas';
import { APPLICATION_STATUSES, CALL_STATUSES } from './call.model';

/** A team is its lead and at most this many members. */
export const MAX_TEAM_MEMBERS = 4;

/**
 * What the call asks for and of whom: the problem, its goals and deliverables, the reward, the last day
 * to apply, and the expertise and the work in a need's own fields (the chosen lead's need copies them).
 */
const CallFields = {
  title: NeedFields.title,
  problem: multiLine(5000, { min: 1 }).openapi({ description: 'the problem statement' }),
  goals: multiLine(2000, { min: 1 }),
  deliverables: multiLine(2000, { min: 1 }),
  reward: multiLine(1000, { min: 1 }).openapi({ description: 'the budget or reward, in words' }),
  applyBy: DateOnly.refine((d) => d >= chinaToday(), 'must not lie in the past').openapi({
    description: 'the last day applications are taken (China time); the call closes at its end',
  }),
  field: NeedFields.field,
  mustHaveSkills: NeedFields.mustHaveSkills,
  mustHaveMatch: NeedFields.mustHaveMatch,
  niceToHaveSkills: NeedFields.niceToHaveSkills,
  minTitleLevel: NeedFields.minTitleLevel,
  minTitleSeries: NeedFields.minTitleSeries,
  minSkillLevel: NeedFields.minSkillLevel,
  mode: NeedFields.mode,
  county: NeedFields.county,
  period: NeedFields.period.openapi({ description: 'when the chosen team does the work' }),
  daysPerMonth: NeedFields.daysPerMonth,
};

/** `organisationId` is for staff posting on an organisation's behalf; an employer's call is its own. */
export const CreateCallBody = z
  .object({ ...CallFields, organisationId: ObjectIdString.optional() })
  .strict()
  .superRefine(levelRules)
  .refine((b) => b.applyBy <= b.period.to, {
    message: 'applications must close before the work period ends',
    path: ['applyBy'],
  })
  .openapi('CreateCallBody');
export type CreateCallBody = z.infer<typeof CreateCallBody>;

export const ListCallsQuery = PageQuery.extend({
  status: z.enum(CALL_STATUSES).optional().openapi({ description: 'employers and staff only' }),
  organisationId: ObjectIdString.optional().openapi({ description: 'staff only' }),
}).strict();
export type ListCallsQuery = z.infer<typeof ListCallsQuery>;

export const CallView = z
  .object({
    id: ObjectIdString,
    organisation: z.object({ id: ObjectIdString, name: z.string() }),
    title: z.string(),
    problem: z.string(),
    goals: z.string(),
    deliverables: z.string(),
    reward: z.string(),
    applyBy: z.string(),
    closesAt: z.date(),
    field: z.string(),
    mustHaveSkills: z.array(z.string()),
    mustHaveMatch: z.string(),
    niceToHaveSkills: z.array(z.string()),
    minTitleLevel: z.enum(TITLE_LEVELS).nullable(),
    minTitleSeries: z.enum(TITLE_SERIES).nullable(),
    minSkillLevel: z.enum(SKILL_LEVELS).nullable(),
    mode: z.enum(ENGAGEMENT_MODES),
    county: z.string(),
    period: z.object({ from: z.string(), to: z.string() }),
    daysPerMonth: z.number().nullable(),
    status: z.enum(CALL_STATUSES),
    openedAt: z.date().nullable(),
    closedAt: z.date().nullable(),
    closedBy: z.enum(['deadline', 'employer']).nullable(),
    awardedAt: z.date().nullable(),
    needId: ObjectIdString.nullable().openapi({ description: 'the need made for the chosen lead' }),
    matchId: ObjectIdString.nullable().openapi({ description: 'the chosen lead’s offer' }),
    createdAt: z.date(),
  })
  .openapi('Call');
export type CallView = z.infer<typeof CallView>;

export const CallPage = pageOf(CallView).openapi('CallPage');

const MOBILE = /^1[3-9]\d{9}$/;
const Email = z.email();
/** Spaces, dashes and a +86 go from a number; an email is compared in lower case, as it is stored. */
const normalContact = (s: string) =>
  s.includes('@') ? s.toLowerCase() : s.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');

/** A team member as the lead knows them: the mobile number or email address they registered with. */
const MemberContact = z
  .string()
  .trim()
  .max(254)
  .transform(normalContact)
  .refine((c) => MOBILE.test(c) || Email.safeParse(c).success, 'a registered mobile number or email address');

export const ApplyBody = z
  .object({
    plan: multiLine(5000, { min: 1 }),
    memberContacts: z
      .array(MemberContact)
      .max(MAX_TEAM_MEMBERS, `a team is at most ${MAX_TEAM_MEMBERS + 1} people, its lead included`)
      .default([])
      .openapi({
        description:
          'the other members of the team, each by the mobile number or email address they registered with; you are its lead',
        example: ['13812345678', 'li.ming@example.com'],
      }),
  })
  .strict()
  .superRefine((b, ctx) => {
    b.memberContacts.forEach((c, k) => {
      if (b.memberContacts.indexOf(c) < k) {
        ctx.addIssue({ code: 'custom', message: 'this member is named twice', path: ['memberContacts', k] });
      }
    });
  })
  .openapi('ApplyToCallBody');
export type ApplyBody = z.infer<typeof ApplyBody>;

const Person = z.object({
  expertId: ObjectIdString,
  name: z.string(),
  residenceCounty: z.string().nullable(),
});

export const ApplicationView = z
  .object({
    id: ObjectIdString,
    call: z.object({ id: ObjectIdString, title: z.string(), status: z.enum(CALL_STATUSES) }),
    status: z.enum(APPLICATION_STATUSES),
    lead: Person,
    members: z.array(Person),
    plan: z.string(),
    shortlistedAt: z.date().nullable(),
    withdrawnAt: z.date().nullable(),
    resubmittedAt: z
      .date()
      .nullable()
      .openapi({ description: 'when the lead sent the application again after withdrawing it' }),
    decidedAt: z.date().nullable(),
    createdAt: z.date(),
    fit: ExplanationSchema.nullable().optional().openapi({
      description:
        'staff only: the lead against the call’s requirements, as the coordinator’s candidate explanation (null when the lead cannot be matched)',
    }),
  })
  .openapi('CallApplication');
export type ApplicationView = z.infer<typeof ApplicationView>;

export const ApplicationList = z.object({ items: z.array(ApplicationView) }).openapi('CallApplicationList');

export const CallApplicationParams = z.object({ id: ObjectIdString, applicationId: ObjectIdString });

/** The answer to an employer's choice: the call (awarded) and the offer made to the chosen lead. */
export const AwardView = z
  .object({ call: CallView, matchId: ObjectIdString, needId: ObjectIdString, matchStatus: z.string() })
  .openapi('CallAward');
export type AwardView = z.infer<typeof AwardView>;
