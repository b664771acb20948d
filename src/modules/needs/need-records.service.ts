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
