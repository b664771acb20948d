import { z } from 'zod';
import { CursorParam } from '../../lib/keyset';
import { DateOnly, multiLine, ObjectIdString, PageQuery } from '../../lib/schemas';
import { MATCH_STATUSES } from './match.model';

/** Reasons are typed in a box of several lines. */
const Reason = multiLine(1000, { min: 1 });

export const ProposeBody = z.object({ expertId: ObjectIdString }).strict();
export const RejectBody = z.object({ reason: Reason }).strict();
export const CancelBody = z.object({ reason: Reason }).strict();
export const DecisionBody = z
  .object({ approve: z.boolean(), reason: Reason.optional() })
  .strict()
  .refine((b) => b.approve || b.reason, {
    message: 'say why the candidate is turned down',
    path: ['reason'],
  });
export const AnswerBody = z
  .object({
    answer: z.enum(['accept', 'decline']),
    reason: Reason.optional(),
    /** For coordinators recording an answer given outside the web. */
    channel: z.enum(['phone', 'in-person']).optional(),
  })
  .strict();
export const CompleteBody = z
  .object({
    rating: z.number().int().min(1).max(5),
    comment: multiLine(2000).optional(),
    endedOn: DateOnly.optional().openapi({
      description: 'the day the engagement really ended (China date); today when not given',
    }),
  })
  .strict();
/** The expert steps back from an accepted or engaged job: the employer reads the reason. */
export const WithdrawBody = z.object({ reason: Reason }).strict();

export const MATCH_SORTS = ['-updatedAt', 'updatedAt', '-createdAt', 'createdAt'] as const;

export const ListMatchesQuery = PageQuery.extend({
  cursor: CursorParam.optional(),
  needId: ObjectIdString.optional(),
  expertId: ObjectIdString.optional(),
  organisationId: ObjectIdString.optional(),
  status: z.enum(MATCH_STATUSES).optional(),
  sort: z
    .enum(MATCH_SORTS)
    .optional()
    .openapi({ description: 'default -updatedAt: the latest change first' }),
}).strict();

/**
 * The employer's contact on a match: the expert sees it once they have said yes (CONTACT_VISIBLE_STATUSES),
 * staff always; null otherwise.
 */
export const EmployerContactSchema = z
  .object({ name: z.string(), phone: z.string().nullable(), email: z.string() })
  .openapi('MatchEmployerContact');

/**
 * What the employer (and staff) see of the candidate, as the privacy notice promises
 * (experts/candidate-profiles.ts): title, skill level, honours, experience and an age band, never contacts.
 */
export const CandidateProfileSchema = z
  .object({
    title: z
      .object({ name: z.string().nullable(), level: z.string(), series: z.string().nullable() })
      .nullable(),
    skillLevel: z.string().nullable(),
    tradeName: z.string().nullable(),
    honours: z.array(
      z.object({ name: z.string().nullable(), level: z.string(), year: z.number().int().nullable() }),
    ),
    yearsOfExperience: z.number(),
    ageBand: z
      .string()
      .nullable()
      .openapi({ description: 'a five-year band such as 65-69, never the birth year' }),
  })
  .openapi('CandidateProfile');
