import { randomBytes, randomInt } from 'node:crypto';
import mongoose from 'mongoose';
import { uniqueEmail } from './auth';

/** A person nobody else in the database shares a name, address or phone number with. */
export function uniquePerson() {
  const tag = randomBytes(3).toString('hex');
  return {
    name: `向${tag}`,
    email: uniqueEmail(`erased-${tag}`).toLowerCase(),
    phone: `139${String(randomInt(1e8)).padStart(8, '0')}`,
  };
}

/**
 * Every document of every collection of the test's database that mentions one of the strings, as
 * "<collection> <_id>: <string>" (after an erasure: the proof that nothing of the person is left).
 */
export async function mentions(strings: string[]): Promise<string[]> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const found: string[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    for (const doc of await db.collection(name).find({}).toArray()) {
      const text = JSON.stringify(doc);
      for (const s of strings) if (text.includes(s)) found.push(`${name} ${String(doc._id)}: ${s}`);
    }
  }
  return found;
}
