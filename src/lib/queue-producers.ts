import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { Logger } from './logger';
import { createQueue } from './queue';

/** The queues a process adds jobs to, over one producer connection. */
export interface QueueProducers {
  /** The producer of the named queue, made on first use (with an error listener). */
  get<T>(name: string): Queue<T>;
  /** The producers of every queue the process knows (its metrics and dashboard read them). */
  all(): Queue[];
  /** Closes every producer made so far; the connection itself belongs to the caller. */
  close(): Promise<void>;
}

export function createQueueProducers(deps: {
  config: Readonly<Config>;
  logger: Logger;
  /** A producer-profile connection: enqueueing fails at once while Redis is down. */
  redis: Redis;
  /** The application's queues. */
  names: readonly string[];
}): QueueProducers {
  const queues = new Map<string, Queue>();
  const producers: QueueProducers = {
    get<T>(name: string): Queue<T> {
      let queue = queues.get(name);
      if (!queue) {
        queue = createQueue<T>(name, deps.redis, deps.config) as Queue;
        // Without an 'error' listener a Redis outage would crash the process.
        queue.on('error', (err) => deps.logger.warn({ queue: name, err: err.message }, 'queue error'));
        queues.set(name, queue);
      }
      return queue as Queue<T>;
    },
    all: () => deps.names.map((name) => producers.get(name)),
    async close() {
      await Promise.allSettled([...queues.values()].map((q) => q.close()));
      queues.clear();
    },
  };
  return producers;
}

/** What adding jobs needs from the process's context. */
export interface QueueContext {
  readonly queues: QueueProducers;
  readonly logger: Logger;
}
