import { calculateObjectSize, type Document, Long } from 'bson';
import { CommandError } from './errors';

const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

interface OpenCursor {
  ns: string;
  docs: Document[];
  position: number;
}

/** Server-side cursors over results computed eagerly at open time. */
export class Cursors {
  private readonly open = new Map<number, OpenCursor>();
  private nextId = 1;

  /** The `cursor` reply of find/aggregate/listCollections/listIndexes. */
  first(ns: string, docs: Document[], batchSize?: number, singleBatch = false): Document {
    const cursor: OpenCursor = { ns, docs, position: 0 };
    const firstBatch = takeBatch(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0;
    if (!singleBatch && cursor.position < docs.length) {
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

function takeBatch(cursor: OpenCursor, batchSize: number): Document[] {
  const batch: Document[] = [];
  let bytes = 0;
  while (cursor.position < cursor.docs.length && batch.length < batchSize) {
    const doc = cursor.docs[cursor.position];
    bytes += calculateObjectSize(doc);
    if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
    batch.push(doc);
    cursor.position++;
  }
  return batch;
}
