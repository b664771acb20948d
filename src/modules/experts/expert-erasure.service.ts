import { Types } from 'mongoose';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/errors';
import { expertMatchesIn, type MatchStatus } from '../matches/match-queries.service';
import { transition } from '../matches/match-transitions';
import { enqueueExpertChanged } from '../ranking/ranking.jobs';
import { Expert } from './expert.model';

/** Matches still in progress: the expert is withdrawn from these when they delete their data. */
export const OPEN_MATCH_STATUSES: readonly MatchStatus[] = [
  'proposed',
  'confirmed',
  'awaiting_employer',
  'offered',
];

export const ANONYMOUS_NAME = '已注销用户';
export const anonymousEmail = (id: string): string => `deleted-${id}@invalid.local`;

/**
 * Cancels each open match with a history entry. Every change is conditional on the status just read,
 * so a match the workflow moves at the same moment is left to the workflow (and counted as skipped).
 */
export async function withdrawFromOpenMatches(
  expertId: string,
  actor: Actor,
  reason: string,
): Promise<{ cancelled: number; skipped: number }> {
  const open = await expertMatchesIn(expertId, OPEN_MATCH_STATUSES);
  let cancelled = 0;
  for (const m of open) {
    try {
      await transition({
        matchId: String(m._id),
        from: m.status,
        to: 'cancelled',
        actor,
        channel: 'web',
        reason,
      });
      cancelled++;
    } catch (err) {
      if (!(err instanceof AppError) || (err.httpStatus !== 409 && err.httpStatus !== 404)) throw err;
    }
  }
  return { cancelled, skipped: open.length - cancelled };
}

/**
 * Removes what identifies the person and keeps what statistics need: residence county, fields and skills,
 * title and skill level, honour levels and years, modes and the counters. Consent records stay as
 * proof of what was consented to. Safe to run twice.
 */
export async function anonymiseExpert(ctx: Context, expertId: string): Promise<void> {
  const expert = await Expert.findById(expertId).select('honours').lean();
  if (!expert) return;
  await Expert.updateOne(
    { _id: new Types.ObjectId(expertId) },
    {
      $set: {
        name: ANONYMOUS_NAME,
        email: anonymousEmail(expertId),
        status: 'deleted',
        deletedAt: new Date(),
        tags: [],
        honours: (expert.honours ?? []).map((h) => ({ level: h.level, year: h.year })),
        'availability.paused': true,
      },
      $unset: {
        phone: 1,
        birthYear: 1,
        gender: 1,
        homeCounty: 1,
        formerEmployer: 1,
        position: 1,
        healthNote: 1,
        expectations: 1,
        'availability.pauseReason': 1,
      },
    },
  );
  // the erased expert leaves every candidate list at once, not at the next ranking
  await enqueueExpertChanged(ctx, expertId);
}
