import { CandidateSnapshot, type CandidateSnapshotRecord } from './candidate-snapshot.model';

/** Calls for other modules (the match workflow): they take ids, not an Actor. */

export type { CandidateSnapshotRecord };

/** The latest ranked candidate list of a need, as stored; null when it was never ranked. */
export async function getCandidateSnapshot(needId: string): Promise<CandidateSnapshotRecord | null> {
  return CandidateSnapshot.findOne({ needId }).lean<CandidateSnapshotRecord>();
}
