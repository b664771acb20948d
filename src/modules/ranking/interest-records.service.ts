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

/** The ids of the needs the expert showed interest in. */
export async function needIdsOfInterests(expertId: string): Promise<Set<string>> {
  const found = await Interest.find({ expertId }).select('needId').lean<Pick<InterestRecord, 'needId'>[]>();
  return new Set(found.map((i) => String(i.needId)));
}

/** An expert's data is erased: their interests go with it. Safe to run again. */
export async function deleteInterestsOfExpert(expertId: string): Promise<number> {
  const res = await Interest.deleteMany({ expertId });
  return res.deletedCount;
}
