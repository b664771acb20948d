import { producerQueue } from '../../src/lib/producers';
import type { ShutdownStep } from '../../src/lib/shutdown';
import { OFFER_DEADLINES_QUEUE } from '../../src/modules/matches/offer-deadlines.jobs';
import { MATCHING_QUEUE } from '../../src/modules/matching/matching.jobs';
import type { WorkerStartContext } from '../registry';

const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Worker-process start hook for the match workflow: keeps the repeating jobs scheduled — the nightly
 * batch assignment and the daily digest in the talent office's time zone, and the sweep for overdue
 * offers. upsertJobScheduler is idempotent, and running it at every start restores schedules lost
 * with Redis. (Re-routing enqueues rankings and deadlines through the producers the process bound.)
 */
export async function startWorkflowWorker(ctx: WorkerStartContext): Promise<ShutdownStep> {
  const { batchCron, digestCron, timeZone } = ctx.config.workflow;
  await producerQueue(MATCHING_QUEUE).upsertJobScheduler(
    'nightly-batch',
    { pattern: batchCron, tz: timeZone },
    { name: 'batch', data: { kind: 'batch', runId: 'scheduled' } },
  );
  const deadlines = producerQueue(OFFER_DEADLINES_QUEUE);
  await deadlines.upsertJobScheduler(
    'daily-digest',
    { pattern: digestCron, tz: timeZone },
    { name: 'digest', data: { kind: 'digest' } },
  );
  await deadlines.upsertJobScheduler(
    'overdue-sweep',
    { every: SWEEP_EVERY_MS },
    { name: 'sweep', data: { kind: 'sweep' } },
  );
  // Nothing of its own to stop: the producers are closed by the worker process's shutdown.
  return { name: 'workflow', run: () => undefined };
}
