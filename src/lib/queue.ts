import { type Job, type Processor, Queue, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { Logger } from './logger';

/** A queue for producers (the API): shares the producer connection and the configured prefix. */
export function createQueue<T>(name: string, connection: Redis, config: Pick<Config, 'queue'>): Queue<T> {
  return new Queue<T>(name, {
    connection,
    prefix: config.queue.prefix,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 24 * 3600, count: 1_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
}

/** A worker with the timings from config, so tests can shorten lock and stall checks to seconds. */
export function createWorker<T>(
  name: string,
  processor: Processor<T>,
  connection: Redis,
  config: Pick<Config, 'queue'>,
  logger: Logger,
  overrides: Partial<WorkerOptions> = {},
): Worker<T> {
  const worker = new Worker<T>(name, processor, {
    connection,
    prefix: config.queue.prefix,
    concurrency: config.queue.concurrency,
    lockDuration: config.queue.lockDurationMs,
    stalledInterval: config.queue.stalledIntervalMs,
    maxStalledCount: config.queue.maxStalledCount,
    ...overrides,
  });
  worker.on('failed', (job: Job<T> | undefined, err) =>
    logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'),
  );
  worker.on('error', (err) => logger.error({ queue: name, err }, 'worker error'));
  return worker;
}
