import { producerQueue } from '../../src/lib/producers';
import type { ShutdownStep } from '../../src/lib/shutdown';
import {
  OFFER_DEADLINES_QUEUE,
  type OfferDeadlineJobData,
  scheduleDailyDigest,
  scheduleOverdueSweep,
} from '../../src/modules/matches/offer-deadlines.jobs';
import {
  MATCHING_QUEUE,
  type MatchingJobData,
  scheduleNightlyBatch,
} from '../../src/modules/ranking/ranking.jobs';
import type { WorkerStartContext } from '../worker-context';

const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Worker-process start hook for the match workflow: keeps the repeating jobs scheduled — the nightly
 * batch assignment and the daily digest in the talent office's time zone, and the sweep for overdue
 * offers. upsertJobScheduler is idempotent, and running it at every start restores schedules lost
 * with Redis. (Re-routing enqueues rankings and deadlines through the producers the process bound.)
 */
export async function startWorkflowWorker(ctx: WorkerStartContext): Promise<ShutdownStep> {
  const { batchCron, digestCron, timeZone } = ctx.config.workflow;
  await scheduleNightlyBatch(producerQueue<MatchingJobData>(MATCHING_QUEUE), {
    pattern: batchCron,
    tz: timeZone,
  });
  const deadlines = producerQueue<OfferDeadlineJobData>(OFFER_DEADLINES_QUEUE);
  await scheduleDailyDigest(deadlines, { pattern: digestCron, tz: timeZone });
  await scheduleOverdueSweep(deadlines, SWEEP_EVERY_MS);
  // Nothing of its own to stop: the producers are closed by the worker process's shutdown.
  return { name: 'workflow', run: () => undefined };
}
