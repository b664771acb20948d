import type { Server } from 'node:http';
import { createApp } from './app';
import type { Config } from './lib/config';
import { connectMongo, disconnectMongo } from './lib/db';
import type { Logger } from './lib/logger';
import { createRedis } from './lib/redis';
import { runProcess, type ShutdownStep } from './lib/shutdown';

export interface RunningApi {
  server: Server;
  url: string;
  /** Steps to stop this API, in order, for the shared shutdown routine. */
  shutdownSteps: ShutdownStep[];
}

/** Connects MongoDB and Redis and starts listening; used by this entry and by `npm run dev`. */
export async function startApi(config: Readonly<Config>, logger: Logger): Promise<RunningApi> {
  await connectMongo(config);
  const redis = createRedis(config, 'producer');
  const app = createApp({ config, logger, redis });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.http.port, config.http.host, () => resolve(s));
    s.once('error', reject);
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
