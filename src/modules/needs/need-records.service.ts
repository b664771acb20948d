/** Calls for other modules (matching, the coordinator's overview): the caller has decided the actor may see them. */
import type { ClientSession, Types } from 'mongoose';
import { MATCHABLE_STATUSES, matchableFilter } from './matchable.service';
import { NEED_STATUSES, Need, type NeedRecord, type NeedStatus } from './need.model';

export type { NeedRecord, NeedStatus };
export { NEED_STATUSES };

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

/**
 * Needs changed at or after `since` (any status), in id order, `limit` at a time after `afterId`: how
 * the experts' board of needs (ranking/need-board-cache.ts) keeps up without reading every need again.
 */
export async function needsChangedSince(since: Date, afterId: unknown, limit: number): Promise<NeedRecord[]> {
  const filter: Record<string, unknown> = { updatedAt: { $gte: since } };
  if (afterId) filter._id = { $gt: afterId };
  // the board keeps what experts see of a need, not its edit history
  return Need.find(filter).select('-changes').sort({ _id: 1 }).limit(limit).lean<NeedRecord[]>();
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

/** Every need of an organisation, oldest first (the contact person's data export). */
export async function needsOfOrganisation(organisationId: string): Promise<NeedRecord[]> {
  return Need.find({ organisationId }).sort({ createdAt: 1, _id: 1 }).lean<NeedRecord[]>();
}

/** Every need with what the government report counts, in id order. */
export async function needsForReport(): Promise<
  Pick<NeedRecord, '_id' | 'status' | 'county' | 'openedAt' | 'filledCount' | 'expertsWanted'>[]
> {
  return Need.find()
    .select('status county openedAt filledCount expertsWanted')
    .sort({ _id: 1 })
    .lean<NeedRecord[]>();
}

/** A need of this organisation, its status and priority flag; undefined when it is not theirs or unknown. */
export async function organisationNeedState(
  needId: string,
  organisationId: string,
  session?: ClientSession,
): Promise<Pick<NeedRecord, '_id' | 'status' | 'priority'> | undefined> {
  const need = await Need.findOne({ _id: needId, organisationId })
    .select('status priority')
    .session(session ?? null)
    .lean<Pick<NeedRecord, '_id' | 'status' | 'priority'>>();
  return need ?? undefined;
}

/**
 * Makes the need priority under this nomination, if it is still in one of the statuses and not priority
 * already; answers false when it changed meanwhile (nothing written).
 */
export async function flagNeedPriority(
  needId: string,
  organisationId: string,
  nominationId: Types.ObjectId,
  statuses: readonly NeedStatus[],
  session?: ClientSession,
): Promise<boolean> {
  const flagged = await Need.findOneAndUpdate(
    { _id: needId, organisationId, status: { $in: statuses }, priority: false },
    { $set: { priority: true, nominationId } },
    { session },
  ).lean();
  return flagged !== null;
}

/** The need loses the priority this nomination gave it (nothing changes when another one gave it). */
export async function clearNeedPriority(
  needId: unknown,
  nominationId: unknown,
  session?: ClientSession,
): Promise<void> {
  const filter: Record<string, unknown> = { _id: needId, nominationId };
  await Need.updateOne(filter, { $set: { priority: false }, $unset: { nominationId: 1 } }, { session });
}

/** One need as stored; undefined when the id is unknown. */
export async function getNeedRecord(id: unknown, session?: ClientSession): Promise<NeedRecord | undefined> {
  const need = await Need.findById(id)
    .session(session ?? null)
    .lean<NeedRecord>();
  return need ?? undefined;
}

/** Needs as stored, by id (an unknown id is left out). */
export async function getNeedRecords(ids: readonly unknown[]): Promise<NeedRecord[]> {
  const filter: Record<string, unknown> = { _id: { $in: ids } };
  return Need.find(filter).lean<NeedRecord[]>();
}

/** Matchable needs opened at or before the date, the longest waiting first (the coordinators' digest). */
export async function matchableNeedsOpenedBefore(openedBefore: Date, limit: number): Promise<NeedRecord[]> {
  return Need.find({ ...(await matchableFilter()), openedAt: { $lte: openedBefore } })
    .sort({ openedAt: 1, _id: 1 })
    .limit(limit)
    .lean<NeedRecord[]>();
}
