import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';

export interface TestDatabase {
  conn: Connection;
  /** The raw driver's handle on the same database. */
  db: NonNullable<Connection['db']>;
  close(): Promise<void>;
}

/** A mongoose connection to a database of its own (`yinling_test_<random>`), dropped by `close()`. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.MONGO_URL;
  if (!url) throw new Error('MONGO_URL is not set: run through jest, whose global setup starts MongoDB');
  const dbName = `yinling_test_${randomBytes(6).toString('hex')}`;
  const conn = await mongoose.createConnection(url, { dbName, autoIndex: false }).asPromise();
  const db = conn.db;
  if (!db) throw new Error('mongoose connection has no db');
  return {
    conn,
    db,
    close: async () => {
      await db.dropDatabase();
      await conn.close();
    },
  };
}
