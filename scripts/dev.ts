/**
 * `npm run dev`: the whole system on embedded defaults, in one process.
 * Redis from REDIS_URL or redis-server on PATH (free port); MongoDB from MONGO_URL, a local mongod,
 * or the in-memory MongoDB test server; an SMTP catcher whose mail is listed at /dev/mail; then the
 * API and the workers. An empty database gets the demo data set (scripts/seed/), unless DEMO_DATA=0.
 */

import { openContext } from '../src/context';
import { loadConfig } from '../src/lib/config';
import { createLogger } from '../src/lib/logger';
import { registerShutdown } from '../src/lib/shutdown';
import { startApi } from '../src/server';
import { startLocalStack } from '../test/support/local-stack';
import { startSmtpSink } from '../test/support/smtp-sink';
import { startWorkers } from '../workers/main';
import { banner } from './dev/banner';
import { demoDataWanted, loadDemoDataIfEmpty } from './dev/demo-data';
import { withDevRoutes } from './dev/dev-routes';
import { mailRouter } from './dev/mail-page';

async function main(): Promise<void> {
  const bootLog = createLogger(process.env.LOG_LEVEL ?? 'info', { process: 'dev' });
  const stack = await startLocalStack({ log: (line) => bootLog.info(line) });
  const mail = await startSmtpSink();
  const port = process.env.PORT ?? '3000';
  const config = loadConfig({
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    MONGO_URL: stack.mongoUrl,
    REDIS_URL: stack.redisUrl,
    SMTP_URL: mail.url,
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
  });
  const logger = createLogger(config.log.level, { process: 'dev' });
  logger.info({ redisUrl: stack.redisUrl, smtpUrl: mail.url, backend: stack.mongoBackend }, 'local services');
  // One context for the API and the workers alike: one set of connections and queues.
  const opened = await openContext(config, logger);
  const api = await startApi(opened.ctx, { wrap: withDevRoutes(mailRouter(mail.messages)) });
  const workers = await startWorkers(opened.ctx);
  registerShutdown(
    [
      ...api.shutdownSteps,
      ...workers.shutdownSteps,
      ...opened.shutdownSteps,
      { name: 'mail catcher', run: () => mail.stop() },
      { name: 'local services', run: () => stack.stop() },
    ],
    { logger, timeoutMs: config.shutdownTimeoutMs },
  );
  const withDemo = demoDataWanted(process.env.DEMO_DATA);
  const demo = withDemo ? await loadDemoDataIfEmpty(opened.ctx) : ['Demo data: not loaded (DEMO_DATA=0).'];
  const mongo = `${stack.mongoUrl} (${stack.mongoBackend}, db ${config.mongo.dbName})`;
  console.log(banner(api.url, mongo, demo, withDemo));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
