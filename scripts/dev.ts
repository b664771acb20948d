/**
 * `npm run dev`: the whole system on embedded defaults, in one process.
 * Redis from REDIS_URL or redis-server on PATH (free port); MongoDB from MONGO_URL, a local mongod,
 * or the in-memory MongoDB test server; then the API and the workers.
 */

import { loadConfig } from '../src/lib/config';
import { createLogger } from '../src/lib/logger';
import { registerShutdown } from '../src/lib/shutdown';
import { startApi } from '../src/server';
import { startLocalStack } from '../test/support/local-stack';
import { startWorkers } from '../workers/main';

async function main(): Promise<void> {
  const bootLog = createLogger(process.env.LOG_LEVEL ?? 'info', { process: 'dev' });
  const stack = await startLocalStack({ log: (line) => bootLog.info(line) });
  const config = loadConfig({
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    MONGO_URL: stack.mongoUrl,
    REDIS_URL: stack.redisUrl,
  });
  const logger = createLogger(config.log.level, { process: 'dev' });
  logger.info({ mongoUrl: stack.mongoUrl, backend: stack.mongoBackend }, 'MongoDB URL');
  logger.info({ redisUrl: stack.redisUrl }, 'Redis URL');
  const api = await startApi(config, logger);
  const workers = await startWorkers(config, logger, undefined, { connectDb: false });
  registerShutdown(
    [
      ...api.shutdownSteps.filter((s) => s.name === 'http'),
      ...workers.shutdownSteps,
      ...api.shutdownSteps.filter((s) => s.name !== 'http'),
      { name: 'local services', run: () => stack.stop() },
    ],
    { logger, timeoutMs: config.shutdownTimeoutMs },
  );
  logger.info(`Yinling is running at ${api.url} (health: ${api.url}/health, ready: ${api.url}/ready)`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
