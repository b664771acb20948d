import type { ClientSession } from 'mongoose';
import { Types } from 'mongoose';
import { Expert, type ExpertRecord } from './expert.model';

/**
 * Calls for other modules (matching, the match workflow, reports). They take ids, not an Actor:
 * the calling module has already decided the caller may act.
 */

/** One profile as stored, whatever its status; undefined when the id is unknown. */
export async function getExpertRecord(
  id: string,
  session?: ClientSession,
): Promise<ExpertRecord | undefined> {
  const doc = await Expert.findById(id)
    .session(session ?? null)
    .lean<ExpertRecord>();
  return doc ?? undefined;
}

export async function getExpertRecords(ids: readonly string[]): Promise<ExpertRecord[]> {
  return Expert.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } })
    .sort({ _id: 1 })
    .lean<ExpertRecord[]>();
}

/**
 * Experts the matching engine may consider: active (not paused, not deleted), optionally holding one of
 * the taxonomy codes (at any depth below it). Paged by _id so a large pool can be read in batches.
 */
export async function findMatchableExperts(
  options: { codes?: readonly string[]; afterId?: string; limit?: number } = {},
): Promise<ExpertRecord[]> {
  const filter: Record<string, unknown> = { status: 'active', 'availability.paused': { $ne: true } };
  if (options.codes && options.codes.length > 0) filter.taxonomyCodes = { $in: options.codes };
  if (options.afterId) filter._id = { $gt: new Types.ObjectId(options.afterId) };
  return Expert.find(filter)
    .sort({ _id: 1 })
    .limit(options.limit ?? 1000)
    .lean<ExpertRecord[]>();
}

export type CounterDelta = Partial<Record<'activeEngagements' | 'pendingOffers', number>>;

/**
 * Adds to the workflow's counters in one conditional update; a decrement that would go below zero
 * changes nothing and answers false (the caller's state and the counter disagree: investigate, don't clamp).
 */
export async function adjustExpertCounters(
  expertId: string,
  delta: CounterDelta,
  session?: ClientSession,
): Promise<boolean> {
  const filter: Record<string, unknown> = { _id: new Types.ObjectId(expertId) };
  const inc: Record<string, number> = {};
  for (const [key, n] of Object.entries(delta)) {
    if (!n) continue;
    inc[key] = n;
    if (n < 0) filter[key] = { $gte: -n };
  }
  if (Object.keys(inc).length === 0) return true;
  const res = await Expert.updateOne(filter, { $inc: inc }, { session });
  return res.modifiedCount === 1;
}
