import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { type Context, openContext } from '../../src/context';
import { createLogger } from '../../src/lib/logger';
import { runSteps } from '../../src/lib/shutdown';
import { Expert } from '../../src/modules/experts/expert.model';
import { Need } from '../../src/modules/needs/need.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { startLocalStack } from '../../test/support/local-stack';
import { type BenchModule, benchConfig, report } from './bench-report';
import { seededRng } from './synthetic-data';
import { makeExpertDoc, profileWorld } from './workflow-data';

/**
 * The workflow's figures on a local stack (Redis from PATH, MongoDB from MONGO_URL, a mongod, or the
 * in-memory test server): one matching job over 100k experts (emails per second: email.bench.ts).
 * Figures only; nothing is asserted.
 */
const EXPERTS = 100_000;
const now = () => performance.now();

/** rankNeed(ctx) over EXPERTS experts: cold (builds the store), warm (nothing changed), after 100 edits. */
async function matchingFigures(ctx: Context): Promise<void> {
  const rng = seededRng(7);
  const world = profileWorld();
  let t0 = now();
  for (let k = 0; k < EXPERTS; k += 5_000) {
    const docs = Array.from({ length: Math.min(5_000, EXPERTS - k) }, (_, i) =>
      makeExpertDoc(rng, world, k + i),
    );
    // lean skips mongoose's per-document casting (9× faster here); a sample is validated instead.
    for (const doc of docs.slice(0, 50)) await new Expert(doc).validate();
    await Expert.insertMany(docs, { lean: true });
  }
  report(
    `seeding ${EXPERTS / 1000}k experts (Expert.insertMany, 5k a batch)`,
    `${((now() - t0) / 1000).toFixed(1)} s`,
  );
  // The store's own read, one page of it, to tell MongoDB's share of the cold figure from the engine's.
  t0 = now();
  await Expert.find({ updatedAt: { $gte: new Date(0) } })
    .sort({ _id: 1 })
    .limit(2_000)
    .lean();
  report('  one page of the store read (2,000 experts, MongoDB only)', `${(now() - t0).toFixed(0)} ms`);

  const org = await Organisation.create({
    name: '黔江区茶叶合作社',
    type: 'enterprise',
    creditCode: `91500114${randomBytes(5).toString('hex').toUpperCase()}`,
    county: '500114',
    address: '黔江区城东街道 1 号',
    contact: { name: '王经理', phone: '13900001111', email: 'bench.contact@example.org' },
    status: 'verified',
  });
  const need = await Need.create({
    organisationId: org._id,
    title: '茶叶加工技术指导',
    field: 'agriculture',
    mustHaveSkills: ['agriculture.tea.processing'],
    niceToHaveSkills: ['agriculture.tea.cultivation'],
    minTitleLevel: 'intermediate',
    mode: 'periodic',
    county: '500114',
    period: { from: new Date().toISOString().slice(0, 10), to: `${new Date().getFullYear() + 1}-12-31` },
    daysPerMonth: 6,
    expertsWanted: 3,
    status: 'open',
    openedAt: new Date(),
    createdBy: new mongoose.Types.ObjectId(),
  });
  const id = String(need._id);
  const timed = async (label: string) => {
    t0 = now();
    const snapshot = await rankNeed(ctx, id);
    const ms = now() - t0;
    report(label, `${ms.toFixed(0)} ms`);
    return snapshot;
  };
  const cold = await timed(`rankNeed cold (builds the store from ${EXPERTS / 1000}k experts)`);
  report('  experts considered / candidates kept', `${cold?.expertsConsidered} / ${cold?.candidates.length}`);
  await timed('rankNeed warm (incremental sync, nothing changed)');
  const edited = await Expert.find().select('_id').limit(100).lean();
  await Expert.updateMany(
    { _id: { $in: edited.map((e) => e._id) } },
    { $set: { 'availability.daysPerMonth': 8 } },
  );
  await timed('rankNeed warm (incremental sync, 100 experts edited)');
}

export const workflowBench: BenchModule = {
  name: 'workflow (matching job)',
  async run() {
    const stack = await startLocalStack();
    const config = benchConfig(stack.mongoUrl, stack.redisUrl);
    console.log(`  MongoDB: ${stack.mongoBackend}; Redis: ${stack.redisUrl}`);
    const opened = await openContext(config, createLogger('silent'));
    try {
      await matchingFigures(opened.ctx);
    } finally {
      await mongoose.connection.dropDatabase().catch(() => {});
      await runSteps(opened.shutdownSteps);
      await stack.stop();
    }
  },
};
