/** Calls for other modules (matching, the coordinator's overview): the caller has decided the actor may see them. */
import { MATCHABLE_STATUSES } from './matchable.service';
import { Need, type NeedRecord } from './need.model';

/** The periods (YYYY-MM-DD, ends included) of the given needs, by id; needs without one are left out. */
export async function loadNeedPeriods(
  ids: readonly unknown[],
): Promise<Map<string, { from: string; to: string }>> {
  if (ids.length === 0) return new Map();
  const needs = await Need.find({ _id: { $in: ids } })
    .select('period')
    .lean<Pick<NeedRecord, '_id' | 'period'>[]>();
  const out = new Map<string, { from: string; to: string }>();
  for (const n of needs) if (n.period) out.set(String(n._id), { from: n.period.from, to: n.period.to });
  return out;
}

/** Needs' titles by id (an unknown id is left out). */
export async function needTitles(ids: readonly unknown[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const needs = await Need.find({ _id: { $in: ids } })
    .select('title')
    .lean<Pick<NeedRecord, '_id' | 'title'>[]>();
  return new Map(needs.map((n) => [String(n._id), n.title]));
}

/** Needs that still want experts, the longest waiting first (the coordinator's dashboard). */
export async function oldestOpenNeeds(limit: number): Promise<NeedRecord[]> {
  return Need.find({ status: { $in: MATCHABLE_STATUSES } })
    .sort({ openedAt: 1, _id: 1 })
    .limit(limit)
    .lean<NeedRecord[]>();
}
