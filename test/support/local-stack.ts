import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Db } from 'mongodb';
import { MongoMemoryReplSet } from 'mongodb-memory-server-core';
import mongoose from 'mongoose';
import { startMongoTestServer } from '../mongo-server';
import { TEST_SERVER_GIT_VERSION } from '../mongo-server/commands/admin';

/**
 * Starts what Yinling needs around it — Redis and MongoDB — on embedded defaults.
 * Shared by the jest global setup and `npm run dev`, so both pick backends the same way.
 */
export type MongoBackend = 'MONGO_URL' | 'mongod' | 'test-server';

/**
 * What answers behind a connection: a real mongod or the in-process test server. The backend the global
 * setup logs (YINLING_MONGO_BACKEND) cannot tell when it is `MONGO_URL`, so this asks the server itself.
 */
export async function mongoServerKind(db: Db): Promise<'mongod' | 'test-server'> {
  const info = await db.admin().command({ buildInfo: 1 });
  return info.gitVersion === TEST_SERVER_GIT_VERSION ? 'test-server' : 'mongod';
}

/** The same, asked at a URL; the jest global setup puts the answer in YINLING_MONGO_SERVER. */
export async function mongoServerKindAt(url: string): Promise<'mongod' | 'test-server'> {
  const client = new mongoose.mongo.MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    return await mongoServerKind(client.db('admin'));
  } finally {
    await client.close();
  }
}

export interface LocalStack {
  redisUrl: string;
  mongoUrl: string;
  mongoBackend: MongoBackend;
  stopRedis(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function onPath(cmd: string): string | undefined {
  const res = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  const found = res.stdout.trim();
  return res.status === 0 && found ? found : undefined;
}

async function waitForRedis(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch {
      client.disconnect();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('redis-server did not answer within 10 s');
}

export interface RedisProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts a throw-away redis-server from PATH on the given (or a free) port. */
export async function startRedisServer(port?: number): Promise<RedisProcess> {
  const bin = onPath('redis-server');
  if (!bin) {
    throw new Error(
      'redis-server was not found on PATH. Install it (Debian/Ubuntu: `apt-get install redis-server`, ' +
        'macOS: `brew install redis`) or set REDIS_URL to a running Redis.',
    );
  }
  const p = port ?? (await freePort());
  const child = spawn(bin, ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await waitForRedis(p, child);
  return {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function findMongodBinary(env: NodeJS.ProcessEnv): string | undefined {
  if (env.MONGOMS_SYSTEM_BINARY && existsSync(env.MONGOMS_SYSTEM_BINARY)) return env.MONGOMS_SYSTEM_BINARY;
  const fromPath = onPath('mongod');
  if (fromPath) return fromPath;
  const cache = env.MONGOMS_DOWNLOAD_DIR ?? join(homedir(), '.cache', 'mongodb-binaries');
  if (existsSync(cache)) {
    const hit = readdirSync(cache).find((f) => f.startsWith('mongod'));
    if (hit) return join(cache, hit);
  }
  return undefined;
}

async function startMongo(
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; backend: MongoBackend; stop(): Promise<void> }> {
  if (env.MONGO_URL) return { url: env.MONGO_URL, backend: 'MONGO_URL', stop: async () => {} };
  const binary = findMongodBinary(env);
  if (binary) {
    const rs = await MongoMemoryReplSet.create({
      replSet: { count: 1, storageEngine: 'wiredTiger' },
      binary: { systemBinary: binary },
    });
    return { url: rs.getUri(), backend: 'mongod', stop: async () => void (await rs.stop()) };
  }
  const server = await startMongoTestServer();
  return { url: server.url, backend: 'test-server', stop: () => server.stop() };
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const redis = env.REDIS_URL ? { url: env.REDIS_URL, stop: async () => {} } : await startRedisServer();
  log(`Redis: ${redis.url}${env.REDIS_URL ? ' (REDIS_URL)' : ' (redis-server from PATH)'}`);
  let mongo: Awaited<ReturnType<typeof startMongo>>;
  try {
    mongo = await startMongo(env);
  } catch (err) {
    await redis.stop();
    throw err;
  }
  log(`MongoDB: ${mongo.url} (${mongo.backend})`);
  return {
    redisUrl: redis.url,
    mongoUrl: mongo.url,
    mongoBackend: mongo.backend,
    stopRedis: () => redis.stop(),
    stop: async () => {
      await Promise.allSettled([redis.stop(), mongo.stop()]);
    },
  };
}
