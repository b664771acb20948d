import type { Redis } from 'ioredis';
import { ChangeTokens } from './lib/change-tokens';
import type { Config } from './lib/config';
import { connectMongo, disconnectMongo } from './lib/db';
import { LoadGuard } from './lib/http/overload';
import type { Logger } from './lib/logger';
import { type CacheLookup, createMetrics, type Metrics } from './lib/metrics';
import { createQueueProducers, type QueueProducers } from './lib/queue-producers';
import { createRedis, waitForRedis } from './lib/redis';
import type { ShutdownStep } from './lib/shutdown';
import { type ActiveAccounts, activeAccounts } from './modules/accounts/active-accounts';
import { CALL_DEADLINES_QUEUE } from './modules/calls/calls.jobs';
import { EXPERT_DIGESTS_QUEUE } from './modules/digests/digests.jobs';
import { EMAIL_QUEUE } from './modules/email/email.jobs';
import { createEmailDispatcher, type EmailDispatcher } from './modules/email/email-dispatch';
import { OFFER_DEADLINES_QUEUE } from './modules/matches/offer-deadlines.jobs';
import { NeedListCache } from './modules/needs/need-list-cache';
import { CandidateListCache } from './modules/ranking/candidate-list-cache';
import {
  type SnapshotVersions,
  snapshotVersions,
} from './modules/ranking/candidate-snapshot-records.service';
import { ExpertStoreCache } from './modules/ranking/expert-store-cache';
import { NeedBoardCache } from './modules/ranking/need-board-cache';
import { MATCHING_QUEUE } from './modules/ranking/ranking.jobs';
import { SERVICE_DEADLINES_QUEUE } from './modules/services/services.jobs';

/** Every queue of the application (each has its processor in workers/registry.ts). */
export const QUEUES = [
  EMAIL_QUEUE,
  MATCHING_QUEUE,
  OFFER_DEADLINES_QUEUE,
  SERVICE_DEADLINES_QUEUE,
  EXPERT_DIGESTS_QUEUE,
  CALL_DEADLINES_QUEUE,
] as const;

/**
 * What a process builds once at start and hands to its features: the API (`src/server.ts`), the
 * workers (`workers/main.ts`), `npm run dev` (one context for both) and scripts. Tests build their own.
 * Features take it (or the part they use) as their first argument; nothing else holds connections,
 * queues or settings at module level.
 */
export interface Context {
  readonly config: Readonly<Config>;
  readonly logger: Logger;
  /** The producer connection (enableOfflineQueue: false): health checks, sessions, rate limits. */
  readonly redis: Redis;
  readonly queues: QueueProducers;
  /** What /metrics reports for this process. */
  readonly metrics: Metrics;
  /** The change tokens (in Redis) the caches below are kept against; moved by the models' committed writes. */
  readonly changes: ChangeTokens;
  /** Stops this context hearing the models' writes (its Redis connection is about to close). */
  readonly stopListening: () => void;
  /** The signed-in accounts' role, links and standing, checked against their change token on every use. */
  readonly accounts: ActiveAccounts;
  /** The API's load shedding and per-user caps of expensive routes (counts are this process's). */
  readonly load: LoadGuard;
  /** The ranking store, built from MongoDB on first use and kept current. */
  readonly experts: ExpertStoreCache;
  /** The open needs for the reverse ranking ("needs for me"), built on first use and kept current. */
  readonly needBoard: NeedBoardCache;
  /** The candidate lists as served, checked against the stored version on every use. */
  readonly candidateLists: CandidateListCache;
  /** The stored candidate snapshots' versions, kept under their change token. */
  readonly candidateSnapshots: SnapshotVersions;
  /** Need-list pages as served (staff's, employers', the experts' board), checked against their change tokens. */
  readonly needLists: NeedListCache;
  /** Hands committed outbox records to the email queue, many messages to a job. */
  readonly emailDispatch: EmailDispatcher;
}

export function createContext(deps: { config: Readonly<Config>; logger: Logger; redis: Redis }): Context {
  const queues = createQueueProducers({ ...deps, names: QUEUES });
  const changes = new ChangeTokens(deps.redis, `${deps.config.queue.prefix}:changes:`);
  const metrics = createMetrics(() => queues.all());
  const lookups = (list: string) => (outcome: CacheLookup) => metrics.listCacheLookups.inc({ list, outcome });
  const candidateLists = new CandidateListCache(undefined, lookups('candidates'));
  const needLists = new NeedListCache({ onLookup: lookups('needs') });
  metrics.watchListCache('candidates', () => candidateLists.stats());
  metrics.watchListCache('needs', () => needLists.stats());
  return {
    ...deps,
    queues,
    changes,
    stopListening: changes.listen(),
    accounts: activeAccounts(changes),
    metrics,
    load: new LoadGuard(deps.config.overload, metrics, deps.logger),
    experts: new ExpertStoreCache(),
    needBoard: new NeedBoardCache(),
    candidateLists,
    candidateSnapshots: snapshotVersions(changes),
    needLists,
    emailDispatch: createEmailDispatcher({ ...deps, queue: () => queues.get(EMAIL_QUEUE) }),
  };
}

/**
 * A process's context with its connections opened: MongoDB (mongoose's connection), the producer Redis
 * connection and the queues over it. Each process calls this once at start; `shutdownSteps` close what
 * it opened, in order, after the process's own steps (HTTP, workers).
 */
export async function openContext(
  config: Readonly<Config>,
  logger: Logger,
): Promise<{ ctx: Context; shutdownSteps: ShutdownStep[] }> {
  await connectMongo(config);
  const redis = createRedis(config, 'producer');
  // The login limiter's Redis store loads its script when the app is built; with the producer
  // profile (no offline queue) that fails for good unless Redis is connected by then.
  await waitForRedis(redis, 10_000).catch(() => logger.warn('Redis not ready after 10 s; starting anyway'));
  const ctx = createContext({ config, logger, redis });
  return {
    ctx,
    shutdownSteps: [
      { name: 'change tokens', run: async () => ctx.stopListening() },
      { name: 'queues', run: () => ctx.queues.close() },
      { name: 'redis', run: () => redis.quit().catch(() => redis.disconnect()) },
      { name: 'mongo', run: () => disconnectMongo() },
    ],
  };
}
