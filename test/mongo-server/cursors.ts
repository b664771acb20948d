import { type Document, Long, serialize } from 'bson';
import { CommandError } from './errors';
import type { FindSource } from './query';
import { EncodedDocuments } from './wire';

const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

interface OpenCursor extends FindSource {
  ns: string;
  /** The next document to return: past every one the filter rejects, so `position >= docs.length` is exact. */
  position: number;
}

/** Server-side cursors over results fixed at open time (filtered and projected as they are read). */
export class Cursors {
  private readonly open = new Map<number, OpenCursor>();
  private nextId = 1;

  /** The `cursor` reply of find/aggregate/listCollections/listIndexes. */
  first(ns: string, source: Document[] | FindSource, batchSize?: number, singleBatch = false): Document {
    const cursor: OpenCursor = { ns, ...(Array.isArray(source) ? { docs: source } : source), position: 0 };
    seek(cursor);
    const firstBatch = takeBatch(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0;
    if (!singleBatch && cursor.position < cursor.docs.length) {
      id = this.nextId++;
      this.open.set(id, cursor);
    }
    return { cursor: { firstBatch, id: Long.fromNumber(id), ns }, ok: 1 };
  }

  more(id: number, batchSize?: number): Document {
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandError(43, 'CursorNotFound', `cursor id ${id} not found`);
    const nextBatch = takeBatch(cursor, batchSize || Number.POSITIVE_INFINITY);
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.open.delete(id);
    return { cursor: { nextBatch, id: Long.fromNumber(exhausted ? 0 : id), ns: cursor.ns }, ok: 1 };
  }

  kill(ids: number[]): Document {
    const killed = ids.filter((id) => this.open.delete(id));
    const notFound = ids.filter((id) => !killed.includes(id));
    const asLongs = (xs: number[]) => xs.map((x) => Long.fromNumber(x));
    return {
      cursorsKilled: asLongs(killed),
      cursorsNotFound: asLongs(notFound),
      cursorsAlive: [],
      cursorsUnknown: [],
      ok: 1,
    };
  }
}

/** Moves past the documents the filter rejects. */
function seek(cursor: OpenCursor): void {
  const { docs, test } = cursor;
  if (!test) return;
  while (cursor.position < docs.length && !test(docs[cursor.position])) cursor.position++;
}

/**
 * The next batch, each document encoded here once: the encoding measures the batch against its byte limit
 * and is what the reply sends (measuring, then encoding the reply, cost twice on a large read).
 */
function takeBatch(cursor: OpenCursor, batchSize: number): EncodedDocuments {
  const batch: Uint8Array[] = [];
  let bytes = 0;
  while (cursor.position < cursor.docs.length && batch.length < batchSize) {
    const stored = cursor.docs[cursor.position];
    const encoded = serialize(cursor.shape ? cursor.shape(stored) : stored);
    bytes += encoded.length;
    if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
    batch.push(encoded);
    cursor.position++;
    seek(cursor);
  }
  return new EncodedDocuments(batch);
}
