import { createServer, type RequestListener, type Server } from 'node:http';
import type { Express } from 'express';
import { createApp } from './app';
import { type Context, openContext } from './context';
import { runProcess, type ShutdownStep } from './lib/shutdown';

export interface RunningApi {
  server: Server;
  url: string;
  /** Steps to stop this API (the HTTP server); the context's connections are its owner's. */
  shutdownSteps: ShutdownStep[];
}

export interface StartApiOptions {
  /** Lets `npm run dev` answer its own routes (/dev/mail) in front of the app; production passes none. */
  wrap?: (app: Express) => RequestListener;
}

/** Builds the app on the process's context and starts listening; used by this entry and by `npm run dev`. */
export async function startApi(ctx: Context, options: StartApiOptions = {}): Promise<RunningApi> {
  const { config, logger } = ctx;
  const app = createApp(ctx);
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
  ];
  return { server, url, shutdownSteps };
}

// The API process's composition root: its context, then the HTTP server on it.
if (require.main === module) {
  runProcess('api', async (config, logger) => {
    const opened = await openContext(config, logger);
    const api = await startApi(opened.ctx);
    return { shutdownSteps: [...api.shutdownSteps, ...opened.shutdownSteps] };
  });
}
