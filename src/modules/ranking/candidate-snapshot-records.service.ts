import { Types } from 'mongoose';
import { ChangeTokenCache, type ChangeTokens } from '../../lib/change-tokens';
import { CandidateSnapshot, type CandidateSnapshotRecord } from './candidate-snapshot.model';

/** Calls for other modules (the match workflow): they take ids, not an Actor. */

export type { CandidateSnapshotRecord };

/** What tells whether a kept candidate list is the stored one: the snapshot's id and revision. */
export type SnapshotVersion = Pick<CandidateSnapshotRecord, '_id' | 'revision' | 'updatedAt'>;

export type SnapshotVersions = ChangeTokenCache<SnapshotVersion | null>;

/** Straight from the driver: every list request may need it, and mongoose's query building costs more. */
function readSnapshotVersion(needId: string): Promise<SnapshotVersion | null> {
  return CandidateSnapshot.collection.findOne<SnapshotVersion>(
    { needId: new Types.ObjectId(needId) },
    { projection: { _id: 1, revision: 1, updatedAt: 1 } },
  );
}

/**
 * The stored snapshots' versions by need id (null: never ranked) as this process last read them, kept under
 * the candidate lists' change token, which every write through the model draws anew once committed: a
 * request for an unchanged list reads Redis, not MongoDB.
 */
export const snapshotVersions = (changes: Pick<ChangeTokens, 'read'>): SnapshotVersions =>
  new ChangeTokenCache(changes, 'candidates', readSnapshotVersion, { max: 20_000 });

/** The latest ranked candidate list of a need, as stored; null when it was never ranked. */
export async function getCandidateSnapshot(needId: string): Promise<CandidateSnapshotRecord | null> {
  return CandidateSnapshot.findOne({ needId }).lean<CandidateSnapshotRecord>();
}

/**
 * The interests shown on these needs' lists changed: each stored list's revision moves on (the model's
 * hook), so every process serving it builds it again with the interests as they are now.
 */
export async function touchCandidateLists(needIds: readonly string[]): Promise<void> {
  if (needIds.length === 0) return;
  await CandidateSnapshot.updateMany({ needId: { $in: [...needIds] } }, { $inc: { revision: 1 } });
}

/**
 * An expert deleted their data: they leave every candidate list (and list of near misses) at once,
 * without waiting for each need to be ranked again. Safe to run again.
 */
export async function removeFromCandidateLists(expertId: string): Promise<number> {
  const res = await CandidateSnapshot.updateMany(
    { $or: [{ 'candidates.expertId': expertId }, { 'nearMisses.expertId': expertId }] },
    { $pull: { candidates: { expertId }, nearMisses: { expertId } } },
  );
  return res.modifiedCount;
}

/** The needs whose stored ranked list holds the expert, with the expert's rank and score there. */
export async function rankedListsHolding(
  expertId: string,
): Promise<Array<{ needId: string; rank: number; score: number }>> {
  const snapshots = await CandidateSnapshot.find({ 'candidates.expertId': new Types.ObjectId(expertId) })
    .select('needId candidates.expertId candidates.rank candidates.score')
    .lean<CandidateSnapshotRecord[]>();
  return snapshots.flatMap((s) => {
    const c = s.candidates.find((x) => String(x.expertId) === expertId);
    return c ? [{ needId: String(s.needId), rank: c.rank, score: c.score }] : [];
  });
}
