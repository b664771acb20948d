import { Router } from 'express';
import type { Context } from '../../context';
import { pingMongo } from '../../lib/db';
import { pingRedis } from '../../lib/redis';

/** Liveness, readiness and Prometheus metrics, served at the root (not under /api/v1). */
export function healthRouter(ctx: Context): Router {
  const router = Router();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });

  router.get('/ready', async (_req, res) => {
    const [mongo, redis] = await Promise.all([
      pingMongo(ctx.config.readyTimeoutMs),
      pingRedis(ctx.redis, ctx.config.readyTimeoutMs),
    ]);
    const ready = mongo && redis;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      checks: { mongo: mongo ? 'up' : 'down', redis: redis ? 'up' : 'down' },
    });
  });

  router.get('/metrics', async (_req, res) => {
    const { registry } = ctx.metrics;
    res.type(registry.contentType).send(await registry.metrics());
  });

  return router;
}
