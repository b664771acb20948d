import { createServer, type RequestListener, type Server } from 'node:http';
import type { Express } from 'express';
import { createApp } from './app';
import type { Config } from './lib/config';
import { connectMongo, disconnectMongo } from './lib/db';
import type { Logger } from './lib/logger';
import { createRedis, waitForRedis } from './lib/redis';
import { runProcess, type ShutdownStep } from './lib/shutdown';

export interface RunningApi {
  server: Server;
  url: string;
  /** Steps to stop this API, in order, for the shared shutdown routine. */
  shutdownSteps: ShutdownStep[];
}

export interface StartApiOptions {
  /** Lets `npm run dev` answer its own routes (/dev/mail) in front of the app; production passes none. */
  wrap?: (app: Express) => RequestListener;
}

/** Connects MongoDB and Redis and starts listening; used by this entry and by `npm run dev`. */
export async function startApi(
  config: Readonly<Config>,
  logger: Logger,
  options: StartApiOptions = {},
): Promise<RunningApi> {
  await connectMongo(config);
  const redis = createRedis(config, 'producer');
  // The login limiter's Redis store loads its script when the app is built; with the producer
  // profile (no offline queue) that fails for good unless Redis is connected by then.
  await waitForRedis(redis, 10_000).catch(() => logger.warn('Redis not ready after 10 s; starting anyway'));
  const app = createApp({ config, logger, redis });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(options.wrap ? options.wrap(app) : app);
    s.once('error', reject);
    s.listen(config.http.port, config.http.host, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://localhost:${port}`;
  logger.info({ url, mongoDb: config.mongo.dbName }, 'API listening');
  const shutdownSteps: ShutdownStep[] = [
    {
      name: 'http',
      run: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    },
    { name: 'redis', run: () => redis.quit().catch(() => redis.disconnect()) },
    { name: 'mongo', run: () => disconnectMongo() },
  ];
  return { server, url, shutdownSteps };
}

if (require.main === module) runProcess('api', startApi);
