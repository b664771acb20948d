import { createHash, timingSafeEqual } from 'node:crypto';
import { type RequestHandler, Router } from 'express';
import type { Context } from '../../context';
import { pingMongo } from '../../lib/db';
import { UnauthorizedError } from '../../lib/errors';
import { pingRedis } from '../../lib/redis';
import { cachedReadiness } from './readiness';

/** Liveness, readiness and Prometheus metrics, served at the root (not under /api/v1). */
export function healthRouter(ctx: Context): Router {
  const router = Router();

  router.get('/health', (_req, res) => {
    // The pid tells which process answered when WEB_CONCURRENCY runs several behind one port.
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()), pid: process.pid });
  });

  const { readyTimeoutMs, readyCacheMs } = ctx.config;
  const readiness = cachedReadiness(async () => {
    const [mongo, redis] = await Promise.all([
      pingMongo(readyTimeoutMs),
      pingRedis(ctx.redis, readyTimeoutMs),
    ]);
    return { ready: mongo && redis, checks: { mongo: mongo ? 'up' : 'down', redis: redis ? 'up' : 'down' } };
  }, readyCacheMs);

  router.get('/ready', async (_req, res) => {
    const { ready, checks } = await readiness();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  });

  // With METRICS_TOKEN, only its bearer may scrape; without one, production does not serve /metrics at
  // all (a 404 like any unknown path) and development and tests keep it open.
  const { token } = ctx.config.metrics;
  if (token === undefined && ctx.config.env === 'production') return router;
  const guard: RequestHandler[] = token === undefined ? [] : [metricsBearer(token)];
  router.get('/metrics', ...guard, async (_req, res) => {
    const { registry } = ctx.metrics;
    res.type(registry.contentType).send(await registry.metrics());
  });

  return router;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** `Authorization: Bearer <token>`, compared in constant time (over digests, so the length leaks nothing). */
function metricsBearer(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    next(new UnauthorizedError('/metrics needs "Authorization: Bearer <METRICS_TOKEN>".'));
  };
}
