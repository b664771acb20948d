import type { Context } from '../../context';
import { ConflictError } from '../../lib/errors';
import { Match, type MatchRecord } from './match.model';
import { expireOffer, remindOffer } from './offer.service';
import { offerDeadlines } from './offer-deadline';

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
