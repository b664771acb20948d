import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { findMatchableNeeds, loadMatchableNeed } from '../needs/matchable.service';
import { loadVisibleNeed } from '../needs/need.service';
import { markNeedMatching } from '../needs/need-status.service';
import { CandidateSnapshot, type CandidateSnapshotRecord } from './candidate-snapshot.model';
import { type EngineNeed, explain, explainEach, isNearMiss, nearMisses, rankCandidates } from './engine';
import { toEngineNeed } from './engine-mapping';
import { interestsOfNeeds } from './interest-records.service';

/** How many ranked candidates a snapshot keeps for coordinators to pick from. */
export const SNAPSHOT_SIZE = 50;
/** How many near misses (one requirement missed) a snapshot shows apart. */
export const NEAR_MISSES = 10;

/**
 * Ranks one need over all experts and stores the explained candidate list. A need that is not
 * matchable (draft, filled, cancelled, or its organisation unverified) is left alone.
 */
export async function rankNeed(ctx: Context, needId: string): Promise<CandidateSnapshotRecord | null> {
  const loaded = await loadMatchableNeed(needId);
  if (!loaded?.matchable) return null;
  const store = await ctx.experts.current();
  const [need] = await withInterests([loaded.need]);
  const ranked = rankCandidates(store, need, { limit: SNAPSHOT_SIZE, explain: true });
  const near = nearMisses(store, need, NEAR_MISSES);
  const previous = await CandidateSnapshot.findOne({ needId })
    .select('candidates')
    .lean<CandidateSnapshotRecord>();
  const wasRecommended = new Set(
    (previous?.candidates ?? []).filter((c) => c.recommended).map((c) => String(c.expertId)),
  );
  const snapshot = await CandidateSnapshot.findOneAndUpdate(
    { needId },
    {
      $set: {
        engineVersion: store.ctx.config.version,
        computedAt: new Date(),
        needVersion: loaded.need.updatedAt,
        expertsConsidered: store.memoryStats().experts,
        candidates: ranked.map((c, i) => ({
          expertId: c.expertId,
          rank: i + 1,
          score: c.score,
          contributions: c.contributions,
          notes: c.notes,
          recommended: wasRecommended.has(c.expertId),
        })),
        nearMisses: near,
      },
    },
    { upsert: true, returnDocument: 'after' },
  ).lean<CandidateSnapshotRecord>();
  await markNeedMatching(needId);
  return snapshot;
}

/**
 * "Why (not) this expert for this need": the score with each factor's share, or every hard filter
 * that excludes them — computed now, not from the snapshot.
 */
export async function explainCandidate(ctx: Context, actor: Actor, needId: string, expertId: string) {
  const need = await loadVisibleNeed(actor, needId);
  const store = await ctx.experts.current();
  if (store.side.slotOf(expertId) === undefined) throw new NotFoundError('Expert');
  const [engineNeed] = await withInterests([need]);
  return explain(store, engineNeed, expertId);
}

/** The engine's view of stored needs, each with the experts who said they are interested in it. */
export async function withInterests(
  needs: readonly Parameters<typeof toEngineNeed>[0][],
): Promise<EngineNeed[]> {
  const interests = await interestsOfNeeds(needs.map((n) => n._id));
  return needs.map((n) => {
    const interested = (interests.get(String(n._id)) ?? []).map((i) => String(i.expertId));
    return { ...toEngineNeed(n), ...(interested.length > 0 ? { interested } : {}) };
  });
}

/**
 * After an expert changed (registered, edited, paused, erased): re-ranks each open need whose stored
 * list the change affects — the expert is listed there (as a candidate or near miss), or would now be.
 * Returns the needs re-ranked.
 */
export async function refreshForExpert(ctx: Context, expertId: string): Promise<string[]> {
  const store = await ctx.experts.current();
  const needs = await findMatchableNeeds();
  const snapshots = await CandidateSnapshot.find({ needId: { $in: needs.map((n) => n._id) } })
    .select('needId candidates.expertId candidates.score nearMisses.expertId')
    .lean<CandidateSnapshotRecord[]>();
  const byNeed = new Map(snapshots.map((s) => [String(s.needId), s]));
  const verdicts =
    store.side.slotOf(expertId) === undefined ? [] : explainEach(store, await withInterests(needs), expertId);
  const refreshed: string[] = [];
  for (const [k, need] of needs.entries()) {
    const id = String(need._id);
    const snap = byNeed.get(id);
    const listed =
      (snap?.candidates ?? []).some((c) => String(c.expertId) === expertId) ||
      (snap?.nearMisses ?? []).some((n) => String(n.expertId) === expertId);
    const verdict = verdicts[k];
    if (!listed) {
      if (!verdict) continue;
      const full = (snap?.candidates.length ?? 0) >= SNAPSHOT_SIZE;
      const worst = snap?.candidates.at(-1)?.score ?? 0;
      const enters = !verdict.excluded && (!full || verdict.score >= worst);
      if (!enters && !(verdict.excluded && isNearMiss(verdict.reasons))) continue;
    }
    if (await rankNeed(ctx, id)) refreshed.push(id);
  }
  return refreshed;
}
