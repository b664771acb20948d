/**
 * `npx tsx scripts/seed-services.ts`: adds the talent-service catalogue's services that are not stored yet
 * (by code) to the database MONGO_URL / MONGO_DB names; services already there keep what admins changed.
 */

import { openContext } from '../src/context';
import { loadConfig } from '../src/lib/config';
import { createLogger } from '../src/lib/logger';
import { runSteps } from '../src/lib/shutdown';
import { seedCatalogue } from '../src/modules/services/catalogue.service';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const opened = await openContext(config, createLogger(config.log.level, { process: 'seed-services' }));
  try {
    console.log(`${await seedCatalogue()} services added`);
  } finally {
    await runSteps(opened.shutdownSteps);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
