import type { Actor } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { loadMatchableNeed } from '../needs/matchable.service';
import { loadVisibleNeed } from '../needs/need.service';
import { markNeedMatching } from '../needs/need-status.service';
import { CandidateSnapshot, type CandidateSnapshotRecord } from './candidate-snapshot.model';
import { explain, rankCandidates, WEIGHTS_V1 } from './engine';
import { toEngineNeed } from './engine-mapping';
import { expertStoreCache } from './expert-store-cache';

/** How many ranked candidates a snapshot keeps for coordinators to pick from. */
export const SNAPSHOT_SIZE = 50;

/**
 * Ranks one need over all experts and stores the explained candidate list. A need that is not
 * matchable (draft, filled, cancelled, or its organisation unverified) is left alone.
 */
export async function rankNeed(needId: string): Promise<CandidateSnapshotRecord | null> {
  const loaded = await loadMatchableNeed(needId);
  if (!loaded?.matchable) return null;
  const store = await expertStoreCache.current();
  const ranked = rankCandidates(store, toEngineNeed(loaded.need), { limit: SNAPSHOT_SIZE, explain: true });
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
        engineVersion: WEIGHTS_V1.version,
        computedAt: new Date(),
        needVersion: loaded.need.updatedAt,
        expertsConsidered: store.memoryStats().experts,
        candidates: ranked.map((c, i) => ({
          expertId: c.expertId,
          rank: i + 1,
          score: c.score,
          contributions: c.contributions,
          recommended: wasRecommended.has(c.expertId),
        })),
      },
    },
    { upsert: true, returnDocument: 'after' },
  ).lean<CandidateSnapshotRecord>();
  await markNeedMatching(needId);
  return snapshot;
}

/** The stored snapshot of a need the actor may see. */
export async function getSnapshot(actor: Actor, needId: string): Promise<CandidateSnapshotRecord | null> {
  await loadVisibleNeed(actor, needId);
  return CandidateSnapshot.findOne({ needId }).lean<CandidateSnapshotRecord>();
}

/**
 * "Why (not) this expert for this need": the score with each factor's share, or every hard filter
 * that excludes them — computed now, not from the snapshot.
 */
export async function explainCandidate(actor: Actor, needId: string, expertId: string) {
  const need = await loadVisibleNeed(actor, needId);
  const store = await expertStoreCache.current();
  if (store.side.slotOf(expertId) === undefined) throw new NotFoundError('Expert');
  return explain(store, toEngineNeed(need), expertId);
}
