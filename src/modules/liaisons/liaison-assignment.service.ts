import { type ClientSession, Types } from 'mongoose';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { withTransaction } from '../../lib/transaction';
import { activeCoordinators, getActiveUser } from '../accounts/user-records.service';
import { recordAudit } from '../audit/audit.service';
import { expertExists } from '../experts/expert-records.service';
import { LiaisonAssignment, type LiaisonAssignmentRecord } from './liaison.model';

/**
 * Who looks after whom. This file imports nothing of the match workflow: the workflow calls
 * `ensureLiaison` inside its engagement transaction, so an import back would be a cycle.
 */

/** A coordinator's load: how many experts they look after, and when they were last given one. */
interface Load {
  liaisonId: string;
  count: number;
  last: number;
}

/** Least loaded first; ties go to the one whose last assignment is oldest (never = oldest), then id. */
const byLoad = (a: Load, b: Load) =>
  a.count - b.count || a.last - b.last || a.liaisonId.localeCompare(b.liaisonId);

/** The loads of the active coordinators (but `exclude`), read on the step's session. */
async function coordinatorLoads(session: ClientSession, exclude: readonly string[] = []): Promise<Load[]> {
  const ids = (await activeCoordinators()).map((u) => String(u._id)).filter((id) => !exclude.includes(id));
  if (ids.length === 0) return [];
  const grouped = await LiaisonAssignment.aggregate<{ _id: Types.ObjectId; count: number; last: Date }>([
    { $match: { liaisonId: { $in: ids.map((id) => new Types.ObjectId(id)) } } },
    { $group: { _id: '$liaisonId', count: { $sum: 1 }, last: { $max: '$assignedAt' } } },
  ]).session(session);
  const byId = new Map(grouped.map((g) => [String(g._id), g]));
  return ids.map((liaisonId) => {
    const g = byId.get(liaisonId);
    return { liaisonId, count: g?.count ?? 0, last: g ? new Date(g.last).getTime() : 0 };
  });
}

async function currentAssignment(expertId: string, session: ClientSession) {
  return LiaisonAssignment.findOne({ expertId }).session(session).lean<LiaisonAssignmentRecord>();
}

/** Puts the expert with this liaison, keeping the previous one in the history. */
async function setLiaison(
  expertId: string,
  liaisonId: string,
  how: { reason: 'auto' | 'office' | 'handover'; by?: string; at: Date },
  session: ClientSession,
): Promise<void> {
  const existing = await currentAssignment(expertId, session);
  const set = {
    liaisonId: new Types.ObjectId(liaisonId),
    assignedAt: how.at,
    reason: how.reason,
    ...(how.by ? { assignedBy: new Types.ObjectId(how.by) } : {}),
  };
  if (!existing) {
    await LiaisonAssignment.create([{ expertId, ...set }], { session });
    return;
  }
  const previous = { liaisonId: existing.liaisonId, from: existing.assignedAt, to: how.at };
  await LiaisonAssignment.updateOne(
    { _id: existing._id },
    { $set: set, ...(how.by ? {} : { $unset: { assignedBy: 1 } }), $push: { history: previous } },
    { session },
  );
}

/**
 * Inside the engagement's transaction: an expert without a liaison gets the least-loaded active
 * coordinator. Answers the liaison's id, or null when there is no active coordinator at all (the
 * engagement goes ahead; the office assigns one later and is warned in the log).
 */
export async function ensureLiaison(
  ctx: Context,
  expertId: string,
  session: ClientSession,
): Promise<string | null> {
  const existing = await currentAssignment(expertId, session);
  if (existing) return String(existing.liaisonId);
  const [least] = (await coordinatorLoads(session)).sort(byLoad);
  if (!least) {
    ctx.logger.warn({ expertId }, 'no active coordinator to be the liaison of a newly engaged expert');
    return null;
  }
  await setLiaison(expertId, least.liaisonId, { reason: 'auto', at: new Date() }, session);
  return least.liaisonId;
}

async function requireActiveCoordinator(
  userId: string,
  field: string,
  session: ClientSession,
): Promise<void> {
  const user = await getActiveUser(userId, session);
  if (user?.role !== 'coordinator') {
    throw new ConflictError('A liaison must be an active coordinator.', 'NOT_AN_ACTIVE_COORDINATOR', [
      { path: field, message: 'not an active coordinator' },
    ]);
  }
}

