/**
 * `npm run seed`: loads the demo data set (Chinese, border region, deterministic) into the database
 * MONGO_URL / MONGO_DB name. Idempotent: a database that already has it is left alone.
 */

import { openContext } from '../src/context';
import { loadConfig } from '../src/lib/config';
import { createLogger } from '../src/lib/logger';
import { runSteps } from '../src/lib/shutdown';
import { seedDemoData } from './seed/index';
import { describe, loginLines } from './seed/summary';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.env === 'production') throw new Error('The demo data set is not for production databases.');
  const opened = await openContext(config, createLogger(config.log.level, { process: 'seed' }));
  try {
    const started = Date.now();
    const summary = await seedDemoData({ ctx: opened.ctx });
    for (const line of [...describe(summary), ...loginLines()]) console.log(line);
    console.log(`(${config.mongo.dbName}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await runSteps(opened.shutdownSteps);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
