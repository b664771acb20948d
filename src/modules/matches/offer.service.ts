import mongoose from 'mongoose';
import type { Actor } from '../../lib/actor';
import { ConflictError } from '../../lib/errors';
import { producerConfig } from '../../lib/producers';
import { enqueueEmail, type QueuedEmail } from '../email/email.service';
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

/**
 * Runs a state change and the emails it causes in one transaction (the transactional outbox), then
 * hands the emails to the queue. If the queue is down they wait in the outbox for the reconciler.
 */
async function withOutbox<T>(
  work: (session: mongoose.ClientSession, emails: QueuedEmail[]) => Promise<T>,
): Promise<T> {
  const emails: QueuedEmail[] = [];
  const result = await mongoose.connection.transaction(async (session) => {
    emails.length = 0; // a retried transaction starts again
    return work(session, emails);
  });
  await Promise.all(emails.map((e) => e.dispatch()));
  return result;
}

/** confirmed or approved by the employer → offered: the offer email goes out and deadlines are set. */
export async function sendOffer(matchId: string, actor?: Actor): Promise<MatchRecord> {
  const offeredAt = new Date();
  const { expiresAt, remindAt } = offerDeadlines(offeredAt, producerConfig().workflow);
  const match = await withOutbox(async (session, emails) => {
    const offered = await transition({
      matchId,
      from: ['confirmed', 'awaiting_employer'],
      to: 'offered',
      actor,
      channel: actor ? 'web' : 'system',
      set: { offeredAt, offerExpiresAt: expiresAt },
      session,
    });
    const ctx = await withRecords(offered, session);
    emails.push(await enqueueEmail(offerEmail(ctx, expiresAt), { session }));
    return offered;
  });
  await scheduleOfferDeadlines(matchId, offeredAt, { remindAt, expiresAt });
  return match;
}

export type Answer = 'accept' | 'decline';

/**
 * The expert's answer, from the emailed link, their pages, or recorded by a coordinator who took it
 * by phone or in person. Accepting engages the expert at once: the need's filled count and the
 * expert's load go up and the employer is told. Declining frees the place and re-routes.
 */
export async function answerOffer(
  matchId: string,
  answer: Answer,
  options: {
    actor?: Actor;
    channel: Channel;
    reason?: string;
    scope?: Record<string, unknown>;
    /** Runs inside the answer's transaction first (e.g. using up the emailed link's token). */
    within?: (session: mongoose.ClientSession) => Promise<unknown>;
  },
): Promise<MatchRecord> {
  const at = new Date();
  if (answer === 'decline') {
    const declined = await withOutbox(async (session, emails) => {
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
      const ctx = await withRecords(m, session);
      const coordinator = await coordinatorOf(m);
      if (coordinator) {
        emails.push(
          await enqueueEmail(fellThroughEmail(ctx, coordinator, 'declined', at, options.reason), { session }),
        );
      }
      return m;
    });
    await reroute(String(declined.needId));
    return declined;
  }
  return withOutbox(async (session, emails) => {
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
    const ctx = await withRecords(engaged, session);
    emails.push(await enqueueEmail(acceptedEmployerEmail(ctx, at), { session }));
    return engaged;
  });
}

/** The deadline passed without an answer: expire, tell the coordinator, re-route. No-op if answered. */
export async function expireOffer(matchId: string, now = new Date()): Promise<MatchRecord | null> {
  const expired = await withOutbox(async (session, emails) => {
    const ctx = await loadMatchContext(matchId, session);
    const due = ctx.match.offerExpiresAt && ctx.match.offerExpiresAt.getTime() <= now.getTime();
    if (ctx.match.status !== 'offered' || !due) return null;
    const m = await transition({ matchId, from: 'offered', to: 'expired', channel: 'system', session });
    await releasePlace(String(m.expertId), session);
    const coordinator = await coordinatorOf(m);
    if (coordinator)
      emails.push(await enqueueEmail(fellThroughEmail(ctx, coordinator, 'expired', now), { session }));
    return m;
  });
  if (expired) await reroute(String(expired.needId));
  return expired;
}

/** One reminder per offer, only while it is still open: recorded with the reminder email. */
export async function remindOffer(matchId: string): Promise<boolean> {
  return withOutbox(async (session, emails) => {
    const ctx = await loadMatchContext(matchId, session);
    const { match } = ctx;
    if (match.status !== 'offered' || match.remindedAt || !match.offerExpiresAt) return false;
    const res = await Match.updateOne(
      { _id: matchId, status: 'offered', remindedAt: { $exists: false } },
      { $set: { remindedAt: new Date() } },
      { session },
    );
    if (res.modifiedCount !== 1) return false;
    emails.push(await enqueueEmail(reminderEmail(ctx, match.offerExpiresAt), { session }));
    return true;
  });
}