/** The office assigns or reassigns an expert's liaison (audited). */
export async function assignLiaison(actor: Actor, expertId: string, liaisonId: string): Promise<void> {
  await withTransaction(async (session) => {
    if (!(await expertExists(expertId, session))) throw new NotFoundError('Expert');
    await requireActiveCoordinator(liaisonId, 'body.liaisonId', session);
    const before = await currentAssignment(expertId, session);
    if (before && String(before.liaisonId) === liaisonId) return;
    await setLiaison(expertId, liaisonId, { reason: 'office', by: actor.userId, at: new Date() }, session);
    const details = { liaisonId, previousLiaisonId: before ? String(before.liaisonId) : null };
    await recordAudit(actor, 'liaison.assign', { type: 'expert', id: expertId }, details, session);
  });
}

export interface HandoverResult {
  from: string;
  moved: number;
  to: Array<{ liaisonId: string; experts: number }>;
}

/**
 * A liaison who leaves hands every expert over in one transaction: all to `to`, or each in turn to
 * the least-loaded other active coordinator. The departing account may already be disabled.
 */
export async function handOver(actor: Actor, from: string, to?: string): Promise<HandoverResult> {
  if (to === from) {
    throw new ValidationError('Hand over to someone else.', [{ path: 'body.to', message: 'same as from' }]);
  }
  return withTransaction(async (session) => {
    if (to) await requireActiveCoordinator(to, 'body.to', session);
    const experts = await LiaisonAssignment.find({ liaisonId: from })
      .select('expertId')
      .sort({ assignedAt: 1, _id: 1 })
      .session(session)
      .lean<Pick<LiaisonAssignmentRecord, '_id' | 'expertId'>[]>();
    const loads = to ? [] : await coordinatorLoads(session, [from]);
    if (!to && experts.length > 0 && loads.length === 0) {
      throw new ConflictError('There is no other active coordinator to hand over to.', 'NO_COORDINATOR');
    }
    const at = new Date();
    const tally = new Map<string, number>();
    for (const e of experts) {
      let target = to;
      if (!target) {
        const least = loads.sort(byLoad)[0];
        least.count += 1;
        least.last = at.getTime();
        target = least.liaisonId;
      }
      await setLiaison(String(e.expertId), target, { reason: 'handover', by: actor.userId, at }, session);
      tally.set(target, (tally.get(target) ?? 0) + 1);
    }
    const result: HandoverResult = {
      from,
      moved: experts.length,
      to: [...tally].map(([liaisonId, n]) => ({ liaisonId, experts: n })),
    };
    await recordAudit(
      actor,
      'liaison.handover',
      { type: 'user', id: from },
      { moved: result.moved, to: result.to },
      session,
    );
    return result;
  });
}

/** The expert's current liaison id and since when; null when none. */
export async function liaisonOf(expertId: string): Promise<{ liaisonId: string; assignedAt: Date } | null> {
  const a = await LiaisonAssignment.findOne({ expertId })
    .select('liaisonId assignedAt')
    .lean<LiaisonAssignmentRecord>();
  return a ? { liaisonId: String(a.liaisonId), assignedAt: a.assignedAt } : null;
}

/** The experts a liaison looks after, most recently assigned first. */
export async function assignmentsOf(liaisonId: string): Promise<LiaisonAssignmentRecord[]> {
  return LiaisonAssignment.find({ liaisonId })
    .sort({ assignedAt: -1, _id: -1 })
    .lean<LiaisonAssignmentRecord[]>();
}

/** How many experts each liaison holds (every liaison with at least one, active or not). */
export async function loadsByLiaison(): Promise<Map<string, number>> {
  const grouped = await LiaisonAssignment.aggregate<{ _id: Types.ObjectId; count: number }>([
    { $group: { _id: '$liaisonId', count: { $sum: 1 } } },
  ]);
  return new Map(grouped.map((g) => [String(g._id), g.count]));
}

/** Removes the expert's assignment, with its history (the expert deleted their data). Safe to run again. */
export async function removeAssignment(expertId: string): Promise<void> {
  await LiaisonAssignment.deleteOne({ expertId });
}
