import { MetricsTime, type Worker } from 'bullmq';
import type { Config } from '../src/lib/config';
import { connectMongo, disconnectMongo } from '../src/lib/db';
import type { Logger } from '../src/lib/logger';
import { bindProducers, closeProducers, producersBound } from '../src/lib/producers';
import { createWorker } from '../src/lib/queue';
import { createRedis } from '../src/lib/redis';
import { runProcess, type ShutdownStep } from '../src/lib/shutdown';
import { type ProcessorEntry, processors } from './registry';

export interface RunningWorkers {
  workers: Worker[];
  shutdownSteps: ShutdownStep[];
}

/**
 * Each job's outcome is logged through a child logger carrying its queue and job id (failures are logged
 * by createWorker). Results are short summaries ("ranked 12, proposed 1"): no personal data.
 */
function loggedProcessor(
  processor: ProcessorEntry['processor'],
  queueLog: Logger,
): ProcessorEntry['processor'] {
  return async (job, token) => {
    const result = await processor(job, token);
    queueLog.child({ jobId: job.id, name: job.name }).debug({ result }, 'job done');
    return result;
  };
}

/** Starts one BullMQ worker per registered queue; used by this entry and by `npm run dev`. */
export async function startWorkers(
  config: Readonly<Config>,
  logger: Logger,
  entries: ProcessorEntry[] = processors,
  options: { connectDb?: boolean } = {},
): Promise<RunningWorkers> {
  const connectDb = options.connectDb ?? true;
  if (connectDb) await connectMongo(config);
  const connection = createRedis(config, 'worker');
  const workers = entries.map((e) => {
    const queueLog = logger.child({ queue: e.queue });
    return createWorker(e.queue, loggedProcessor(e.processor, queueLog), connection, config, queueLog, {
      concurrency: e.concurrency ?? config.queue.concurrency,
      // Completed/failed counts kept in Redis, so the API's /metrics can report them.
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
    });
  });
  // One producer binding per process (producer profile: an enqueue fails fast while Redis is down),
  // used by every start hook and processor that adds jobs (reconciler, re-routing, deadlines). When
  // the API runs in the same process (npm run dev) its binding serves both: rebinding would close
  // queues the API holds (the queue dashboard's).
  const producerRedis = producersBound() ? undefined : createRedis(config, 'producer');
  if (producerRedis) bindProducers({ config, logger, redis: producerRedis });
  const started: ShutdownStep[] = [];
  for (const e of entries) if (e.start) started.push(await e.start({ config, logger }));
  logger.info({ queues: entries.map((e) => e.queue) }, 'workers started');
  const shutdownSteps: ShutdownStep[] = [
    // close() waits for the jobs in progress to finish, so SIGTERM never leaves a stalled job.
    { name: 'workers', run: () => Promise.all(workers.map((w) => w.close())) },
    ...started,
    {
      name: 'producers',
      run: async () => {
        if (!producerRedis) return;
        await closeProducers();
        producerRedis.disconnect();
      },
    },
    { name: 'redis', run: () => connection.quit().catch(() => connection.disconnect()) },
  ];
  if (connectDb) shutdownSteps.push({ name: 'mongo', run: () => disconnectMongo() });
  return { workers, shutdownSteps };
}

if (require.main === module) runProcess('workers', (config, logger) => startWorkers(config, logger));
