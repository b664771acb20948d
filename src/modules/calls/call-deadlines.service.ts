import type { Context } from '../../context';
import { Call } from './call.model';
import { restoreCallCloses } from './calls.jobs';

/**
 * Closes one open call whose deadline has come, by one conditional update on its recorded state, so a
 * job run twice — or a job and the sweep — closes it once. False when it is not open or not yet due.
 */
export async function closeAtDeadline(_ctx: Context, callId: string, now = new Date()): Promise<boolean> {
  const res = await Call.updateOne(
    { _id: callId, status: 'open', closesAt: { $lte: now } },
    { $set: { status: 'closed', closedAt: now, closedBy: 'deadline' } },
  );
  return res.modifiedCount === 1;
}

/**
 * Closes every open call past its deadline (their delayed jobs were lost, or no worker ran), and adds
 * the delayed closes of the others again (the same job ids: nothing is added twice).
 */
export async function sweepCallDeadlines(
  ctx: Context,
  now = new Date(),
): Promise<{ closed: number; scheduled: number }> {
  const res = await Call.updateMany(
    { status: 'open', closesAt: { $lte: now } },
    { $set: { status: 'closed', closedAt: now, closedBy: 'deadline' } },
  );
  const pending = await Call.find({ status: 'open', closesAt: { $gt: now } })
    .select('closesAt')
    .lean();
  await restoreCallCloses(
    ctx,
    pending.map((c) => ({ callId: String(c._id), closesAt: c.closesAt })),
  );
  return { closed: res.modifiedCount, scheduled: pending.length };
}
