import type { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { withTimeout } from './db';

/** One registry per process; gauges for queues are registered by the features that own them. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'yinling_' });

export const httpDuration = new Histogram({
  name: 'yinling_http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

/** Queues whose depth and outcomes /metrics reports; a feature adds its producer queue once. */
const trackedQueues = new Map<string, Queue>();
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** A scrape must stay cheap and must not hang while Redis is down: each read gets this long. */
const QUEUE_READ_TIMEOUT_MS = 1_000;

export function trackQueueMetrics(queue: Queue): void {
  trackedQueues.set(queue.name, queue);
}

new Gauge({
  name: 'yinling_queue_jobs',
  help: 'Jobs per queue and state (waiting, active, delayed, failed), read from BullMQ at scrape time',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    await Promise.all(
      [...trackedQueues.values()].map(async (queue) => {
        const counts = await withTimeout(queue.getJobCounts(...QUEUE_STATES), QUEUE_READ_TIMEOUT_MS).catch(
          () => undefined,
        );
        for (const state of QUEUE_STATES) {
          if (counts) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      }),
    );
  },
});

/**
 * Finished jobs by queue and outcome. Workers run in their own processes without an HTTP server, so
 * the counts come from BullMQ's metrics in Redis (workers are started with `metrics` enabled).
 */
new Counter({
  name: 'yinling_queue_jobs_finished_total',
  help: 'Jobs finished per queue and outcome (completed, failed), as counted by BullMQ workers',
  labelNames: ['queue', 'outcome'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    await Promise.all(
      [...trackedQueues.values()].flatMap((queue) =>
        (['completed', 'failed'] as const).map(async (outcome) => {
          const m = await withTimeout(queue.getMetrics(outcome, 0, 0), QUEUE_READ_TIMEOUT_MS).catch(
            () => undefined,
          );
          if (m) this.inc({ queue: queue.name, outcome }, Number(m.meta.count) || 0);
        }),
      ),
    );
  },
});
