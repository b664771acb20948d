import type { AnyBulkWriteOperation } from 'mongoose';
import { OutboxEmail, type OutboxRecord } from './outbox.model';

/**
 * Calls made while an earlier round trip is on its way are gathered and sent together as one: with one
 * worker running many delivery jobs at once, each step costs one MongoDB round trip per batch instead of
 * one per message. A call alone waits for nothing (it goes out on the next turn of the event loop).
 */
export function coalesced<K, R>(run: (keys: K[]) => Promise<R[]>, maxBatch = 100): (key: K) => Promise<R> {
  let waiting: Array<{ key: K; resolve(r: R): void; reject(e: unknown): void }> = [];
  let busy = false;
  const flush = async () => {
    busy = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        const results = await run(batch.map((w) => w.key));
        for (const [i, w] of batch.entries()) w.resolve(results[i] as R);
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    busy = false;
  };
  return (key) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ key, resolve, reject });
      if (!busy) {
        busy = true;
        setImmediate(() => void flush());
      }
    });
}

/** The delivery steps that write the outbox, batched across the delivery jobs of one worker process. */
export interface OutboxBatches {
  /**
   * Marks a pending message no attempt is sending as inside this attempt's SMTP call (sendingBy =
   * attemptId, one more attempt) and reads it back: the attempt holds the message if and only if the
   * record it gets says `sendingBy === attemptId`. Null when there is no such record.
   */
  claim(outboxId: string, attemptId: string): Promise<OutboxRecord | null>;
  /** Records that the SMTP server accepted the message. */
  markSent(outboxId: string): Promise<void>;
}

/** Built once per sender (per worker process): each step is one bulkWrite or one find per batch. */
export function createOutboxBatches(): OutboxBatches {
  const claim = coalesced(async (claims: Array<{ outboxId: string; attemptId: string }>) => {
    const now = new Date();
    await OutboxEmail.bulkWrite(
      claims.map(({ outboxId, attemptId }) => ({
        updateOne: {
          filter: { _id: outboxId, status: 'pending', sendingBy: null },
          update: { $set: { sendingAt: now, sendingBy: attemptId }, $inc: { attempts: 1 } },
        },
      })),
      { ordered: false },
    );
    const records = await OutboxEmail.find({ _id: { $in: claims.map((c) => c.outboxId) } }).lean<
      OutboxRecord[]
    >();
    const byId = new Map(records.map((r) => [String(r._id), r]));
    return claims.map((c) => byId.get(c.outboxId) ?? null);
  });
  const markSent = coalesced(async (outboxIds: string[]) => {
    const sentAt = new Date();
    const ops: AnyBulkWriteOperation[] = outboxIds.map((id) => ({
      updateOne: {
        filter: { _id: id, status: 'pending' },
        update: {
          $set: { status: 'sent', sentAt },
          $unset: { lastError: 1, sendingAt: 1, sendingBy: 1 },
        },
      },
    }));
    await OutboxEmail.bulkWrite(ops, { ordered: false });
    return outboxIds.map(() => undefined);
  });
  return {
    claim: (outboxId, attemptId) => claim({ outboxId, attemptId }),
    markSent: (outboxId) => markSent(outboxId),
  };
}
