import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Context } from './context';
import { errorHandler, notFoundHandler } from './lib/http/error-handler';
import { assignRequestId } from './lib/http/request-id';
import { accessLogSerializers } from './lib/logger';
import { authenticate } from './modules/accounts/authenticate.middleware';
import { csrfProtection, sessionMiddleware } from './modules/accounts/session.middleware';
import { apiRouter } from './modules/api';
import { docsRouter } from './modules/docs/docs.routes';
import { healthRouter } from './modules/health/health.routes';
import { queueDashboardRouter } from './modules/operations/queue-dashboard';
import { mountPages } from './modules/pages';

/**
 * Builds the Express app; listening is the caller's business (tests use supertest on port 0). `health`:
 * the health router, when another app of the process serves the same one (createApis).
 */
export function createApp(ctx: Context, health: Router = healthRouter(ctx)): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.http.trustProxy);

  app.use(helmet());
  // Refuse at once while overloaded, before logging, parsing, session or database work: a refusal costs
  // next to nothing, so shedding frees the process instead of keeping it busy (counted in /metrics).
  app.use(ctx.load.middleware());
  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: assignRequestId,
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      wrapSerializers: false,
      serializers: accessLogSerializers,
    }),
  );
  app.use((req, res, next) => {
    const end = ctx.metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => end({ route: req.route?.path ?? 'unmatched', status: res.statusCode }));
    next();
  });
  app.use(express.json({ limit: ctx.config.http.bodyLimit }));
  app.use(express.urlencoded({ extended: false, limit: ctx.config.http.bodyLimit }));

  app.use(health);
  app.use(docsRouter(ctx));
  app.use(queueDashboardRouter(ctx));
  app.use('/api/v1', sessionMiddleware(ctx), authenticate(ctx), csrfProtection, apiRouter(ctx));
  // Server-rendered pages at / and their assets at /assets (they step aside for /api).
  mountPages(app, ctx);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/**
 * The management port's app (MANAGEMENT_PORT): /health, /ready and /metrics alone. Under a flood of
 * requests the main port takes new connections late (seconds, while its open connections keep the
 * process busy); a listening socket of its own is served at once, so probes measure the process.
 */
function createManagementApp(health: Router): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(health);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/**
 * The API process's apps: the main one and, with MANAGEMENT_PORT, the management one, both on one health
 * router, so /ready on either port answers from the same readiness checks.
 */
export function createApis(ctx: Context): { app: Express; management?: { app: Express; port: number } } {
  const health = healthRouter(ctx);
  const port = ctx.config.http.managementPort;
  return {
    app: createApp(ctx, health),
    management: port === undefined ? undefined : { app: createManagementApp(health), port },
  };
}
