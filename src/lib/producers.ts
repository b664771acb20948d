import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type Config, getConfig } from './config';
import type { Logger } from './logger';
import { trackQueueMetrics } from './metrics';
import { createQueue } from './queue';

interface ProducerDeps {
  config: Readonly<Config>;
  logger: Logger;
  /** A producer-profile connection: enqueueing fails at once while Redis is down. */
  redis: Redis;
}

let deps: ProducerDeps | undefined;
const queues = new Map<string, Queue>();

/**
 * Binds the process's queue producers (the API at app creation, the workers at start). Services then
 * enqueue through `producerQueue(name)` without threading connections through every call.
 */
export function bindProducers(next: ProducerDeps): void {
  if (deps && deps.redis !== next.redis) for (const q of queues.values()) void q.close();
  if (!deps || deps.redis !== next.redis) queues.clear();
  deps = next;
}

/** Whether this process has bound its producers already (the API and the workers share one in dev). */
export const producersBound = (): boolean => deps !== undefined;

export function producerQueue<T>(name: string): Queue<T> {
  if (!deps) throw new Error('queue producers are not bound (call bindProducers first)');
  let queue = queues.get(name);
  if (!queue) {
    const { logger } = deps;
    queue = createQueue<T>(name, deps.redis, deps.config) as Queue;
    // Without an 'error' listener a Redis outage would crash the process.
    queue.on('error', (err) => logger.warn({ queue: name, err: err.message }, 'queue error'));
    trackQueueMetrics(queue);
    queues.set(name, queue);
  }
  return queue as Queue<T>;
}

/**
 * The configuration the process's services run with: the one bound by the API or worker at start
 * (tests bind their own overrides), else the environment's (scripts).
 */
export function producerConfig(): Readonly<Config> {
  return deps?.config ?? getConfig();
}

export function producerLogger(): Logger {
  if (!deps) throw new Error('queue producers are not bound (call bindProducers first)');
  return deps.logger;
}

export async function closeProducers(): Promise<void> {
  await Promise.allSettled([...queues.values()].map((q) => q.close()));
  queues.clear();
}
