import { MetricsTime, type Processor, type Worker } from 'bullmq';
import { type Context, openContext } from '../src/context';
import type { Logger } from '../src/lib/logger';
import { createWorker } from '../src/lib/queue';
import { createRedis } from '../src/lib/redis';
import { runProcess, type ShutdownStep } from '../src/lib/shutdown';
import { startHeartbeat } from './heartbeat';
import { type ProcessorEntry, processors } from './registry';

export interface RunningWorkers {
  workers: Worker[];
  /** Whether the workers' Redis connection is ready and every worker runs (what the heartbeat reports). */
  healthy(): boolean;
  /** Steps to stop the workers and what their queues started; the context's connections are its owner's. */
  shutdownSteps: ShutdownStep[];
}

/**
 * Each job's outcome is logged through a child logger carrying its queue and job id (failures are logged
 * by createWorker). Results are short summaries ("ranked 12, proposed 1"): no personal data.
 */
function loggedProcessor(processor: Processor, queueLog: Logger): Processor {
  return async (job, token) => {
    const result = await processor(job, token);
    queueLog.child({ jobId: job.id, name: job.name }).debug({ result }, 'job done');
    return result;
  };
}

/** Starts one BullMQ worker per registered queue on the process's context; used by this entry and by `npm run dev`. */
export async function startWorkers(
  ctx: Context,
  entries: ProcessorEntry[] = processors,
): Promise<RunningWorkers> {
  const { config, logger } = ctx;
  const connection = createRedis(config, 'worker');
  const started = [];
  for (const e of entries) started.push({ entry: e, ...(await e.start(ctx)) });
  const workers = started.map(({ entry, processor, concurrency }) => {
    const queueLog = logger.child({ queue: entry.queue });
    return createWorker(entry.queue, loggedProcessor(processor, queueLog), connection, config, queueLog, {
      concurrency: concurrency ?? entry.concurrency ?? config.queue.concurrency,
      // Completed/failed counts kept in Redis, so the API's /metrics can report them.
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
    });
  });
  logger.info({ queues: entries.map((e) => e.queue) }, 'workers started');
  const shutdownSteps: ShutdownStep[] = [
    // close() waits for the jobs in progress to finish, so SIGTERM never leaves a stalled job.
    { name: 'workers', run: () => Promise.all(workers.map((w) => w.close())) },
    ...started.flatMap(({ stop }) => (stop ? [stop] : [])),
    { name: 'worker redis', run: () => connection.quit().catch(() => connection.disconnect()) },
  ];
  const healthy = () => connection.status === 'ready' && workers.every((w) => w.isRunning());
  return { workers, healthy, shutdownSteps };
}

// The worker process's composition root: its context, then one worker per queue on it, and the heartbeat
// its container healthcheck reads (stopped first on shutdown: a stopping worker is no longer healthy).
if (require.main === module) {
  runProcess('workers', async (config, logger) => {
    const opened = await openContext(config, logger);
    const running = await startWorkers(opened.ctx);
    const heartbeat = startHeartbeat(config, logger, running.healthy);
    return { shutdownSteps: [heartbeat, ...running.shutdownSteps, ...opened.shutdownSteps] };
  });
}
