/**
 * `npx tsx scripts/migrate-name-keys.ts`: writes the search keys of experts' names (characters, pinyin,
 * initials; see src/modules/experts/name-keys.ts) where they are missing or older than the current
 * version, in the database MONGO_URL / MONGO_DB name. Idempotent: a second run finds nothing to change.
 * Run it once on a database that holds experts written before the keys existed; experts written since
 * get their keys with every write of the name (the hooks in expert.model.ts).
 */
import { loadConfig } from '../src/lib/config';
import { connectMongo, disconnectMongo } from '../src/lib/db';
import { backfillNameKeys } from '../src/modules/experts/name-keys.backfill';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  await connectMongo(config);
  try {
    const updated = await backfillNameKeys();
    console.log(`name keys written for ${updated} experts`);
  } finally {
    await disconnectMongo();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
