import mongoose from 'mongoose';
import type { Config } from './config';

/**
 * Connects the process-wide mongoose connection. Unknown filter keys are rejected (strictQuery).
 * Operator injection ({"$gt": ""}) is stopped earlier: every request value passes a strict zod schema.
 */
export async function connectMongo(config: Pick<Config, 'mongo'>): Promise<typeof mongoose> {
  mongoose.set('strictQuery', 'throw');
  mongoose.set('autoIndex', true);
  await mongoose.connect(config.mongo.url, {
    dbName: config.mongo.dbName,
    serverSelectionTimeoutMS: 10_000,
  });
  // Unique indexes are part of the data's contract: build them before serving.
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  return mongoose;
}

export async function disconnectMongo(): Promise<void> {
  await mongoose.disconnect();
}

/** Answers whether MongoDB responds to a ping within the time allowed. */
export async function pingMongo(timeoutMs: number): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  return withTimeout(
    db
      .admin()
      .command({ ping: 1 })
      .then(() => true),
    timeoutMs,
  ).catch(() => false);
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
