import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

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
