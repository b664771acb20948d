import type { Context } from '../../context';
import { withTimeout } from '../../lib/db';
import { jobOfRecord } from './email.jobs';
import { dispatchEmails, emailQueue } from './email.service';
import { OutboxEmail } from './outbox.model';

export interface ReconcileResult {
  pending: number;
  queued: number;
  markedFailed: number;
}

/** Younger records may belong to a transaction still open, or a dispatch still on its way. */
const DEFAULT_MIN_AGE_MS = 10_000;
const DEFAULT_BATCH = 500;
/** BullMQ waits for a connection that is down; the reconciler gives up its run instead. */
const REDIS_TIMEOUT_MS = 2_000;

/**
 * Re-queues pending outbox messages older than `minAgeMs`: the ones whose job was never added (Redis
 * down at enqueue), or lost (Redis restarted without persistence), or removed. Each record names the
 * job responsible for it (`jobId`; `email-<id>` for records from before batches), so one look per job
 * tells: while it exists the message is left to it; once gone, the message goes into a new batch (the
 * outbox status decides whether it is still sent). A pending record whose job has failed for good (e.g.
 * it stalled too often) is marked failed rather than retried forever.
 */
export async function reconcileOutbox(
  ctx: Context,
  options: { minAgeMs?: number; limit?: number } = {},
): Promise<ReconcileResult> {
  const queue = emailQueue(ctx);
  const cutoff = new Date(Date.now() - (options.minAgeMs ?? DEFAULT_MIN_AGE_MS));
  const pending = await OutboxEmail.find({ status: 'pending', createdAt: { $lte: cutoff } })
    .sort({ createdAt: 1, _id: 1 })
    .limit(options.limit ?? DEFAULT_BATCH)
    .select({ _id: 1, jobId: 1 })
    .lean();
  const result: ReconcileResult = { pending: pending.length, queued: 0, markedFailed: 0 };
  const byJob = new Map<string, string[]>();
  for (const { _id, jobId } of pending) {
    const key = jobOfRecord({ _id, jobId });
    byJob.set(key, [...(byJob.get(key) ?? []), String(_id)]);
  }
  const requeue: string[] = [];
  for (const [jobId, ids] of byJob) {
    const job = await withTimeout(queue.getJob(jobId), REDIS_TIMEOUT_MS);
    const state = job ? await withTimeout(job.getState(), REDIS_TIMEOUT_MS) : 'missing';
    if (state === 'failed') {
      const marked = await OutboxEmail.updateMany(
        { _id: { $in: ids }, status: 'pending' },
        {
          $set: {
            status: 'failed',
            failedAt: new Date(),
            lastError: `job failed: ${job?.failedReason ?? ''}`,
          },
        },
      );
      result.markedFailed += marked.modifiedCount;
      continue;
    }
    // A finished job with a still-pending record (should not happen): let a new job look again.
    if (state === 'completed') await job?.remove();
    if (state === 'missing' || state === 'completed' || state === 'unknown') requeue.push(...ids);
  }
  const queued = await dispatchEmails(ctx, requeue);
  result.queued = queued.filter(Boolean).length;
  if (result.queued || result.markedFailed) ctx.logger.info(result, 'outbox reconciled');
  return result;
}

/**
 * Runs the reconciler once now and then every `intervalMs`, in the worker process.
 *
 * A timer rather than a BullMQ job scheduler: the reconciler exists for the times Redis lost or never
 * got a job, and a scheduler lives in that same Redis (a restart without persistence would silently
 * stop it until the next worker start). A timer keeps running through Redis outages. Several worker
 * processes may each run it; that is harmless because the outbox status decides (a message queued twice
 * is claimed by one attempt and skipped by the other), and runs in one process never overlap.
 */
export function startOutboxReconciler(
  ctx: Context,
  options: { intervalMs: number },
): {
  stop(): Promise<void>;
} {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= reconcileOutbox(ctx)
      .catch((err) => ctx.logger.warn({ err: (err as Error).message }, 'outbox reconcile failed'))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
