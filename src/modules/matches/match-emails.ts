import type { ClientSession } from 'mongoose';
import type { Context } from '../../context';
import { getActiveUser, type UserRecord } from '../accounts/user-records.service';
import { createActionToken } from '../email/action-links';
import type { EnqueueEmailInput } from '../email/email.service';
import { type EmailLanguage, emailLanguage, envelopeFor } from '../email/email-envelope';
import type { ExpertRecord } from '../experts/expert-records.service';
import type { NeedRecord } from '../needs/need-records.service';
import type { OrganisationRecord } from '../organisations/organisation-records.service';
import type { Contribution } from '../ranking/engine';
import { getRegion } from '../regions/regions.service';
import type { MatchRecord } from './match.model';

/** Everything an email about a match may mention, loaded once by the caller. */
export interface MatchContext {
  match: MatchRecord;
  expert: ExpertRecord;
  need: NeedRecord;
  organisation: OrganisationRecord;
}

const MODE_TEXT: Record<string, Record<EmailLanguage, string>> = {
  onsite: { 'zh-CN': '驻点长期服务', en: 'On-site, long term' },
  periodic: { 'zh-CN': '定期到访', en: 'Periodic visits' },
  remote: { 'zh-CN': '远程咨询', en: 'Remote consulting' },
};

/** What the need offers, one plain line each, in the reader's language. */
export function offeredLines(need: NeedRecord, lang: EmailLanguage): string[] {
  const zh = lang === 'zh-CN';
  const lines = [MODE_TEXT[need.mode]?.[lang] ?? need.mode];
  if (need.period)
    lines.push(
      zh
        ? `服务期：${need.period.from} 至 ${need.period.to}`
        : `Period: ${need.period.from} to ${need.period.to}`,
    );
  if (need.daysPerMonth)
    lines.push(zh ? `每月约 ${need.daysPerMonth} 天` : `About ${need.daysPerMonth} days a month`);
  const o = need.offer;
  if (o?.stipendPerMonth)
    lines.push(zh ? `补贴：每月 ${o.stipendPerMonth} 元` : `Stipend: ¥${o.stipendPerMonth} a month`);
  if (o?.housing) lines.push(zh ? '提供住宿' : 'Housing provided');
  if (o?.travel) lines.push(zh ? '报销交通' : 'Travel paid');
  if (o?.other) lines.push(o.other.slice(0, 200));
  return lines;
}

/** The strongest reasons of the explanation, in plain words. */
export function reasonLines(contributions: readonly Contribution[], lang: EmailLanguage, max = 5): string[] {
  const lines = [...contributions]
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, max)
    .map((c) => c.reason[lang]);
  return lines.length > 0
    ? lines
    : [lang === 'zh-CN' ? '符合本需求的基本条件' : 'Meets the basic requirements of this need'];
}

/** The offer to the expert; null for an expert without an address (the coordinator relays it by phone). */
export function offerEmail(ctx: Context, about: MatchContext, expiresAt: Date): EnqueueEmailInput | null {
  const { match, expert, need, organisation } = about;
  const matchId = String(match._id);
  const envelope = envelopeFor(expert, { type: 'match', id: matchId });
  if (!envelope) return null;
  const lang = envelope.language;
  const token = (purpose: string) =>
    createActionToken({ purpose, subjectId: matchId, expiresAt }, ctx.config.links.secret);
  const url = (path: string) => `${ctx.config.http.publicUrl}${path}`;
  // English readers arrive through the language switch, so the page speaks their language.
  const link = (purpose: string) => {
    const path = `/offers/respond?token=${token(purpose)}`;
    return url(lang === 'en' ? `/lang?to=en&next=${encodeURIComponent(path)}` : path);
  };
  return {
    ...envelope,
    kind: 'offer',
    data: {
      matchId,
      expertName: expert.name,
      needTitle: need.title,
      organisationName: organisation.name,
      regionName: getRegion(need.county)?.[lang === 'en' ? 'nameEn' : 'name'],
      needSummary: need.description ? need.description.slice(0, 2000) : undefined,
      answerBy: expiresAt,
      acceptUrl: link('offer-accept'),
      declineUrl: link('offer-decline'),
      offered: offeredLines(need, lang),
      reasons: reasonLines((match.contributions ?? []) as Contribution[], lang),
    },
  };
}

