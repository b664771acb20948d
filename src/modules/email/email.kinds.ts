import { z } from 'zod';
import { ObjectIdString } from '../../lib/schemas';

/**
 * The data each email kind needs, one zod schema per kind: `enqueueEmail` validates `data` against its
 * kind, so a template never renders with a missing or surprising variable. Data holds ids and display
 * strings only; the outbox keeps it until the message is sent.
 */

/** One line of display text: no CR/LF, so nothing in data can ever reach a header. */
const Line = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\r\n]*$/, 'a single line');
const Paragraph = z.string().trim().min(1).max(2000);
/** An absolute http(s) link; enqueueEmail also checks that it points at PUBLIC_URL. */
const Link = z.url({ protocol: /^https?$/ }).max(2000);
const Instant = z.coerce.date();

export const EMAIL_KINDS = [
  'offer',
  'offer-reminder',
  'offer-accepted-employer',
  'offer-declined-coordinator',
  'offer-expired-coordinator',
  'match-withdrawn-employer',
  'match-withdrawn-coordinator',
  'verify-email',
  'password-reset',
  'password-changed',
  'signup-attempt',
  'coordinator-digest',
  'service-request-received',
  'service-request-new-unit',
  'service-request-accepted',
  'service-request-in-progress',
  'service-request-done',
  'service-request-refused',
  'service-request-reminder',
  'service-request-overdue',
  'apartment-stay-booked',
  'apartment-stay-cancelled',
  'apartment-stay-changed',
  'organisation-verified',
  'organisation-rejected',
  'candidate-awaiting-employer',
  'expert-invitation',
  'staff-welcome',
  'expert-weekly-digest',
  'need-cancelled-expert',
  'offer-withdrawn-need-changed',
  'match-need-changed-coordinator',
  'call-awarded-other',
  'call-cancelled-applicant',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

const OfferCore = {
  matchId: ObjectIdString,
  expertName: Line,
  needTitle: Line,
  organisationName: Line,
  answerBy: Instant,
  acceptUrl: Link,
  declineUrl: Link,
};

const MatchWithdrawnCore = {
  matchId: ObjectIdString,
  /** The expert deleted their data: the message names nobody and gives no reason. */
  erased: z.boolean(),
  /** Absent when the expert deleted their data. */
  expertName: Line.optional(),
  needTitle: Line,
  withdrawnAt: Instant,
  reason: Paragraph.optional(),
  matchUrl: Link,
};

const ServiceRequestCore = {
  requestId: ObjectIdString,
  expertName: Line,
  serviceName: Line,
  unitName: Line,
  dueAt: Instant,
  requestUrl: Link,
};
const ServiceUnitCore = {
  requestId: ObjectIdString,
  unitName: Line,
  serviceName: Line,
  priority: z.boolean(),
  dueAt: Instant,
  requestUrl: Link,
};

const ApartmentStayCore = {
  stayId: ObjectIdString,
  expertName: Line,
  building: Line,
  room: Line,
  /** The first night and the morning of leaving, written out in the reader's language. */
  from: Line,
  to: Line,
  nights: z.number().int().min(1).max(366),
  /** Whom to call about the apartment, when known. */
  desk: z.object({ name: Line, phone: Line }).strict().optional(),
  stayUrl: Link,
};

/** A need of the expert's weekly digest, best first, with why it suits them in one line. */
const DigestNeed = z
  .object({ needId: ObjectIdString, title: Line, organisationName: Line, reason: Line, url: Link })
  .strict();
/** An open call of the expert's weekly digest, best fit first, with its last day to apply. */
const DigestCall = z
  .object({ callId: ObjectIdString, title: Line, organisationName: Line, applyBy: Line, url: Link })
  .strict();

export const EmailDataSchemas = {
  /** To the expert: the need, the employer, what is offered, why they were matched, accept/decline. */
  offer: z
    .object({
      ...OfferCore,
      regionName: Line.optional(),
      needSummary: Paragraph.optional(),
      /** What is offered, one line each (mode, days per month, period, pay, travel, ...). */
      offered: z.array(Line).min(1).max(12),
      /** Why they were matched, in plain words, one reason per line. */
      reasons: z.array(Line).min(1).max(10),
    })
    .strict(),
  'offer-reminder': z.object(OfferCore).strict(),
  /** To the employer's contact: the expert accepted; contact details follow in the app. */
  'offer-accepted-employer': z
    .object({
      matchId: ObjectIdString,
      contactName: Line,
      expertName: Line,
      needTitle: Line,
      acceptedAt: Instant,
      matchUrl: Link,
    })
    .strict(),
  'offer-declined-coordinator': z
    .object({
      matchId: ObjectIdString,
      coordinatorName: Line,
      expertName: Line,
      needTitle: Line,
      organisationName: Line,
      declinedAt: Instant,
      reason: Paragraph.optional(),
      matchUrl: Link,
    })
    .strict(),
  'offer-expired-coordinator': z
    .object({
      matchId: ObjectIdString,
      coordinatorName: Line,
      expertName: Line,
      needTitle: Line,
      organisationName: Line,
      expiredAt: Instant,
      matchUrl: Link,
    })
    .strict(),
  /**
   * To the employer's contact and to the coordinator who confirmed the match: the expert stepped back
   * from an accepted or engaged match (with their reason), or deleted their data (`erased`: no name and
   * no reason, only that the place is being filled again).
   */
  'match-withdrawn-employer': z
    .object({
      ...MatchWithdrawnCore,
      contactName: Line,
    })
    .strict(),
  'match-withdrawn-coordinator': z
    .object({
      ...MatchWithdrawnCore,
      coordinatorName: Line,
      organisationName: Line,
    })
    .strict(),
  'verify-email': z.object({ name: Line, verifyUrl: Link, expiresAt: Instant }).strict(),
  'password-reset': z.object({ name: Line, resetUrl: Link, expiresAt: Instant }).strict(),
  /**
   * To the account's address after its password was reset or changed: every session and API token was
   * ended; if it was not them, a link to reset the password again.
   */
  'password-changed': z
    .object({ name: Line, changedAt: Instant, viaResetLink: z.boolean(), forgotPasswordUrl: Link })
    .strict(),
  /**
   * To the owner of an address someone tried to sign up with: sign-up answers the same either way, so
   * the owner hears of it instead (sign in, or reset the password).
   */
  'signup-attempt': z.object({ name: Line, attemptedAt: Instant, signInUrl: Link, resetUrl: Link }).strict(),
  /** The daily digest of stale items: what waits for a coordinator's hand. */
  'coordinator-digest': z
    .object({
      coordinatorName: Line,
      staleDays: z.number().int().min(1),
      staleNeeds: z
        .array(z.object({ title: Line, organisationName: Line, openDays: z.number().int() }))
        .max(50),
      expiringOffers: z.array(z.object({ expertName: Line, needTitle: Line, expiresAt: Instant })).max(50),
      pendingOrganisations: z.number().int().min(0),
      failedEmails: z.number().int().min(0),
      dashboardUrl: Link,
    })
    .strict(),
  /** Talent services (src/modules/services/): to the expert served, at filing and at each step. */
  'service-request-received': z.object(ServiceRequestCore).strict(),
  'service-request-accepted': z.object(ServiceRequestCore).strict(),
  'service-request-in-progress': z.object(ServiceRequestCore).strict(),
  'service-request-done': z.object(ServiceRequestCore).strict(),
  'service-request-refused': z.object({ ...ServiceRequestCore, reason: Paragraph }).strict(),
  /** To the responsible unit's contact address: a new request, and the reminder the day before it is due. */
  'service-request-new-unit': z.object(ServiceUnitCore).strict(),
  'service-request-reminder': z.object(ServiceUnitCore).strict(),
  /**
   * To each coordinator: a request passed its promised time unfinished. `liaisonExpertName` (the expert
   * served) only in the message to that expert's liaison, which asks them to follow it up with the expert.
   */
  'service-request-overdue': z
    .object({ ...ServiceUnitCore, coordinatorName: Line, liaisonExpertName: Line.optional() })
    .strict(),
  /** Talent apartments (src/modules/apartments/): to the expert, when a stay is booked, cancelled or moved. */
  'apartment-stay-booked': z
    .object({ ...ApartmentStayCore, guests: z.number().int().min(0).max(5), bookedAt: Instant })
    .strict(),
  'apartment-stay-cancelled': z
    .object({ ...ApartmentStayCore, reason: Paragraph, cancelledAt: Instant })
    .strict(),
  'apartment-stay-changed': z.object({ ...ApartmentStayCore, previousTo: Line, changedAt: Instant }).strict(),
  /** To the employer's accounts: the office checked the organisation; its needs can now be published. */
  'organisation-verified': z
    .object({ name: Line, organisationName: Line, verifiedAt: Instant, organisationUrl: Link })
    .strict(),
  /** To the employer's accounts: the organisation was not accepted (or its verification withdrawn), and why. */
  'organisation-rejected': z
    .object({
      name: Line,
      organisationName: Line,
      reason: Paragraph,
      rejectedAt: Instant,
      organisationUrl: Link,
    })
    .strict(),
  /** To the employer's accounts: the office confirmed a candidate who waits for their approval. */
  'candidate-awaiting-employer': z
    .object({
      matchId: ObjectIdString,
      name: Line,
      expertName: Line,
      needTitle: Line,
      confirmedAt: Instant,
      needUrl: Link,
    })
    .strict(),
  /** To an expert the office registered in person: a welcome and a link to set their first password. */
  'expert-invitation': z.object({ name: Line, setPasswordUrl: Link, expiresAt: Instant }).strict(),
  /** To a new staff account created without a password: their role, sign-in address and a link to choose one. */
  'staff-welcome': z
    .object({ name: Line, roleName: Line, email: Line, setPasswordUrl: Link, expiresAt: Instant })
    .strict(),
  /**
   * To an expert, weekly (src/modules/digests/): what is new for them, one section per kind of thing
   * (open calls will add theirs); `unsubscribeUrl` also becomes the List-Unsubscribe header (RFC 8058).
   */
  'expert-weekly-digest': z
    .object({
      expertName: Line,
      sentAt: Instant,
      sections: z
        .array(
          z.discriminatedUnion('kind', [
            z.object({ kind: z.literal('needs'), needs: z.array(DigestNeed).min(1).max(5) }).strict(),
            z.object({ kind: z.literal('calls'), calls: z.array(DigestCall).min(1).max(5) }).strict(),
          ]),
        )
        .min(1)
        .max(5),
      profileUrl: Link,
      unsubscribeUrl: Link,
    })
    .strict(),
  /**
   * To the expert: the employer cancelled the need, so the offer they had, or the job they had accepted or
   * started (`accepted`), is off; nothing for them to do.
   */
  'need-cancelled-expert': z
    .object({
      matchId: ObjectIdString,
      expertName: Line,
      needTitle: Line,
      organisationName: Line,
      accepted: z.boolean(),
      cancelledAt: Instant,
      offersUrl: Link,
    })
    .strict(),
  /**
   * To the expert who had an offer: the employer changed what the need asks for, the offer no longer
   * fits and is withdrawn; `reasons` says which requirement, in the expert's language.
   */
  'offer-withdrawn-need-changed': z
    .object({
      matchId: ObjectIdString,
      expertName: Line,
      needTitle: Line,
      organisationName: Line,
      withdrawnAt: Instant,
      reasons: z.array(Paragraph).min(1).max(10),
      offersUrl: Link,
    })
    .strict(),
  /** To the coordinator who proposed or confirmed the match: it was withdrawn because the need changed. */
  'match-need-changed-coordinator': z
    .object({
      matchId: ObjectIdString,
      coordinatorName: Line,
      expertName: Line,
      needTitle: Line,
      organisationName: Line,
      withdrawnAt: Instant,
      reasons: z.array(Paragraph).min(1).max(10),
      /** The expert had been sent the offer. */
      wasOffered: z.boolean(),
      /** The expert was emailed that it is withdrawn (false: no address, the coordinator phones them). */
      expertTold: z.boolean(),
      matchUrl: Link,
    })
    .strict(),
  /** To the lead of an application to an open call: the employer chose another application. */
  'call-awarded-other': z
    .object({
      applicationId: ObjectIdString,
      expertName: Line,
      callTitle: Line,
      organisationName: Line,
      awardedAt: Instant,
      callsUrl: Link,
    })
    .strict(),
  /** To each expert named in a live application (its lead or a member): the employer cancelled the call. */
  'call-cancelled-applicant': z
    .object({
      applicationId: ObjectIdString,
      expertName: Line,
      /** They lead the application (false: the lead named them as a member of the team). */
      lead: z.boolean(),
      callTitle: Line,
      organisationName: Line,
      cancelledAt: Instant,
      callsUrl: Link,
    })
    .strict(),
} satisfies Record<EmailKind, z.ZodType>;

/** The data a caller passes for a kind (dates may be Date objects or ISO strings). */
export type EmailDataInput<K extends EmailKind> = z.input<(typeof EmailDataSchemas)[K]>;
export type EmailData<K extends EmailKind> = z.output<(typeof EmailDataSchemas)[K]>;
