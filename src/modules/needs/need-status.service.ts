import type { ClientSession } from 'mongoose';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import { isStaff } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { withdrawNomination } from '../organisations/nomination.service';
import { getOrganisationRecord } from '../organisations/organisation-records.service';
import { enqueueRank } from '../ranking/ranking.jobs';
import { Need, type NeedRecord, type NeedStatus } from './need.model';
import { loadVisibleNeed } from './need.service';
import { toNeedView } from './need-view';

/**
 * Moves a need from one of the expected statuses by a single conditional update; when the need is
 * no longer in one of them the answer is 409 and nothing changed.
 */
async function transition(
  id: string,
  from: readonly NeedStatus[],
  update: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<NeedRecord> {
  const updated = await Need.findOneAndUpdate({ _id: id, status: { $in: from }, ...extra }, update, {
    returnDocument: 'after',
  }).lean<NeedRecord>();
  if (updated) return updated;
  const current = await Need.findById(id).select('status').lean();
  if (!current) throw new NotFoundError('Need');
  throw new ConflictError(`A need that is ${current.status} cannot make this step.`, 'ILLEGAL_TRANSITION', {
    status: current.status,
  });
}

async function byActor(
  actor: Actor,
  id: string,
  action: string,
  run: (need: NeedRecord) => Promise<NeedRecord>,
) {
  const need = await loadVisibleNeed(actor, id);
  const updated = await run(need);
  if (isStaff(actor)) await recordAudit(actor, action, { type: 'need', id }, { status: updated.status });
  return toNeedView(updated);
}

/** draft → open, only for a verified organisation (otherwise 409 ORGANISATION_NOT_VERIFIED, still draft). */
export function openNeed(ctx: Context, actor: Actor, id: string) {
  return byActor(actor, id, 'need.open', async (need) => {
    const org = await getOrganisationRecord(need.organisationId);
    if (org?.status !== 'verified') {
      throw new ConflictError(
        'The organisation has not been verified yet; the need stays a draft until it is.',
        'ORGANISATION_NOT_VERIFIED',
      );
    }
    const opened = await transition(id, ['draft'], { $set: { status: 'open', openedAt: new Date() } });
    await enqueueRank(ctx, id, 'need opened');
    return opened;
  });
}

/**
 * Any state before the need is served may be cancelled. A priority need gives its quota unit back:
 * the nomination bought a service that will not happen.
 */
export function cancelNeed(_ctx: Context, actor: Actor, id: string) {
  return byActor(actor, id, 'need.cancel', async () => {
    const cancelled = await transition(id, ['draft', 'open', 'matching', 'partially_filled'], {
      $set: { status: 'cancelled', endedAt: new Date() },
    });
    if (!cancelled.nominationId) return cancelled;
    await withdrawNomination(actor, String(cancelled.organisationId), String(cancelled.nominationId));
    return (await Need.findById(id).lean<NeedRecord>()) ?? cancelled;
  });
}

/** A need that was published (even if filled) is closed when the employer has what it needs. */
export function closeNeed(_ctx: Context, actor: Actor, id: string) {
  return byActor(actor, id, 'need.close', () =>
    transition(id, ['open', 'matching', 'partially_filled', 'filled'], {
      $set: { status: 'closed', endedAt: new Date() },
    }),
  );
}

/** For the match workflow: candidates are being proposed (open → matching; other states unchanged). */
export async function markNeedMatching(needId: string): Promise<boolean> {
  const res = await Need.updateOne({ _id: needId, status: 'open' }, { $set: { status: 'matching' } });
  return res.modifiedCount === 1;
}

/**
 * For the match workflow: one more expert engaged. One atomic pipeline update raises filledCount
 * (never above expertsWanted) and derives partially_filled / filled from it. Returns the need, or
 * null when it is not in a fillable state or already full (nothing changed).
 */
export async function recordPlacement(needId: string, session?: ClientSession): Promise<NeedRecord | null> {
  return Need.findOneAndUpdate(
    {
      _id: needId,
      status: { $in: ['open', 'matching', 'partially_filled'] },
      $expr: { $lt: ['$filledCount', '$expertsWanted'] },
    },
    [
      { $set: { filledCount: { $add: ['$filledCount', 1] } } },
      {
        $set: {
          status: { $cond: [{ $gte: ['$filledCount', '$expertsWanted'] }, 'filled', 'partially_filled'] },
        },
      },
    ],
    { returnDocument: 'after', updatePipeline: true, session },
  ).lean<NeedRecord>();
}

/** For the match workflow: an engagement fell through; the need wants one more expert again. */
export async function releasePlacement(needId: string, session?: ClientSession): Promise<NeedRecord | null> {
  return Need.findOneAndUpdate(
    { _id: needId, status: { $in: ['matching', 'partially_filled', 'filled'] }, filledCount: { $gt: 0 } },
    [
      { $set: { filledCount: { $subtract: ['$filledCount', 1] } } },
      { $set: { status: { $cond: [{ $gt: ['$filledCount', 0] }, 'partially_filled', 'matching'] } } },
    ],
    { returnDocument: 'after', updatePipeline: true, session },
  ).lean<NeedRecord>();
}