export function reminderEmail(ctx: Context, about: MatchContext, expiresAt: Date): EnqueueEmailInput | null {
  const offer = offerEmail(ctx, about, expiresAt);
  if (!offer) return null;
  if (offer.kind !== 'offer') throw new Error('unreachable');
  const { matchId, expertName, needTitle, organisationName, answerBy, acceptUrl, declineUrl } = offer.data;
  return {
    ...offer,
    kind: 'offer-reminder',
    data: { matchId, expertName, needTitle, organisationName, answerBy, acceptUrl, declineUrl },
  };
}

export function acceptedEmployerEmail(
  ctx: Context,
  about: MatchContext,
  acceptedAt: Date,
): EnqueueEmailInput {
  const { match, expert, need, organisation } = about;
  return {
    kind: 'offer-accepted-employer',
    to: organisation.contact.email,
    toName: organisation.contact.name,
    language: 'zh-CN',
    related: { type: 'match', id: String(match._id) },
    data: {
      matchId: String(match._id),
      contactName: organisation.contact.name,
      expertName: expert.name,
      needTitle: need.title,
      acceptedAt,
      matchUrl: `${ctx.config.http.publicUrl}/matches/${String(match._id)}`,
    },
  };
}

/** The coordinator who confirmed the match hears when it falls through. */
export async function coordinatorOf(match: MatchRecord, session?: ClientSession): Promise<UserRecord | null> {
  const confirmed = [...(match.history ?? [])].reverse().find((h) => h.to === 'confirmed' && h.byUserId);
  if (!confirmed) return null;
  return (await getActiveUser(confirmed.byUserId, session)) ?? null;
}

export function fellThroughEmail(
  ctx: Context,
  about: MatchContext,
  coordinator: UserRecord,
  outcome: 'declined' | 'expired',
  at: Date,
  reason?: string,
): EnqueueEmailInput {
  const { match, expert, need, organisation } = about;
  const common = {
    matchId: String(match._id),
    coordinatorName: coordinator.displayName,
    expertName: expert.name,
    needTitle: need.title,
    organisationName: organisation.name,
    matchUrl: `${ctx.config.http.publicUrl}/matches/${String(match._id)}`,
  };
  const envelope = {
    to: coordinator.email,
    toName: coordinator.displayName,
    language: emailLanguage(coordinator.preferredLanguage),
    related: { type: 'match', id: String(match._id) },
  };
  return outcome === 'declined'
    ? {
        ...envelope,
        kind: 'offer-declined-coordinator',
        data: { ...common, declinedAt: at, reason: reason || undefined },
      }
    : { ...envelope, kind: 'offer-expired-coordinator', data: { ...common, expiredAt: at } };
}

/**
 * The expert stepped back from the match, or deleted their data (`erased`): the employer's contact
 * and the coordinator who confirmed the match hear of it. After an erasure the messages name nobody
 * and carry no reason, so the outbox keeps nothing of the person.
 */
export function withdrawnEmails(
  ctx: Context,
  about: MatchContext,
  coordinator: UserRecord | null,
  event: { erased: boolean; at: Date; reason?: string },
): EnqueueEmailInput[] {
  const { match, expert, need, organisation } = about;
  const matchId = String(match._id);
  const common = {
    matchId,
    erased: event.erased,
    expertName: event.erased ? undefined : expert.name,
    needTitle: need.title,
    withdrawnAt: event.at,
    reason: event.erased ? undefined : event.reason || undefined,
    matchUrl: `${ctx.config.http.publicUrl}/matches/${matchId}`,
  };
  const related = { type: 'match', id: matchId };
  const emails: EnqueueEmailInput[] = [
    {
      kind: 'match-withdrawn-employer',
      to: organisation.contact.email,
      toName: organisation.contact.name,
      language: 'zh-CN',
      related,
      data: { ...common, contactName: organisation.contact.name },
    },
  ];
  if (coordinator) {
    emails.push({
      kind: 'match-withdrawn-coordinator',
      to: coordinator.email,
      toName: coordinator.displayName,
      language: emailLanguage(coordinator.preferredLanguage),
      related,
      data: { ...common, coordinatorName: coordinator.displayName, organisationName: organisation.name },
    });
  }
  return emails;
}
