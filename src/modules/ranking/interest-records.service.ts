import { touchCandidateLists } from './candidate-snapshot-records.service';
import { Interest, type InterestRecord } from './interest.model';

/** Reads of expressions of interest for the ranking and for other modules: they take ids, not an Actor. */

export type { InterestRecord };

/** The interests in these needs, oldest first within each need, by need id. */
export async function interestsOfNeeds(needIds: readonly unknown[]): Promise<Map<string, InterestRecord[]>> {
  const byNeed = new Map<string, InterestRecord[]>();
  if (needIds.length === 0) return byNeed;
  const filter: Record<string, unknown> = { needId: { $in: needIds } };
  const found = await Interest.find(filter)
    .sort({ needId: 1, createdAt: 1, _id: 1 })
    .lean<InterestRecord[]>();
  for (const i of found) {
    const list = byNeed.get(String(i.needId));
    if (list) list.push(i);
    else byNeed.set(String(i.needId), [i]);
  }
  return byNeed;
}

/**
 * Changes whenever an interest is shown or withdrawn: the count, and the newest interest's id (a
 * withdrawal lowers the count; a new interest brings a new id, larger as ObjectIds grow with time).
 * Read by the needs board at each sync to know when to read the interests again: two small reads.
 */
export async function interestsVersion(): Promise<string> {
  const [count, newest] = await Promise.all([
    Interest.countDocuments(),
    Interest.findOne().sort({ _id: -1 }).select('_id').lean<Pick<InterestRecord, '_id'>>(),
  ]);
  return `${count}:${newest ? String(newest._id) : ''}`;
}

/** The ids of the needs the expert showed interest in. */
export async function needIdsOfInterests(expertId: string): Promise<Set<string>> {
  const found = await Interest.find({ expertId }).select('needId').lean<Pick<InterestRecord, 'needId'>[]>();
  return new Set(found.map((i) => String(i.needId)));
}

/** An expert's data is erased: their interests go with it. Safe to run again. */
export async function deleteInterestsOfExpert(expertId: string): Promise<number> {
  const needIds = await needIdsOfInterests(expertId);
  const res = await Interest.deleteMany({ expertId });
  await touchCandidateLists([...needIds]);
  return res.deletedCount;
}
