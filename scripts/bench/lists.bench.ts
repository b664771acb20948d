import mongoose from 'mongoose';
import type { Actor } from '../../src/lib/actor';
import { connectMongo, disconnectMongo } from '../../src/lib/db';
import { Expert } from '../../src/modules/experts/expert.model';
import type { ListExpertsFilter } from '../../src/modules/experts/experts.schemas';
import { listExperts } from '../../src/modules/experts/experts-query';
import { NAME_KEYS_VERSION, nameKeysOf } from '../../src/modules/experts/name-keys';
import { startLocalStack } from '../../test/support/local-stack';
import { type BenchModule, benchConfig, quantile, report } from './bench-report';
import { seededRng } from './synthetic-data';
import { makeExpertDoc, profileWorld } from './workflow-data';

/**
 * The coordinators' expert list over 100k experts (MongoDB from MONGO_URL, a mongod, or the in-memory
 * test server): one page of a name search, a pinyin search, a skill + county filter, and the next page
 * of the plain list, each the median of several runs of listExperts (the page and its total), beside the
 * 100 ms target. Figures only; nothing is asserted. On the test server every query scans (it has no query
 * planner), so its figures say little about a real mongod's.
 */
const EXPERTS = 100_000;
const RUNS = 7;
const TARGET_MS = 100;
const now = () => performance.now();
const staff: Actor = { userId: String(new mongoose.Types.ObjectId()), role: 'coordinator', via: 'token' };

async function seed(): Promise<void> {
  const rng = seededRng(11);
  const world = profileWorld();
  const t0 = now();
  for (let k = 0; k < EXPERTS; k += 5_000) {
    const docs = Array.from({ length: Math.min(5_000, EXPERTS - k) }, (_, i) => {
      const doc = makeExpertDoc(rng, world, k + i);
      // lean inserts skip the model's hooks: the keys are written here as the hooks would.
      return { ...doc, nameKeys: nameKeysOf(doc.name), nameKeysVersion: NAME_KEYS_VERSION };
    });
    await Expert.insertMany(docs, { lean: true });
  }
  report(
    `seeding ${EXPERTS / 1000}k experts (lean insertMany, 5k a batch)`,
    `${((now() - t0) / 1000).toFixed(1)} s`,
  );
}

const base: ListExpertsFilter = { page: 1, pageSize: 20, sort: '-updatedAt' };

async function timed(label: string, filter: ListExpertsFilter): Promise<void> {
  await listExperts(staff, filter); // warm-up: plan cache, JIT
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = now();
    const page = await listExperts(staff, filter);
    times.push(now() - t0);
    found = page.total;
  }
  const median = quantile(times, 0.5);
  report(`${label} (${found} found)`, `${median.toFixed(1)} ms`, `< ${TARGET_MS} ms`, median < TARGET_MS);
}

export const listsBench: BenchModule = {
  name: 'lists (coordinators’ expert list, 100k experts)',
  async run() {
    const stack = await startLocalStack();
    console.log(`  MongoDB: ${stack.mongoBackend}`);
    const config = benchConfig(stack.mongoUrl, stack.redisUrl);
    await connectMongo(config);
    try {
      await seed();
      const sample = await Expert.findOne({ 'title.level': { $exists: true } })
        .skip(EXPERTS / 2)
        .lean();
      if (!sample) throw new Error('no expert to search for');
      const [full] = nameKeysOf(sample.name).filter((k) => /^[a-z]+$/.test(k));
      await timed(`name search "${sample.name.slice(0, 2)}"`, { ...base, q: sample.name.slice(0, 2) });
      await timed(`pinyin search "${full}"`, { ...base, q: full });
      await timed(`skill + county filter (${sample.skills[0]}, ${sample.residenceCounty})`, {
        ...base,
        field: sample.skills[0],
        county: sample.residenceCounty ?? undefined,
      });
      const first = await listExperts(staff, base);
      await timed('plain list, next page (cursor)', { ...base, cursor: first.next ?? undefined });
    } finally {
      await mongoose.connection.dropDatabase().catch(() => {});
      await disconnectMongo();
      await stack.stop();
    }
  },
};
