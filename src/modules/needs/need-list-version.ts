import { type ClientSession, model, Schema, Types } from 'mongoose';
import { afterCommit } from '../../lib/transaction';

/**
 * The version of "every need as stored": a counter that each write through the Need model moves on once
 * the write is committed (the hooks in need.model.ts), so that a need list read after the version was
 * read is never older than it. `epoch` is drawn when the document is created, so a counter that starts
 * again (a database emptied underneath a running process) cannot name an old list.
 */
const needListVersionSchema = new Schema(
  { _id: { type: String, required: true }, epoch: { type: String, required: true }, n: { type: Number } },
  { versionKey: false },
);
const NeedListVersion = model('NeedListVersion', needListVersionSchema, 'need_list_versions');

const KEY = 'needs';

/** The current version; undefined until the first write or the first read creates the counter. */
export async function readNeedListVersion(): Promise<string | undefined> {
  const doc = await NeedListVersion.collection.findOne<{ epoch: string; n?: number }>(
    { _id: KEY as never },
    { projection: { epoch: 1, n: 1 } },
  );
  if (doc) return `${doc.epoch}.${doc.n ?? 0}`;
  await moveOn(0);
  return undefined;
}

function moveOn(by: number): Promise<unknown> {
  return NeedListVersion.collection.updateOne(
    { _id: KEY as never },
    { $inc: { n: by }, $setOnInsert: { epoch: new Types.ObjectId().toHexString() } },
    { upsert: true },
  );
}

/**
 * Moves the version on once the session's writes are committed (at once without a transaction). A
 * failure is reported, not thrown: the write it follows stands, and a cached list lives at most
 * NEED_LIST_MAX_AGE_MS (need-list-cache.ts).
 */
export function needsChanged(session: ClientSession | null | undefined): Promise<void> {
  return afterCommit(session, 'need-list-version', async () => {
    try {
      await moveOn(1);
    } catch (err) {
      process.emitWarning(`The need list's version did not move on: ${(err as Error).message}`);
    }
  });
}
