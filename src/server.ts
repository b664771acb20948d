import { createServer, type RequestListener, type Server } from 'node:http';
import type { Express } from 'express';
import { runClustered } from './cluster';
import type { Context } from './context';
import { runProcess, type ShutdownStep } from './lib/shutdown';

// The app and the context are required where they are used, not above: with WEB_CONCURRENCY > 1 this
// file is also the cluster's primary, which only forks and watches the workers and needs neither.
const loadApp = () => require('./app') as typeof import('./app');
const loadContext = () => require('./context') as typeof import('./context');

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
  const { app, management: managementApp } = loadApp().createApis(ctx);
  ctx.load.start();
  const server = await listen(options.wrap ? options.wrap(app) : app, config.http.port, config.http.host);
  const management = managementApp
    ? await listen(managementApp.app, managementApp.port, config.http.host)
    : undefined;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://localhost:${port}`;
  logger.info({ url, managementPort: managementApp?.port, mongoDb: config.mongo.dbName }, 'API listening');
  const shutdownSteps: ShutdownStep[] = [
    {
      name: 'http',
      run: async () => {
        await Promise.all([server, ...(management ? [management] : [])].map(close));
        ctx.load.stop();
      },
    },
  ];
  return { server, url, shutdownSteps };
}

function listen(listener: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const s = createServer(listener);
    s.once('error', reject);
    s.listen(port, host, () => resolve(s));
  });
}

/** Stops taking connections and ends idle ones; resolves once the open ones have finished. */
function close(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

// The API process's composition root: its context, then the HTTP server on it. With WEB_CONCURRENCY > 1
// this process is the cluster's primary and each worker it forks runs this same root (src/cluster.ts).
if (require.main === module) {
  runClustered('api', () =>
    runProcess('api', async (config, logger) => {
      const opened = await loadContext().openContext(config, logger);
      const api = await startApi(opened.ctx);
      return { shutdownSteps: [...api.shutdownSteps, ...opened.shutdownSteps] };
    }),
  );
}
