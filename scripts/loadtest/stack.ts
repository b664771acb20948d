import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MongoMemoryReplSet } from 'mongodb-memory-server-core';
import { type RedisProcess, startRedisServer } from '../../test/support/local-stack';
import { onPath, type Started, stopTree } from './processes';

/**
 * What the service runs on, each in a process of its own: MongoDB (MONGO_URL, else a mongod from PATH as a
 * one-node replica set, else the project's test server) and Redis (redis-server on a free port).
 */

const ROOT = process.cwd();
export const API_ENTRY = join(ROOT, 'dist/src/server.js');
export const WORKERS_ENTRY = join(ROOT, 'dist/workers/main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm run build` when dist/ is missing or older than src/ and workers/. */
export function ensureBuilt(log: (line: string) => void): void {
  const built = [API_ENTRY, WORKERS_ENTRY].every(existsSync)
    ? Math.min(statSync(API_ENTRY).mtimeMs, statSync(WORKERS_ENTRY).mtimeMs)
    : 0;
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'workers')));
  if (built > sources) {
    log('build: dist/ is up to date');
    return;
  }
  log('build: npm run build (dist/ is missing or older than the sources)');
  const res = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (res.status === 0) return;
  // tsc still writes the JavaScript when it finds type errors: run that, and say so.
  if (![API_ENTRY, WORKERS_ENTRY].every(existsSync))
    throw new Error('npm run build failed and wrote no dist/');
  log('build: npm run build reported errors; running what it wrote');
}

export interface MongoProcess {
  url: string;
  kind: 'MONGO_URL' | 'mongod' | 'test-server';
  stop(): Promise<void>;
}

async function startTestServer(log: string): Promise<MongoProcess> {
  const fd = openSync(log, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'mongo-test-server.ts')], {
    stdio: ['pipe', 'pipe', fd],
  });
  const started: Started = { name: 'mongo test server', child, log };
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const timer = setTimeout(
      () => reject(new Error(`the MongoDB test server did not start (see ${log})`)),
      30_000,
    );
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) =>
      reject(new Error(`the MongoDB test server exited with ${code} (see ${log})`)),
    );
  });
  return {
    url,
    kind: 'test-server',
    stop: () => stopTree(started, 5_000),
  };
}

export async function startMongo(log: string): Promise<MongoProcess> {
  if (process.env.MONGO_URL) {
    return { url: process.env.MONGO_URL, kind: 'MONGO_URL', stop: async () => {} };
  }
  const binary = process.env.MONGOMS_SYSTEM_BINARY ?? onPath('mongod');
  if (binary) {
    // A one-node replica set (transactions need one) in a temp dir that is removed when it stops.
    const rs = await MongoMemoryReplSet.create({
      replSet: { count: 1, storageEngine: 'wiredTiger' },
      binary: { systemBinary: binary },
    });
    return { url: rs.getUri(), kind: 'mongod', stop: async () => void (await rs.stop()) };
  }
  return startTestServer(log);
}

export const startRedis = (): Promise<RedisProcess> => startRedisServer();
