import { bindProducers, closeProducers, producerQueue } from '../../src/lib/producers';
import { createRedis } from '../../src/lib/redis';
import type { ShutdownStep } from '../../src/lib/shutdown';
import { MATCHING_QUEUE } from '../../src/modules/matching/matching.jobs';
import type { WorkerStartContext } from '../registry';

/**
 * Worker-process start hook for matching: binds the queue producers (re-routing enqueues rankings
 * and offer deadlines from here) and keeps the nightly batch assignment scheduled, in the talent
 * office's time zone. upsertJobScheduler is idempotent across restarts and worker processes.
 */
export async function startMatchingWorker(ctx: WorkerStartContext): Promise<ShutdownStep> {
  const redis = createRedis(ctx.config, 'producer');
  bindProducers({ config: ctx.config, logger: ctx.logger, redis });
  await producerQueue(MATCHING_QUEUE).upsertJobScheduler(
    'nightly-batch',
    { pattern: ctx.config.workflow.batchCron, tz: ctx.config.workflow.timeZone },
    { name: 'batch', data: { kind: 'batch', runId: 'scheduled' } },
  );
  return {
    name: 'matching',
    run: async () => {
      await closeProducers();
      redis.disconnect();
    },
  };
}
