import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { createApp } from '../../src/app';
import { type Context, createContext } from '../../src/context';
import { type Config, loadConfig } from '../../src/lib/config';
import { connectMongo } from '../../src/lib/db';
import { createLogger } from '../../src/lib/logger';
import { buildOpenApiDocument } from '../../src/lib/openapi';
import { createRedis, waitForRedis } from '../../src/lib/redis';
import { type ContractWatch, type OpenApiDoc, watchContract } from './openapi-contract';

export interface TestApp {
  app: Express;
  /** The test's own context (its database, queue prefix and connections), as a process root builds one. */
  ctx: Context;
  config: Readonly<Config>;
  redis: Redis;
  /** Every /api/v1 response is checked against the served OpenAPI document; close() fails on a violation. */
  contract: ContractWatch;
  close(): Promise<void>;
}

/** A unique suffix so each test file has its own database and queue prefix. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** The configuration a test process runs with, against the services the global setup started. */
export function testConfig(overrides: Record<string, string> = {}): Readonly<Config> {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MONGO_URL: process.env.MONGO_URL,
    REDIS_URL: process.env.REDIS_URL,
    MONGO_DB: uniqueName('yinling_test'),
    QUEUE_PREFIX: uniqueName('t'),
    ...overrides,
  });
}

/** Connects mongoose to a fresh database and builds the app; close() drops that database. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  await connectMongo(config);
  const redis = createRedis(config, 'producer');
  await waitForRedis(redis, 5_000);
  const logger = createLogger(config.log.level);
  const ctx = createContext({ config, logger, redis });
  const app = createApp(ctx);
  const doc = JSON.parse(JSON.stringify(buildOpenApiDocument(config.http.publicUrl))) as OpenApiDoc;
  const contract = watchContract(app, doc);
  return {
    app,
    ctx,
    config,
    redis,
    contract,
    close: async () => {
      ctx.stopListening();
      await ctx.queues.close();
      await mongoose.connection.dropDatabase().catch(() => {});
      await mongoose.disconnect();
      redis.disconnect();
      if (contract.violations.length > 0) {
        throw new Error(
          `responses that break the OpenAPI document (fix the route's schema or errors, or the code):\n${contract.violations.join('\n')}`,
        );
      }
    },
  };
}
