import type { Context } from '../../src/context';
import type { Actor } from '../../src/lib/actor';
import { ConflictError } from '../../src/lib/errors';
import { User } from '../../src/modules/accounts/user.model';
import {
  endEngagement,
  releasePlace,
  reservePlace,
  startEngagement,
  touchExpert,
} from '../../src/modules/matches/expert-places';
import { Match } from '../../src/modules/matches/match.model';
import { offerDeadlines } from '../../src/modules/matches/offer-deadline';
import { Need } from '../../src/modules/needs/need.model';
import { closeNeed, recordPlacement, releasePlacement } from '../../src/modules/needs/need-status.service';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { historyOf, type Outcome, pathTo } from './match-paths';
import type { SeededNeed } from './needs';

const RESERVING: Outcome[] = ['awaiting_employer', 'offered', 'engaged', 'completed', 'cancelled'];
const PLACED: Outcome[] = ['engaged', 'completed', 'cancelled'];

export interface MatchPlan {
  need: SeededNeed;
  outcomes: Outcome[];
  /** Put this expert first when the ranking found them (the demo expert's offer). */
  preferExpertId?: string;
  /** Close the need afterwards (an engagement that is over). */
  close?: boolean;
}

/** When each outcome's last step happened, in days before now. */
const END_DAYS: Record<Outcome, number> = {
  proposed: 1,
  rejected: 6,
  awaiting_employer: 2,
  offered: 2,
  declined: 12,
  expired: 15,
  engaged: 30,
  completed: 20,
  cancelled: 25,
};

/**
 * Ranks the need with the real engine (which also marks it matching), then writes each match with
 * its whole history and moves the counters with the workflow's own functions: places reserved and
 * released, engagements started and ended, the need's filled count recorded. Experts without a free
 * place are skipped, as confirming them would be refused.
 */
export async function seedMatchesFor(ctx: Context, plan: MatchPlan, coordinator: Actor, now: Date) {
  // A story with two engagements needs a need that wants two experts.
  const placed = plan.outcomes.filter((o) => PLACED.includes(o)).length;
  await Need.updateOne(
    { _id: plan.need.id, expertsWanted: { $lt: placed } },
    { $set: { expertsWanted: placed } },
  );
  const snapshot = await rankNeed(ctx, plan.need.id);
  const need = await Need.findById(plan.need.id).lean();
  if (!snapshot || !need) return 0;
  const candidates = [...snapshot.candidates].sort(
    (a, b) =>
      Number(String(b.expertId) === plan.preferExpertId) - Number(String(a.expertId) === plan.preferExpertId),
  );
  let created = 0;
  let next = 0;
  for (const outcome of plan.outcomes) {
    while (next < candidates.length) {
      const c = candidates[next++];
      const expertId = String(c.expertId);
      if (RESERVING.includes(outcome)) {
        try {
          await reservePlace(expertId);
        } catch (err) {
          if (err instanceof ConflictError) continue;
          throw err;
        }
      }
      if (PLACED.includes(outcome) && !(await recordPlacement(plan.need.id))) {
        await releasePlace(expertId); // the need is full: this engagement cannot happen
        break;
      }
      const user = await User.findOne({ expertId: c.expertId }).select('_id').lean();
      const path = pathTo(outcome, need.employerApproval);
      const history = historyOf(
        path,
        { coordinator, employer: plan.need.org.employer, expertUserId: String(user?._id) },
        now,
        END_DAYS[outcome],
        outcome === 'completed' ? 30 : 2,
      );
      const offered = history.find((h) => h.to === 'offered')?.at;
      const deadline = offered ? offerDeadlines(offered, ctx.config.workflow) : undefined;
      const answered = history.find((h) => ['accepted', 'declined'].includes(h.to))?.at;
      await Match.create({
        needId: need._id,
        expertId: c.expertId,
        organisationId: need.organisationId,
        status: path[path.length - 1],
        score: c.score,
        rank: c.rank,
        contributions: c.contributions,
        history,
        ...(offered ? { offeredAt: offered, offerExpiresAt: deadline?.expiresAt } : {}),
        ...(answered ? { answeredAt: answered } : {}),
        ...(outcome === 'completed' ? { rating: 5, ratingComment: '专家认真负责，带教效果很好。' } : {}),
      });
      if (PLACED.includes(outcome)) await startEngagement(expertId);
      if (outcome === 'completed' || outcome === 'cancelled') await endEngagement(expertId);
      if (outcome === 'cancelled') await releasePlacement(plan.need.id);
      await touchExpert(expertId);
      created++;
      break;
    }
  }
  if (plan.close) await closeNeed(ctx, coordinator, plan.need.id);
  return created;
}

/** Ranks needs without matches too, so the coordinator's candidate lists are ready. */
export async function rankOnly(ctx: Context, needIds: readonly string[]): Promise<void> {
  for (const id of needIds) await rankNeed(ctx, id);
}
