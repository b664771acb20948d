import type { Context } from '../../context';
import { newCallsFor } from '../calls/calls.service';
import { createActionToken } from '../email/action-links';
import type { EmailData } from '../email/email.kinds';
import { type EmailLanguage, emailLanguage } from '../email/email-envelope';
import { withOutbox } from '../email/outbox-transaction';
import { weeklyDigestRecipient, weeklyDigestRecipientIds } from '../experts/expert-records.service';
import type { NeedRecord } from '../needs/need-records.service';
import { getOrganisationRecords } from '../organisations/organisation-records.service';
import { type Contribution, explainNeedFits, recommendNeeds } from '../ranking/engine';
import { enqueueExpertDigests } from './digests.jobs';
import { ExpertDigest } from './expert-digest.model';

/**
 * The weekly email to each expert: what is new for them since their last digest, one section per kind
 * of thing. Needs come from the reverse ranking (the needs the expert meets every requirement of, best
 * first); open calls from the calls the expert may apply to. Nothing new, no email.
 */

type Language = EmailLanguage;
export type DigestSection = EmailData<'expert-weekly-digest'>['sections'][number];

/** Whom a section is collected for, and from when on things count as new. */
export interface DigestReader {
  expertId: string;
  language: Language;
  since: Date;
}

/** A section and the ids of what it lists (recorded with the digest). */
export interface CollectedSection {
  section: DigestSection;
  shown: string[];
}

/** One part of the digest: null when there is nothing new of its kind for the reader. */
export type DigestSectionSource = (ctx: Context, reader: DigestReader) => Promise<CollectedSection | null>;

/** At most this many items a section. */
export const DIGEST_MAX_ITEMS = 5;
/** How many recipients one page of the weekly run reads and enqueues. */
const RECIPIENT_PAGE = 500;
const WEEK_MS = 7 * 86_400_000;
/** China time has no daylight saving: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** How long the unsubscribe link in a digest works. */
const UNSUBSCRIBE_LINK_DAYS = 365;
export const UNSUBSCRIBE_PURPOSE = 'digest-unsubscribe';

