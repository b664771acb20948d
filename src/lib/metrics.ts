import type { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { withTimeout } from './db';

/** What /metrics reports for one process: its own registry, filled by the app and read at scrape time. */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Requests refused by load shedding (503) or by a per-user cap on expensive routes (429). */
  overloadRefused: Counter<'reason'>;
  /** Requests whose client disconnected before their work was done, at the step where it was dropped. */
  requestsAbandoned: Counter<'stage'>;
  /** The event-loop lag and the requests in flight as load shedding last saw them. */
  eventLoopLag: Gauge;
  requestsInFlight: Gauge;
  /** Lookups of a list cache (candidate lists, need lists) by outcome: hit, or miss (the page was built). */
  listCacheLookups: Counter<'list' | 'outcome'>;
  /** Adds a list cache whose size each scrape reads. */
  watchListCache(list: string, stats: () => { bytes: number }): void;
}

/** What a list cache reports of a lookup. */
export type CacheLookup = 'hit' | 'miss';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** A scrape must stay cheap and must not hang while Redis is down: each read gets this long. */
const QUEUE_READ_TIMEOUT_MS = 1_000;

/** The process's metrics; `queues` are the queues whose depth and outcomes a scrape reads. */
export function createMetrics(queues: () => readonly Queue[]): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'yinling_' });

  const httpDuration = new Histogram({
    name: 'yinling_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  new Gauge({
    name: 'yinling_queue_jobs',
    help: 'Jobs per queue and state (waiting, active, delayed, failed), read from BullMQ at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queues().map(async (queue) => {
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
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queues().flatMap((queue) =>
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

  const overloadRefused = new Counter({
    name: 'yinling_http_overload_refused_total',
    help: 'Requests refused under load: 503 (reason lag or in_flight) or 429 (reason per_user, expensive routes)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const requestsAbandoned = new Counter({
    name: 'yinling_http_requests_abandoned_total',
    help: 'Requests dropped because the client disconnected: before the handler ran, or before the answer was serialised',
    labelNames: ['stage'] as const,
    registers: [registry],
  });
  const eventLoopLag = new Gauge({
    name: 'yinling_http_event_loop_lag_seconds',
    help: 'Event-loop lag of the last sample that load shedding compares with OVERLOAD_MAX_EVENT_LOOP_LAG_MS',
    registers: [registry],
  });
  const requestsInFlight = new Gauge({
    name: 'yinling_http_requests_in_flight',
    help: 'Requests being served by this process (/health, /ready and /metrics not counted)',
    registers: [registry],
  });

  const listCacheLookups = new Counter({
    name: 'yinling_list_cache_lookups_total',
    help: 'Lookups of the list caches by list (candidates, needs) and outcome (hit; miss: the page was built)',
    labelNames: ['list', 'outcome'] as const,
    registers: [registry],
  });
  const listCaches = new Map<string, () => { bytes: number }>();
  new Gauge({
    name: 'yinling_list_cache_bytes',
    help: 'What each list cache holds, counted as the length of its JSON',
    labelNames: ['list'] as const,
    registers: [registry],
    collect() {
      for (const [list, stats] of listCaches) this.set({ list }, stats().bytes);
    },
  });

  return {
    registry,
    httpDuration,
    overloadRefused,
    requestsAbandoned,
    eventLoopLag,
    requestsInFlight,
    listCacheLookups,
    watchListCache: (list, stats) => void listCaches.set(list, stats),
  };
}
