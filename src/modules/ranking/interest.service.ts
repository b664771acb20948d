import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { expertLabels, getExpertRecord } from '../experts/expert-records.service';
import { matchFactsOfExperts } from '../matches/match-queries.service';
import { isMatchable } from '../needs/matchable.service';
import { loadVisibleNeed } from '../needs/need.service';
import { needTitles } from '../needs/need-records.service';
import { getOrganisationRecord } from '../organisations/organisation-records.service';
import { touchCandidateLists } from './candidate-snapshot-records.service';
import { explain } from './engine';
import { toEngineNeed } from './engine-mapping';
import { Interest, type InterestRecord } from './interest.model';
import type { InterestBody, InterestView, MyInterestsPage, NeedInterestsPage } from './interest.schemas';
import { interestsOfNeeds } from './interest-records.service';
import { enqueueRank } from './ranking.jobs';

/**
 * Expressions of interest ("我有意向"): an expert who meets every requirement of an open need says they
 * are interested; the need is ranked again (interested experts earn the interest factor and are listed
 * first, marked). Repeating is idempotent (the first interest and its note stand); withdrawing is
 * possible until the office has proposed the expert for the need. Employers never see interests.
 */

function expertIdOf(actor: Actor): string {
  if (!actor.expertId) throw new NotFoundError('Expert');
  return actor.expertId;
}

/** Whether the office has made a proposal (a match, whatever became of it) for the expert and need. */
async function proposed(expertId: string, needId: string): Promise<boolean> {
  const facts = (await matchFactsOfExperts([expertId])).get(expertId) ?? [];
  return facts.some((m) => String(m.needId) === needId);
}

function toView(i: InterestRecord, withdrawable: boolean): InterestView {
  return { needId: String(i.needId), note: i.note ?? '', createdAt: i.createdAt, withdrawable };
}

/** Checks, with the engine now, that the expert meets every requirement of the open need. */
async function assertEligible(ctx: Context, expertId: string, needId: string, actor: Actor) {
  const need = await loadVisibleNeed(actor, needId);
  const expert = await getExpertRecord(expertId);
  if (!expert || expert.status === 'deleted') throw new NotFoundError('Expert');
  if (expert.status === 'paused' || expert.availability?.paused) {
    throw new ConflictError('You have paused: resume before showing interest in a need.', 'EXPERT_PAUSED');
  }
  const org = await getOrganisationRecord(need.organisationId);
  if (!isMatchable(need, org))
    throw new ConflictError('This need is not open for matching.', 'NEED_NOT_OPEN');
  const store = await ctx.experts.current();
  if (store.side.slotOf(expertId) === undefined) {
    throw new ConflictError('Your profile cannot be matched yet: add your county first.', 'NOT_ELIGIBLE', {
      reasons: [{ filter: 'travel', reason: { 'zh-CN': '尚未填写所在区县', en: 'No county given yet' } }],
    });
  }
  const verdict = explain(store, toEngineNeed(need), expertId);
  if (verdict.excluded) {
    throw new ConflictError('You do not meet every requirement of this need.', 'NOT_ELIGIBLE', {
      reasons: verdict.reasons,
    });
  }
}

/** "我有意向" on a need (idempotent: a repeat returns the interest already recorded). */
export async function expressInterest(
  ctx: Context,
  actor: Actor,
  needId: string,
  body: InterestBody,
): Promise<InterestView> {
  const expertId = expertIdOf(actor);
  const existing = await Interest.findOne({ expertId, needId }).lean<InterestRecord>();
  if (existing) return toView(existing, !(await proposed(expertId, needId)));
  await assertEligible(ctx, expertId, needId, actor);
  const saved = await Interest.findOneAndUpdate(
    { expertId, needId },
    { $setOnInsert: { expertId, needId, note: body.note ?? '' } },
    { upsert: true, returnDocument: 'after' },
  ).lean<InterestRecord>();
  if (!saved) throw new NotFoundError('Interest');
  await touchCandidateLists([needId]);
  await enqueueRank(ctx, needId, 'interest');
  return toView(saved, !(await proposed(expertId, needId)));
}

/** Withdraws the expert's interest; refused once the office has proposed them for the need. */
export async function withdrawInterest(ctx: Context, actor: Actor, needId: string): Promise<void> {
  const expertId = expertIdOf(actor);
  const existing = await Interest.findOne({ expertId, needId }).lean<InterestRecord>();
  if (!existing) throw new NotFoundError('Interest');
  if (await proposed(expertId, needId)) {
    throw new ConflictError(
      'The office has already proposed you for this need: the interest can no longer be withdrawn.',
      'PROPOSAL_MADE',
    );
  }
  await Interest.deleteOne({ _id: existing._id });
  await touchCandidateLists([needId]);
  await enqueueRank(ctx, needId, 'interest withdrawn');
}

/** The signed-in expert's interest in one need, or null. */
export async function myInterestIn(actor: Actor, needId: string): Promise<InterestView | null> {
  const expertId = expertIdOf(actor);
  const found = await Interest.findOne({ expertId, needId }).lean<InterestRecord>();
  return found ? toView(found, !(await proposed(expertId, needId))) : null;
}

/** The signed-in expert's interests, newest first, with each need's title. */
export async function myInterests(actor: Actor): Promise<MyInterestsPage> {
  const expertId = expertIdOf(actor);
  const found = await Interest.find({ expertId }).sort({ createdAt: -1, _id: -1 }).lean<InterestRecord[]>();
  const facts = (await matchFactsOfExperts([expertId])).get(expertId) ?? [];
  const proposedFor = new Set(facts.map((m) => String(m.needId)));
  const titles = await needTitles(found.map((i) => i.needId));
  return {
    items: found.map((i) => ({
      ...toView(i, !proposedFor.has(String(i.needId))),
      needTitle: titles.get(String(i.needId)) ?? '',
    })),
  };
}

/** Staff: the experts interested in a need, oldest interest first, with their notes. */
export async function needInterests(actor: Actor, needId: string): Promise<NeedInterestsPage> {
  await loadVisibleNeed(actor, needId);
  const found = (await interestsOfNeeds([needId])).get(needId) ?? [];
  const labels = await expertLabels(found.map((i) => i.expertId));
  return {
    items: found.map((i) => ({
      expertId: String(i.expertId),
      name: labels.get(String(i.expertId))?.name ?? '',
      note: i.note ?? '',
      createdAt: i.createdAt,
    })),
  };
}
