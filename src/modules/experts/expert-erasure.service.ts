import { Types } from 'mongoose';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { forgetPersonInOutbox } from '../email/outbox-erasure.service';
import { expertMatchesIn } from '../matches/match-queries.service';
import { OPEN_STATUSES } from '../matches/match-transitions';
import { cancelForErasure } from '../matches/match-workflow.service';
import { removeFromCandidateLists } from '../ranking/candidate-snapshot-records.service';
import { deleteInterestsOfExpert } from '../ranking/interest-records.service';
import { enqueueExpertChanged } from '../ranking/ranking.jobs';
import { Expert } from './expert.model';

export const ANONYMOUS_NAME = '已注销用户';
export const anonymousEmail = (id: string): string => `deleted-${id}@invalid.local`;

/**
 * Cancels each match still in play (engagements too) through the lifecycle: what it held is given
 * back, the employer and the coordinator are told, and the need is re-routed. A match the workflow
 * ends at the same moment is left to the workflow (and counted as skipped). Safe to run again.
 */
export async function withdrawFromOpenMatches(
  ctx: Context,
  expertId: string,
  actor: Actor,
): Promise<{ cancelled: number; skipped: number }> {
  const open = await expertMatchesIn(expertId, OPEN_STATUSES);
  let cancelled = 0;
  for (const m of open) {
    if (await cancelForErasure(ctx, actor, String(m._id))) cancelled++;
  }
  return { cancelled, skipped: open.length - cancelled };
}

/**
 * The erased expert leaves every candidate list now, in MongoDB and in this process's ranking store
 * (their expressions of interest are deleted), and every open need is ranked again by the worker.
 */
export async function removeFromCandidates(ctx: Context, expertId: string): Promise<void> {
  await removeFromCandidateLists(expertId);
  await deleteInterestsOfExpert(expertId);
  ctx.experts.forget(expertId);
}

/**
 * The outbox forgets the expert: messages to them go, messages to others about them (their matches,
 * service requests and stays) name the placeholder. Runs before the profile is anonymised, while
 * the name and address are still known, so a crash in between is repaired by running again.
 */
export async function forgetExpertInOutbox(
  ctx: Context,
  expertId: string,
  accountEmail: string | undefined,
  related: { type: string; id: string }[],
): Promise<void> {
  const expert = await Expert.findById(expertId).select('name email').lean();
  if (!expert || expert.name === ANONYMOUS_NAME) return;
  const emails = [expert.email, accountEmail].filter((e): e is string => typeof e === 'string' && e !== '');
  await forgetPersonInOutbox(ctx, { emails, name: expert.name, placeholder: ANONYMOUS_NAME, related });
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
