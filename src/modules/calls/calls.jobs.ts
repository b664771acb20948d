import { z } from 'zod';
import type { QueueContext } from '../../lib/queue-producers';
import { ObjectIdString } from '../../lib/schemas';

/** The `call-deadlines` queue: a delayed close per open call at its deadline, and a periodic sweep. */
export const CALL_DEADLINES_QUEUE = 'call-deadlines';

export const CallDeadlineJobData = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('close'), callId: ObjectIdString }).strict(),
  /** Closes open calls past their deadline whose delayed job was lost, and schedules the others again. */
  z.object({ kind: z.literal('sweep') }).strict(),
]);
export type CallDeadlineJobData = z.infer<typeof CallDeadlineJobData>;

const queueOf = (ctx: QueueContext) => ctx.queues.get<CallDeadlineJobData>(CALL_DEADLINES_QUEUE);
export const CALL_SWEEP_SCHEDULER = 'call-deadline-sweep';
/** How often the sweep runs: a call whose delayed job was lost closes at most this late. */
export const CALL_SWEEP_EVERY_MS = 5 * 60_000;

/** The periodic sweep, every `everyMs` (idempotent: upsert). */
export async function scheduleCallSweep(ctx: QueueContext, everyMs: number): Promise<void> {
  const data: CallDeadlineJobData = { kind: 'sweep' };
  await queueOf(ctx).upsertJobScheduler(CALL_SWEEP_SCHEDULER, { every: everyMs }, { name: 'sweep', data });
}

/** One open call and the moment it closes. */
export interface CallDeadline {
  callId: string;
  closesAt: Date;
}

/**
 * The delayed close of one call. Its id names the call and its closing time, so adding it again adds
 * nothing; a past time runs at once.
 */
const closeJob = ({ callId, closesAt }: CallDeadline, now: number) => ({
  name: 'close',
  data: { kind: 'close', callId } as CallDeadlineJobData,
  opts: { jobId: `call-close-${callId}-${closesAt.getTime()}`, delay: Math.max(0, closesAt.getTime() - now) },
});

/**
 * Schedules the close of one call; scheduling twice is harmless. Redis being down is logged, not
 * thrown: the sweep closes the call anyway, and the processor checks the recorded state before acting.
 */
export async function scheduleCallClose(ctx: QueueContext, deadline: CallDeadline): Promise<void> {
  try {
    const job = closeJob(deadline, Date.now());
    await queueOf(ctx).add(job.name, job.data, job.opts);
  } catch (err) {
    ctx.logger.warn(
      { callId: deadline.callId, err: (err as Error).message },
      'call deadline not scheduled; the sweep will close it',
    );
  }
}

/** Adds the delayed closes of these open calls again, with the same job ids; throws when Redis fails. */
export async function restoreCallCloses(ctx: QueueContext, deadlines: CallDeadline[]): Promise<void> {
  if (deadlines.length === 0) return;
  const now = Date.now();
  await queueOf(ctx).addBulk(deadlines.map((d) => closeJob(d, now)));
}
