import type { Context } from '../../context';
import { ConflictError } from '../../lib/errors';
import { Match, type MatchRecord } from './match.model';
import { expireOffer, remindOffer } from './offer.service';
import { offerDeadlines } from './offer-deadline';
import { type OfferDeadlineTimes, restoreOfferDeadlines } from './offer-deadlines.jobs';

/**
 * The periodic sweep behind the delayed jobs: whatever a lost job (Redis restarted empty, or down
 * when the offer was sent) should have done, it does now. Each step re-checks the recorded state.
 */

/** Expires every overdue offer whose delayed job never ran (lost with a Redis restart). */
export async function expireOverdueOffers(ctx: Context, now = new Date()): Promise<number> {
  const overdue = await Match.find({ status: 'offered', offerExpiresAt: { $lte: now } })
    .select('_id')
    .sort({ offerExpiresAt: 1, _id: 1 })
    .limit(500)
    .lean<MatchRecord[]>();
  let expired = 0;
  for (const m of overdue) {
    try {
      if (await expireOffer(ctx, String(m._id), now)) expired++;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err; // answered meanwhile
    }
  }
  return expired;
}

/** Sends the reminders whose delayed job never ran (lost with a Redis restart, or never scheduled). */
export async function remindDueOffers(ctx: Context, now = new Date()): Promise<number> {
  const open = await Match.find({
    status: 'offered',
    remindedAt: { $exists: false },
    offerExpiresAt: { $gt: now },
  })
    .select('_id offeredAt')
    .sort({ offerExpiresAt: 1, _id: 1 })
    .limit(500)
    .lean<MatchRecord[]>();
  const { workflow } = ctx.config;
  let reminded = 0;
  for (const m of open) {
    if (!m.offeredAt || offerDeadlines(m.offeredAt, workflow).remindAt > now) continue;
    if (await remindOffer(ctx, String(m._id))) reminded++;
  }
  return reminded;
}

const RESTORE_PAGE = 500;

/**
 * Adds the reminder and expiry jobs of every open offer again, from MongoDB, with the job ids they
 * were first given: after Redis lost them (restarted empty), offers expire and reminders go out on
 * time again. Jobs that still exist are left alone; an overdue offer's expiry runs at once (and the
 * sweep would expire it too). Pages through the offers by deadline; throws when Redis fails.
 */
export async function restoreOpenOfferDeadlines(ctx: Context): Promise<number> {
  const { workflow } = ctx.config;
  let restored = 0;
  let after: (Pick<MatchRecord, '_id'> & { offerExpiresAt: Date }) | undefined;
  for (;;) {
    const page = await Match.find({
      status: 'offered',
      ...(after
        ? {
            $or: [
              { offerExpiresAt: { $gt: after.offerExpiresAt } },
              { offerExpiresAt: after.offerExpiresAt, _id: { $gt: after._id } },
            ],
          }
        : {}),
    })
      .select('_id offeredAt offerExpiresAt remindedAt')
      .sort({ offerExpiresAt: 1, _id: 1 })
      .limit(RESTORE_PAGE)
      .lean<MatchRecord[]>();
    const offers: OfferDeadlineTimes[] = page.flatMap((m) =>
      m.offeredAt && m.offerExpiresAt
        ? [
            {
              matchId: String(m._id),
              offeredAt: m.offeredAt,
              remindAt: offerDeadlines(m.offeredAt, workflow).remindAt,
              expiresAt: m.offerExpiresAt,
              reminded: Boolean(m.remindedAt),
            },
          ]
        : [],
    );
    await restoreOfferDeadlines(ctx, offers);
    restored += offers.length;
    const last = page.at(-1);
    if (page.length < RESTORE_PAGE || !last?.offerExpiresAt) return restored;
    after = { offerExpiresAt: last.offerExpiresAt, _id: last._id };
  }
}
