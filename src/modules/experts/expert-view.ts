import { z } from 'zod';
import { ObjectIdString } from '../../lib/schemas';
import type { ExpertRecord } from './expert.model';
import { ageBand, maskEmail, maskPhone } from './expert-masking';

/**
 * What each viewer sees of a profile:
 * - the expert themself and staff: everything, consent records and health note included;
 * - employers (active experts only): no exact birth year (an age band instead), no gender, home county,
 *   health note, consent records, blocked dates and periods, pause reason or counters; phone and email masked, and
 *   the stipend expectation hidden, until their organisation has a match with the expert in
 *   CONTACT_VISIBLE_STATUSES. The stipend is the expert's own bargaining position: it is shared only once
 *   both sides are arranging the engagement, like the contact details.
 */
export type Viewer = { kind: 'owner' } | { kind: 'staff' } | { kind: 'employer'; contactVisible: boolean };

const Consent = z.object({
  kind: z.enum(['profile', 'health']),
  textVersion: z.string(),
  at: z.date(),
  channel: z.enum(['web', 'in-person']),
  by: ObjectIdString.nullable(),
});

export const ExpertView = z
  .object({
    id: ObjectIdString,
    status: z.enum(['active', 'paused', 'deleted']),
    name: z.string(),
    email: z
      .string()
      .nullable()
      .openapi({ description: 'null for an expert without one (reached by phone)' }),
    phone: z.string().nullable(),
    contactVisible: z.boolean().openapi({ description: 'false when email and phone are masked' }),
    birthYear: z.number().int().nullable().optional(),
    ageBand: z.string().nullable(),
    gender: z.string().nullable().optional(),
    homeCounty: z.string().nullable().optional(),
    residenceCounty: z.string().nullable(),
    formerEmployer: z.string().nullable(),
    position: z.string().nullable(),
    title: z
      .object({ name: z.string().nullable(), level: z.string(), series: z.string().nullable() })
      .nullable(),
    skillLevel: z.string().nullable(),
    tradeName: z.string().nullable(),
    fields: z.array(z.string()),
    skills: z.array(z.string()),
    tags: z.array(z.string()),
    honours: z.array(
      z.object({ name: z.string().nullable(), level: z.string(), year: z.number().nullable() }),
    ),
    yearsOfExperience: z.number().int(),
    languages: z.array(z.string()),
    preferredLanguage: z.string(),
    weeklyDigest: z
      .boolean()
      .optional()
      .openapi({ description: 'the weekly email of new needs is on (the expert themself and staff)' }),
    modes: z.array(z.string()),
    preferredModes: z.array(z.string()),
    availability: z.object({
      windows: z.array(z.object({ from: z.string(), to: z.string() })),
      daysPerMonth: z.number().nullable(),
      maxConcurrent: z.number(),
      paused: z.boolean(),
      blockedDates: z.array(z.string()).optional(),
      blockedPeriods: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
      pauseReason: z.string().nullable().optional(),
    }),
    travel: z.object({
      maxHours: z.number().nullable(),
      regions: z.array(z.string()),
      remoteOk: z.boolean().nullable(),
    }),
    expectations: z.object({
      text: z.string().nullable(),
      stipendPerMonthYuan: z.number().nullable().optional(),
    }),
    healthNote: z.string().nullable().optional(),
    consents: z.array(Consent).optional(),
    activeEngagements: z.number().int().optional(),
    pendingOffers: z.number().int().optional(),
    userId: ObjectIdString.nullable().optional(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('Expert');

export type ExpertView = z.infer<typeof ExpertView>;

const str = (id: unknown): string | null => (id ? String(id) : null);

export function toExpertView(e: ExpertRecord, viewer: Viewer): ExpertView {
  const full = viewer.kind !== 'employer';
  const contactVisible = viewer.kind !== 'employer' || viewer.contactVisible;
  const a = e.availability ?? {
    windows: [],
    blockedDates: [],
    blockedPeriods: [],
    maxConcurrent: 1,
    paused: false,
  };
  const view: ExpertView = {
    id: String(e._id),
    status: e.status,
    name: e.name,
    email: e.email ? (contactVisible ? e.email : maskEmail(e.email)) : null,
    phone: e.phone ? (contactVisible ? e.phone : maskPhone(e.phone)) : null,
    contactVisible,
    ageBand: e.birthYear ? ageBand(e.birthYear) : null,
    residenceCounty: e.residenceCounty ?? null,
    formerEmployer: e.formerEmployer ?? null,
    position: e.position ?? null,
    title: e.title
      ? { name: e.title.name ?? null, level: e.title.level, series: e.title.series ?? null }
      : null,
    skillLevel: e.skillLevel ?? null,
    tradeName: e.tradeName ?? null,
    fields: e.fields ?? [],
    skills: e.skills ?? [],
    tags: e.tags ?? [],
    honours: (e.honours ?? []).map((h) => ({ name: h.name ?? null, level: h.level, year: h.year ?? null })),
    yearsOfExperience: e.yearsOfExperience ?? 0,
    languages: e.languages ?? [],
    preferredLanguage: e.preferredLanguage ?? 'zh-CN',
    modes: e.modes ?? [],
    preferredModes: e.preferredModes ?? [],
    availability: {
      windows: (a.windows ?? []).map((w) => ({ from: w.from, to: w.to })),
      daysPerMonth: a.daysPerMonth ?? null,
      maxConcurrent: a.maxConcurrent ?? 1,
      paused: a.paused ?? false,
    },
    travel: {
      maxHours: e.travel?.maxHours ?? null,
      regions: e.travel?.regions ?? [],
      remoteOk: e.travel?.remoteOk ?? null,
    },
    expectations: { text: e.expectations?.text ?? null },
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
  if (contactVisible) view.expectations.stipendPerMonthYuan = e.expectations?.stipendPerMonthYuan ?? null;
  if (!full) return view;
  return {
    ...view,
    birthYear: e.birthYear ?? null,
    gender: e.gender ?? null,
    homeCounty: e.homeCounty ?? null,
    availability: {
      ...view.availability,
      blockedDates: a.blockedDates ?? [],
      blockedPeriods: (a.blockedPeriods ?? []).map((p) => ({ from: p.from, to: p.to })),
      pauseReason: a.pauseReason ?? null,
    },
    healthNote: e.healthNote ?? null,
    weeklyDigest: e.weeklyDigest !== false,
    consents: (e.consents ?? []).map((c) => ({
      kind: c.kind,
      textVersion: c.textVersion,
      at: c.at,
      channel: c.channel,
      by: str(c.by),
    })),
    activeEngagements: e.activeEngagements ?? 0,
    pendingOffers: e.pendingOffers ?? 0,
    userId: str(e.userId),
  };
}
