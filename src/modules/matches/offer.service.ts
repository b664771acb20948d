import type { ClientSession } from 'mongoose';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { ConflictError } from '../../lib/errors';
import { type OutboxTransaction, withOutbox } from '../email/outbox-transaction';
import { ensureLiaison } from '../liaisons/liaison-assignment.service';
import { recordPlacement } from '../needs/need-status.service';
import { releasePlace, startEngagement } from './expert-places';
import { Match, type MatchRecord } from './match.model';
import { loadMatchContext, withRecords } from './match-context';
import {
  acceptedEmployerEmail,
  coordinatorOf,
  fellThroughEmail,
  offerEmail,
  reminderEmail,
} from './match-emails';
import { type Channel, transition } from './match-transitions';
import { offerDeadlines } from './offer-deadline';
import { scheduleOfferDeadlines } from './offer-deadlines.jobs';
import { reroute } from './rerouting.service';

/** An offer about to be made: when, until when, and the reminder time. */
export interface OfferTimes {
  offeredAt: Date;
  expiresAt: Date;
  remindAt: Date;
}

export function offerTimes(ctx: Context, offeredAt = new Date()): OfferTimes {
  return { offeredAt, ...offerDeadlines(offeredAt, ctx.config.workflow) };
}

/**
 * The offer inside the caller's transaction: confirmed or approved by the employer → offered, with
 * the offer email in the outbox. The caller schedules the deadlines after the commit.
 */
export async function makeOffer(
  ctx: Context,
  tx: OutboxTransaction,
  matchId: string,
  times: OfferTimes,
  actor?: Actor,
): Promise<MatchRecord> {
  const offered = await transition({
    matchId,
    from: ['confirmed', 'awaiting_employer'],
    to: 'offered',
    actor,
    channel: actor ? 'web' : 'system',
    set: { offeredAt: times.offeredAt, offerExpiresAt: times.expiresAt },
    session: tx.session,
  });
  const about = await withRecords(offered, tx.session);
  const offer = offerEmail(ctx, about, times.expiresAt);
  if (offer) await tx.email(offer);
  return offered;
}

/** After the commit: a lost schedule is made up by the sweep, which expires overdue offers. */
export const scheduleOffer = (ctx: Context, matchId: string, times: OfferTimes) =>
  scheduleOfferDeadlines(ctx, matchId, times.offeredAt, times);

/** confirmed or approved by the employer → offered: the offer email goes out and deadlines are set. */
export async function sendOffer(ctx: Context, matchId: string, actor?: Actor): Promise<MatchRecord> {
  const times = offerTimes(ctx);
  const match = await withOutbox(ctx, (tx) => makeOffer(ctx, tx, matchId, times, actor));
  await scheduleOffer(ctx, matchId, times);
  return match;
}

export type Answer = 'accept' | 'decline';

/**
 * The expert's answer, from the emailed link, their pages, or recorded by a coordinator who took it
 * by phone or in person. Accepting engages the expert at once: the need's filled count and the
 * expert's load go up and the employer is told. Declining frees the place and re-routes.
 */
export async function answerOffer(
  ctx: Context,
  matchId: string,
  answer: Answer,
  options: {
    actor?: Actor;
    channel: Channel;
    reason?: string;
    scope?: Record<string, unknown>;
    /** Runs inside the answer's transaction first (e.g. using up the emailed link's token). */
    within?: (session: ClientSession) => Promise<unknown>;
  },
): Promise<MatchRecord> {
  const at = new Date();
  if (answer === 'decline') {
    const declined = await withOutbox(ctx, async ({ session, email }) => {
      await options.within?.(session);
      const m = await transition({
        matchId,
        from: 'offered',
        to: 'declined',
        actor: options.actor,
        channel: options.channel,
        reason: options.reason,
        set: { answeredAt: at },
        scope: options.scope,
        session,
      });
      await releasePlace(String(m.expertId), session);
      const about = await withRecords(m, session);
      const coordinator = await coordinatorOf(m, session);
      if (coordinator) {
        await email(fellThroughEmail(ctx, about, coordinator, 'declined', at, options.reason));
      }
      return m;
    });
    await reroute(ctx, String(declined.needId));
    return declined;
  }
  return withOutbox(ctx, async ({ session, email }) => {
    await options.within?.(session);
    const accepted = await transition({
      matchId,
      from: 'offered',
      to: 'accepted',
      actor: options.actor,
      channel: options.channel,
      reason: options.reason,
      set: { answeredAt: at },
      scope: options.scope,
      session,
    });
    const need = await recordPlacement(String(accepted.needId), session);
    if (!need) throw new ConflictError('This need has already been filled.', 'NEED_FILLED');
    const engaged = await transition({
      matchId,
      from: 'accepted',
      to: 'engaged',
      channel: 'system',
      session,
    });
    await startEngagement(String(engaged.expertId), session);
    await ensureLiaison(ctx, String(engaged.expertId), session);
    const about = await withRecords(engaged, session);
    await email(acceptedEmployerEmail(ctx, about, at));
    return engaged;
  });
}

/** The deadline passed without an answer: expire, tell the coordinator, re-route. No-op if answered. */
export async function expireOffer(
  ctx: Context,
  matchId: string,
  now = new Date(),
): Promise<MatchRecord | null> {
  const expired = await withOutbox(ctx, async ({ session, email }) => {
    const about = await loadMatchContext(matchId, session);
    const due = about.match.offerExpiresAt && about.match.offerExpiresAt.getTime() <= now.getTime();
    if (about.match.status !== 'offered' || !due) return null;
    const m = await transition({ matchId, from: 'offered', to: 'expired', channel: 'system', session });
    await releasePlace(String(m.expertId), session);
    const coordinator = await coordinatorOf(m, session);
    if (coordinator) await email(fellThroughEmail(ctx, about, coordinator, 'expired', now));
    return m;
  });
  if (expired) await reroute(ctx, String(expired.needId));
  return expired;
}

/** One reminder per offer, only while it is still open: recorded with the reminder email. */
export async function remindOffer(ctx: Context, matchId: string): Promise<boolean> {
  return withOutbox(ctx, async ({ session, email }) => {
    const about = await loadMatchContext(matchId, session);
    const { match } = about;
    if (match.status !== 'offered' || match.remindedAt || !match.offerExpiresAt) return false;
    const res = await Match.updateOne(
      { _id: matchId, status: 'offered', remindedAt: { $exists: false } },
      { $set: { remindedAt: new Date() } },
      { session },
    );
    if (res.modifiedCount !== 1) return false;
    const reminder = reminderEmail(ctx, about, match.offerExpiresAt);
    if (reminder) await email(reminder);
    return true;
  });
}