/** The ISO week of a moment in China time: "2026-W47" (Monday to Sunday). */
export function digestWeekOf(at: Date): string {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  const weekday = (local.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  // The week belongs to the year of its Thursday.
  const thursday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - weekday + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Why a need suits the expert, in one line: the reasons of the two factors that gave the most points. */
function reasonLine(contributions: readonly Contribution[], language: Language): string {
  const top = [...contributions]
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 2)
    .map((c) => c.reason[language] || c.reason['zh-CN']);
  const line = top.join(language === 'en' ? '; ' : '；');
  if (!line)
    return language === 'en' ? 'You meet every requirement of this need' : '您符合这项需求的各项要求';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** A link into the service; English readers pass the language switch first, so the page speaks English. */
function pageLink(ctx: Context, path: string, language: Language): string {
  const base = ctx.config.http.publicUrl;
  return language === 'en' ? `${base}/lang?to=en&next=${encodeURIComponent(path)}` : `${base}${path}`;
}

/** Open needs opened since the reader's last digest whose every requirement they meet, best first. */
export const newNeedsSection: DigestSectionSource = async (ctx, reader) => {
  const [store, { board, records }] = await Promise.all([ctx.experts.current(), ctx.needBoard.current()]);
  // an expert the engine cannot place (no county yet) meets no need
  if (store.side.slotOf(reader.expertId) === undefined) return null;
  const isNew = (id: string) => {
    const openedAt = records.get(id)?.openedAt;
    return openedAt instanceof Date && openedAt > reader.since;
  };
  const fits = recommendNeeds(board, store, reader.expertId, { accept: isNew }).slice(0, DIGEST_MAX_ITEMS);
  if (fits.length === 0) return null;
  const ids = fits.map((f) => f.needId);
  const explained = explainNeedFits(board, store, reader.expertId, ids);
  const needs = ids.map((id) => records.get(id) as NeedRecord);
  const orgs = new Map(
    (await getOrganisationRecords(needs.map((n) => n.organisationId))).map((o) => [String(o._id), o.name]),
  );
  const items = needs.flatMap((need, k) => {
    const organisationName = orgs.get(String(need.organisationId));
    if (!organisationName) return [];
    return [
      {
        needId: ids[k],
        title: need.title,
        organisationName,
        reason: reasonLine(explained[k].contributions, reader.language),
        url: pageLink(ctx, `/expert/recommended/${ids[k]}`, reader.language),
      },
    ];
  });
  if (items.length === 0) return null;
  return { section: { kind: 'needs', needs: items }, shown: items.map((i) => i.needId) };
};

/** Open calls published since the reader's last digest that they may apply to, best fit first. */
export const newCallsSection: DigestSectionSource = async (ctx, reader) => {
  const calls = await newCallsFor(ctx, reader.expertId, reader.since, DIGEST_MAX_ITEMS);
  const items = calls
    .filter((c) => c.organisation.name)
    .map((c) => ({
      callId: c.id,
      title: c.title,
      organisationName: c.organisation.name,
      applyBy: c.applyBy,
      url: pageLink(ctx, `/expert/calls/${c.id}`, reader.language),
    }));
  if (items.length === 0) return null;
  return { section: { kind: 'calls', calls: items }, shown: items.map((i) => i.callId) };
};

/** The sections of the digest, in the order the email shows them. */
const SECTION_SOURCES: readonly DigestSectionSource[] = [newNeedsSection, newCallsSection];

/** The one-click unsubscribe link of a digest: signed, not stored, good for a year. */
export function unsubscribeUrl(ctx: Context, expertId: string, now = new Date()): string {
  const token = createActionToken(
    {
      purpose: UNSUBSCRIBE_PURPOSE,
      subjectId: expertId,
      expiresAt: new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * 86_400_000),
    },
    ctx.config.links.secret,
  );
  return `${ctx.config.http.publicUrl}/digest/unsubscribe?token=${token}`;
}

export type DigestOutcome = 'sent' | 'already-sent' | 'not-a-recipient' | 'nothing-new';

const isDuplicateKey = (err: unknown) => (err as { code?: number })?.code === 11000;

/**
 * The expert's digest for the week, at most once: a week already recorded is skipped, and the record
 * is written in the transaction of the outbox message, under a unique (expert, week) index, so two
 * runs of the same job cannot both send. Paused, phone-only and opted-out experts, and those without
 * the profile consent, get none.
 */
export async function sendWeeklyDigest(
  ctx: Context,
  expertId: string,
  week: string,
  now = new Date(),
): Promise<DigestOutcome> {
  if (await ExpertDigest.exists({ expertId, week })) return 'already-sent';
  const expert = await weeklyDigestRecipient(expertId);
  if (!expert?.email) return 'not-a-recipient';
  const last = await ExpertDigest.findOne({ expertId }).sort({ coveredUntil: -1 }).lean();
  const language = emailLanguage(expert.preferredLanguage);
  const reader = { expertId, language, since: last?.coveredUntil ?? new Date(now.getTime() - WEEK_MS) };
  const collected: CollectedSection[] = [];
  for (const source of SECTION_SOURCES) {
    const found = await source(ctx, reader);
    if (found) collected.push(found);
  }
  if (collected.length === 0) return 'nothing-new';
  const email = expert.email;
  try {
    await withOutbox(ctx, async (tx) => {
      await ExpertDigest.create(
        [
          {
            expertId,
            week,
            coveredUntil: now,
            shown: collected.flatMap((c) => c.shown.map((id) => ({ kind: c.section.kind, id }))),
          },
        ],
        { session: tx.session },
      );
      await tx.email({
        kind: 'expert-weekly-digest',
        to: email,
        toName: expert.name,
        language,
        related: { type: 'expert', id: expertId },
        data: {
          expertName: expert.name,
          sentAt: now,
          sections: collected.map((c) => c.section),
          profileUrl: pageLink(ctx, '/expert/profile', language),
          unsubscribeUrl: unsubscribeUrl(ctx, expertId, now),
        },
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) return 'already-sent';
    throw err;
  }
  return 'sent';
}

/**
 * The weekly run: every recipient gets a job for the week, a page of ids at a time (the jobs reload
 * the expert and decide). Safe to run again: job ids and the digest records keep it to one a week.
 */
export async function startWeeklyDigest(
  ctx: Context,
  now = new Date(),
): Promise<{ week: string; experts: number }> {
  const week = digestWeekOf(now);
  let experts = 0;
  let afterId: string | undefined;
  for (;;) {
    const ids = await weeklyDigestRecipientIds(afterId, RECIPIENT_PAGE);
    await enqueueExpertDigests(ctx, week, ids);
    experts += ids.length;
    if (ids.length < RECIPIENT_PAGE) break;
    afterId = ids[ids.length - 1];
  }
  return { week, experts };
}
