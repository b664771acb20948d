import { z } from 'zod';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ObjectIdString } from '../../lib/schemas';
import { candidateProfileOf } from '../experts/candidate-profiles';
import { maskEmail, maskPhone } from '../experts/expert-masking';
import type { ExpertRecord } from '../experts/expert-records.service';
import type { NeedRecord } from '../needs/need-records.service';
import type { OrganisationRecord } from '../organisations/organisation-records.service';
import { ContributionSchema } from '../ranking/ranking.schemas';
import { CONTACT_VISIBLE_STATUSES, MATCH_STATUSES, type MatchRecord } from './match.model';
import { CandidateProfileSchema, EmployerContactSchema } from './matches.schemas';

export const MatchViewSchema = z
  .object({
    id: ObjectIdString,
    status: z.enum(MATCH_STATUSES),
    need: z.object({
      id: ObjectIdString,
      title: z.string(),
      county: z.string(),
      mode: z.string().nullable(),
      period: z.object({ from: z.string(), to: z.string() }).nullable(),
      daysPerMonth: z.number().nullable(),
      stipendPerMonth: z.number().nullable(),
    }),
    organisation: z.object({ id: ObjectIdString, name: z.string() }),
    employerContact: EmployerContactSchema.nullable(),
    expert: z.object({
      id: ObjectIdString,
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      contactMasked: z.boolean(),
    }),
    candidateProfile: CandidateProfileSchema.nullable(),
    score: z.number().nullable(),
    rank: z.number().nullable(),
    contributions: z.array(ContributionSchema),
    offeredAt: z.date().nullable(),
    offerExpiresAt: z.date().nullable(),
    answeredAt: z.date().nullable(),
    rating: z.number().nullable(),
    ratingComment: z.string().nullable(),
    endedOn: z.string().nullable().openapi({ description: 'the day the engagement ended (China date)' }),
    history: z.array(
      z.object({
        from: z.string().nullable(),
        to: z.string(),
        at: z.date(),
        byRole: z.string().nullable(),
        channel: z.string(),
        reason: z.string().nullable(),
      }),
    ),
    updatedAt: z.date(),
  })
  .openapi('Match');
export type MatchView = z.infer<typeof MatchViewSchema>;

/**
 * A match as the actor may see it: the expert's contact details are masked for an employer until
 * the offer is accepted; an expert sees no coordinator ids in the history. The employer's contact goes
 * to the expert only once they have said yes; the candidate's profile goes to the employer (who
 * decides on them); staff see both.
 */
export function toMatchView(
  actor: Actor,
  m: MatchRecord,
  expert: ExpertRecord | undefined,
  need: NeedRecord | undefined,
  org: OrganisationRecord | undefined,
): MatchView {
  const contactVisible =
    isStaff(actor) || actor.role === 'expert' || CONTACT_VISIBLE_STATUSES.includes(m.status);
  const email = expert?.email ?? null;
  const phone = expert?.phone ?? null;
  const staff = isStaff(actor);
  const contact =
    staff || (actor.role === 'expert' && CONTACT_VISIBLE_STATUSES.includes(m.status))
      ? org?.contact
      : undefined;
  return {
    id: String(m._id),
    status: m.status,
    need: {
      id: String(m.needId),
      title: need?.title ?? '',
      county: need?.county ?? '',
      mode: need?.mode ?? null,
      period: need?.period ? { from: need.period.from, to: need.period.to } : null,
      daysPerMonth: need?.daysPerMonth ?? null,
      stipendPerMonth: need?.offer?.stipendPerMonth ?? null,
    },
    organisation: { id: String(m.organisationId), name: org?.name ?? '' },
    employerContact: contact
      ? { name: contact.name, phone: contact.phone ?? null, email: contact.email }
      : null,
    expert: {
      id: String(m.expertId),
      name: expert?.name ?? '',
      email: email && !contactVisible ? maskEmail(email) : email,
      phone: phone && !contactVisible ? maskPhone(phone) : phone,
      contactMasked: !contactVisible,
    },
    candidateProfile: expert && (staff || actor.role === 'employer') ? candidateProfileOf(expert) : null,
    score: m.score ?? null,
    rank: m.rank ?? null,
    contributions: (m.contributions ?? []) as MatchView['contributions'],
    offeredAt: m.offeredAt ?? null,
    offerExpiresAt: m.offerExpiresAt ?? null,
    answeredAt: m.answeredAt ?? null,
    rating: m.rating ?? null,
    ratingComment: m.ratingComment ?? null,
    endedOn: m.endedOn ?? null,
    history: (m.history ?? []).map((h) => ({
      from: h.from ?? null,
      to: h.to,
      at: h.at,
      byRole: h.byRole ?? null,
      channel: h.channel,
      reason: h.reason ?? null,
    })),
    updatedAt: (m as MatchRecord & { updatedAt: Date }).updatedAt,
  };
}
