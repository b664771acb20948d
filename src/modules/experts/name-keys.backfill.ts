import { Expert, type ExpertRecord } from './expert.model';
import { NAME_KEYS_VERSION, nameKeysOf } from './name-keys';

const BATCH = 500;

/**
 * Writes the name keys of experts stored before them (or by an older version of name-keys.ts), a batch
 * at a time. Idempotent: each update is conditional on the name it read, and a second run finds nothing.
 * Returns how many experts it updated.
 */
export async function backfillNameKeys(): Promise<number> {
  let updated = 0;
  for (;;) {
    const stale = await Expert.find({ nameKeysVersion: { $ne: NAME_KEYS_VERSION } })
      .select('name')
      .limit(BATCH)
      .lean<Pick<ExpertRecord, '_id' | 'name'>[]>();
    if (stale.length === 0) return updated;
    // Straight to the collection: these writes carry the keys themselves and must not touch updatedAt.
    const result = await Expert.collection.bulkWrite(
      stale.map((e) => ({
        updateOne: {
          filter: { _id: e._id, name: e.name },
          update: { $set: { nameKeys: nameKeysOf(e.name), nameKeysVersion: NAME_KEYS_VERSION } },
        },
      })),
      { ordered: false },
    );
    updated += result.modifiedCount;
    // A name changed in between keeps its version unset here; its own update wrote its keys.
    if (result.matchedCount === 0) return updated;
  }
}
