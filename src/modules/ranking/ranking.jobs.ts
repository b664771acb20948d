import { z } from 'zod';
import type { QueueContext } from '../../lib/queue-producers';
import { ObjectIdString } from '../../lib/schemas';

/**
 * The ranking feature's queue contract, shared by the API (producer) and the worker (processor). The
 * queue keeps its first name, `matching`: jobs and schedulers already in Redis live under it.
 */
export const MATCHING_QUEUE = 'matching';

export const MatchingJobData = z.discriminatedUnion('kind', [
  /** Rank one need and store its candidate snapshot. */
  z
    .object({
      kind: z.literal('rank'),
      needId: ObjectIdString,
      /** After an offer fell through: also propose the next best candidate. */
      reroute: z.boolean().optional(),
    })
    .strict(),
  /** An expert was registered, edited, paused or erased: re-rank the open needs whose list it changes. */
  z.object({ kind: z.literal('expert'), expertId: ObjectIdString }).strict(),
  /** Exact assignment across all matchable needs; marks recommendations on the snapshots. */
  z.object({ kind: z.literal('batch'), runId: z.string().regex(/^[\w-]{1,64}$/) }).strict(),
]);
export type MatchingJobData = z.infer<typeof MatchingJobData>;

const queueOf = (ctx: QueueContext) => ctx.queues.get<MatchingJobData>(MATCHING_QUEUE);

/**
 * Ranks a need again. The job id names the need and the moment asked, so a change made while an
 * earlier ranking runs still gets its own run; ranking is idempotent (it overwrites the snapshot).
 * Returns false when Redis is unavailable: the caller's state change stands, and the batch run and
 * the next change rank the need anyway.
 */
export async function enqueueRank(
  ctx: QueueContext,
  needId: string,
  reason: string,
  options: { reroute?: boolean } = {},
): Promise<boolean> {
  try {
    await queueOf(ctx).add(
      'rank',
      { kind: 'rank', needId, ...(options.reroute ? { reroute: true } : {}) },
      {
        jobId: `rank-${needId}-${Date.now()}`,
        removeOnComplete: { count: 500 },
        removeOnFail: { count: 500 },
      },
    );
    return true;
  } catch (err) {
    ctx.logger.warn({ needId, reason, err: (err as Error).message }, 'could not enqueue ranking');
    return false;
  }
}

/**
 * Keeps candidate lists true after an expert changes: the worker re-ranks every open need the expert
 * enters, leaves or moves in. Best effort like enqueueRank: false when Redis is unavailable (the next
 * ranking of each need sees the change anyway).
 */
export async function enqueueExpertChanged(ctx: QueueContext, expertId: string): Promise<boolean> {
  try {
    await queueOf(ctx).add(
      'expert',
      { kind: 'expert', expertId },
      {
        jobId: `expert-${expertId}-${Date.now()}`,
        removeOnComplete: { count: 500 },
        removeOnFail: { count: 500 },
      },
    );
    return true;
  } catch (err) {
    ctx.logger.warn({ expertId, err: (err as Error).message }, 'could not enqueue an expert refresh');
    return false;
  }
}

const NIGHTLY_BATCH_SCHEDULER = 'nightly-batch';

/** The nightly batch run: a job scheduler whose jobs all say runId 'scheduled' (each run is named by its job). */
export async function scheduleNightlyBatch(
  ctx: QueueContext,
  when: { pattern: string; tz: string },
): Promise<void> {
  const data: MatchingJobData = { kind: 'batch', runId: 'scheduled' };
  await queueOf(ctx).upsertJobScheduler(NIGHTLY_BATCH_SCHEDULER, when, { name: 'batch', data });
}

/** Whether the nightly batch's scheduler is still in Redis (a restart without persistence loses it). */
export async function nightlyBatchScheduled(ctx: QueueContext): Promise<boolean> {
  return Boolean(await queueOf(ctx).getJobScheduler(NIGHTLY_BATCH_SCHEDULER));
}

export async function enqueueBatch(ctx: QueueContext, runId: string): Promise<void> {
  await queueOf(ctx).add(
    'batch',
    { kind: 'batch', runId },
    { jobId: `batch-${runId}`, attempts: 2, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  );
}
