import { openContext } from '../../src/context';
import { loadConfig } from '../../src/lib/config';
import { createLogger } from '../../src/lib/logger';
import { runSteps } from '../../src/lib/shutdown';
import { hashPassword } from '../../src/modules/accounts/password';
import { User } from '../../src/modules/accounts/user.model';
import { createUser } from '../../src/modules/accounts/users.service';
import { Expert } from '../../src/modules/experts/expert.model';
import { NAME_KEYS_VERSION, nameKeysOf } from '../../src/modules/experts/name-keys';
import { seededRng } from '../bench/synthetic-data';
import { makeExpertDoc, profileWorld } from '../bench/workflow-data';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../seed/accounts';
import { seedDemoData } from '../seed/index';
import type { Role } from './routes';

/**
 * The data the load test runs on: the demo data set, more signed-in people per role (many users, not one
 * user many times, so per-user limits see what they would see), and with `--experts n` that many
 * generated experts besides (the benchmarks' generator), written before the API starts.
 */

export const LOADTEST_DB = 'yinling_loadtest';
/**
 * Coordinators: one per ten connections of the 500-connection mix. Each connection keeps one person's
 * session (drive.ts), and a person runs at most EXPENSIVE_MAX_PER_USER expensive requests at once, so 50
 * of them carry a route's 100 connections alone without a per-user refusal.
 */
const PEOPLE = { coordinator: 50, expert: 8, employer: 4 } as const;
const BATCH = 5_000;

export type Logins = Record<Role, string[]>;

async function moreLogins(): Promise<Logins> {
  const coordinators: string[] = [DEMO_LOGINS.coordinator.email];
  for (let k = 1; k < PEOPLE.coordinator; k++) {
    const email = `loadtest-coordinator-${k}@example.com`;
    await createUser({ email, role: 'coordinator', displayName: `黔江区人才办 压测${k}` });
    coordinators.push(email);
  }
  const others = async (role: 'expert' | 'employer', demo: string) => {
    const rows = await User.find({ role, email: { $ne: demo } }, { email: 1 })
      .sort({ email: 1 })
      .limit(PEOPLE[role] - 1)
      .lean();
    return [demo, ...rows.map((r) => r.email)];
  };
  const logins: Logins = {
    coordinator: coordinators,
    expert: await others('expert', DEMO_LOGINS.expert.email),
    employer: await others('employer', DEMO_LOGINS.employer.email),
  };
  // One hash for all: argon2 is slow on purpose.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const emails = Object.values(logins).flat();
  await User.updateMany({ email: { $in: emails } }, { $set: { passwordHash, emailVerifiedAt: new Date() } });
  return logins;
}

async function generatedExperts(count: number, log: (line: string) => void): Promise<void> {
  const rng = seededRng(14);
  const world = profileWorld();
  const t0 = Date.now();
  for (let k = 0; k < count; k += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, count - k) }, (_, i) => {
      const doc = makeExpertDoc(rng, world, k + i);
      // lean inserts skip the model's hooks: the keys are written here as the hooks would.
      return { ...doc, nameKeys: nameKeysOf(doc.name), nameKeysVersion: NAME_KEYS_VERSION };
    });
    await Expert.insertMany(docs, { lean: true });
  }
  log(`data: ${count} generated experts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Loads everything into LOADTEST_DB at `mongoUrl` and returns the emails to sign in with, per role. */
export async function loadData(
  urls: { mongoUrl: string; redisUrl: string },
  experts: number,
  log: (line: string) => void,
): Promise<Logins> {
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    MONGO_URL: urls.mongoUrl,
    REDIS_URL: urls.redisUrl,
    MONGO_DB: LOADTEST_DB,
  });
  const opened = await openContext(config, createLogger(config.log.level, { process: 'loadtest' }));
  try {
    const t0 = Date.now();
    const summary = await seedDemoData({ ctx: opened.ctx });
    log(`data: demo data set (${summary.experts} experts) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const logins = await moreLogins();
    if (experts > 0) await generatedExperts(experts, log);
    return logins;
  } finally {
    await runSteps(opened.shutdownSteps);
  }
}
