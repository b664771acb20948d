import { Redis } from 'ioredis';
import type { Config } from './config';
import { withTimeout } from './db';

/**
 * Two connection profiles (BullMQ "going to production"):
 * - worker: blocks and waits for Redis forever (`maxRetriesPerRequest: null`);
 * - producer: used by the API; fails at once while Redis is down (`enableOfflineQueue: false`),
 *   so a request gets a handled error instead of hanging.
 */
export type RedisProfile = 'worker' | 'producer';

export function createRedis(config: Pick<Config, 'redis'>, profile: RedisProfile): Redis {
  const client = new Redis(config.redis.url, {
    maxRetriesPerRequest: profile === 'worker' ? null : 1,
    enableOfflineQueue: profile === 'worker',
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    connectionName: `yinling-${profile}`,
  });
  // Connection errors are reported through readiness and the failing calls; an unhandled
  // 'error' event would crash the process.
  client.on('error', () => {});
  return client;
}

export async function pingRedis(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status !== 'ready') return false;
  return withTimeout(client.ping(), timeoutMs)
    .then((r) => r === 'PONG')
    .catch(() => false);
}

/** Resolves once the client is connected, or rejects after timeoutMs. */
export async function waitForRedis(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return;
  await withTimeout(new Promise<void>((resolve) => client.once('ready', () => resolve())), timeoutMs);
}
