import { type Document, deserialize, serialize } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;
const CHECKSUM_PRESENT = 1;
const MORE_TO_COME = 2;
export const MAX_MESSAGE_SIZE = 48_000_000;

/** One request as the dispatcher sees it: the command document (sequences merged) and how to answer. */
export interface WireRequest {
  requestId: number;
  opCode: number;
  command: Document;
  /** Database from `$db` (OP_MSG) or the `db.$cmd` namespace (OP_QUERY). */
  db: string;
  moreToCome: boolean;
}

// Keep Binary as Binary (lsid, UUIDs); Longs that fit become numbers so mingo compares them.
const DESERIALIZE = { promoteBuffers: false, promoteLongs: true, promoteValues: true } as const;

/** Splits complete frames off the buffer; returns the frames and the unconsumed rest. */
export function splitFrames(buffer: Buffer): { frames: Buffer[]; rest: Buffer } {
  const frames: Buffer[] = [];
  let offset = 0;
  while (buffer.length - offset >= 4) {
    const length = buffer.readInt32LE(offset);
    if (length < 16 || length > MAX_MESSAGE_SIZE) throw new Error(`invalid message length ${length}`);
    if (buffer.length - offset < length) break;
    frames.push(buffer.subarray(offset, offset + length));
    offset += length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

function readCString(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset);
  return [buf.toString('utf8', offset, end), end + 1];
}

export function parseFrame(frame: Buffer): WireRequest {
  const requestId = frame.readInt32LE(4);
  const opCode = frame.readInt32LE(12);
  if (opCode === OP_QUERY) {
    const [ns, afterNs] = readCString(frame, 20);
    const docStart = afterNs + 8; // numberToSkip, numberToReturn
    const size = frame.readInt32LE(docStart);
    let command = deserialize(frame.subarray(docStart, docStart + size), DESERIALIZE);
    if (command.$query) command = command.$query as Document;
    return { requestId, opCode, command, db: ns.split('.')[0], moreToCome: false };
  }
  if (opCode !== OP_MSG) throw new Error(`unsupported opCode ${opCode}`);
  const flags = frame.readUInt32LE(16);
  const end = frame.length - (flags & CHECKSUM_PRESENT ? 4 : 0);
  let offset = 20;
  let command: Document = {};
  const sequences: Record<string, Document[]> = {};
  while (offset < end) {
    const kind = frame.readUInt8(offset);
    offset += 1;
    const size = frame.readInt32LE(offset);
    if (kind === 0) {
      command = deserialize(frame.subarray(offset, offset + size), DESERIALIZE);
    } else {
      const [identifier, docsStart] = readCString(frame, offset + 4);
      const docs: Document[] = [];
      let p = docsStart;
      while (p < offset + size) {
        const docSize = frame.readInt32LE(p);
        docs.push(deserialize(frame.subarray(p, p + docSize), DESERIALIZE));
        p += docSize;
      }
      sequences[identifier] = docs;
    }
    offset += size;
  }
  Object.assign(command, sequences);
  const db = typeof command.$db === 'string' ? command.$db : 'admin';
  return { requestId, opCode, command, db, moreToCome: Boolean(flags & MORE_TO_COME) };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

let nextReplyId = 1;

/** Encodes the reply in the request's dialect: OP_REPLY for legacy OP_QUERY, one kind-0 section otherwise. */
export function encodeReply(request: WireRequest, reply: Document): Buffer {
  const body = encodeDocument(reply);
  const id = nextReplyId++ & 0x7fffffff;
  if (request.opCode === OP_QUERY) {
    const prefix = Buffer.alloc(20); // responseFlags, cursorID, startingFrom, numberReturned
    prefix.writeInt32LE(1, 16);
    const length = 16 + prefix.length + body.length;
    return Buffer.concat([header(length, id, request.requestId, OP_REPLY), prefix, body]);
  }
  const prefix = Buffer.alloc(5); // flagBits 0, section kind 0
  const length = 16 + prefix.length + body.length;
  return Buffer.concat([header(length, id, request.requestId, OP_MSG), prefix, body]);
}

/** Documents already encoded (a cursor's batch): a reply sends them as a BSON array of their bytes. */
export class EncodedDocuments {
  constructor(readonly docs: readonly Uint8Array[]) {}
}

const BSON_DOCUMENT = 0x03;
const BSON_ARRAY = 0x04;

/** `serialize`, but EncodedDocuments (in the reply or a plain object in it) go in as the bytes they are. */
function encodeDocument(doc: Document): Uint8Array {
  if (!holdsEncoded(doc)) return serialize(doc);
  const parts: Uint8Array[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (value instanceof EncodedDocuments) {
      parts.push(elementName(BSON_ARRAY, key), encodedArray(value.docs));
    } else if (isPlainObject(value) && holdsEncoded(value)) {
      parts.push(elementName(BSON_DOCUMENT, key), encodeDocument(value));
    } else {
      const single = serialize({ [key]: value }); // one element, between the length and the terminator
      parts.push(single.subarray(4, single.length - 1));
    }
  }
  return framed(parts);
}

function encodedArray(docs: readonly Uint8Array[]): Uint8Array {
  return framed(docs.flatMap((d, k) => [elementName(BSON_DOCUMENT, String(k)), d]));
}

/** A document of these elements: its int32 length, the elements, a zero byte. */
function framed(parts: Uint8Array[]): Buffer {
  const length = 4 + parts.reduce((n, p) => n + p.length, 0) + 1;
  const out = Buffer.concat([Buffer.alloc(4), ...parts, Buffer.alloc(1)], length);
  out.writeInt32LE(length, 0);
  return out;
}

function elementName(type: number, key: string): Buffer {
  return Buffer.concat([Buffer.of(type), Buffer.from(key, 'utf8'), Buffer.alloc(1)]);
}

function holdsEncoded(doc: Document): boolean {
  for (const value of Object.values(doc)) {
    if (value instanceof EncodedDocuments || (isPlainObject(value) && holdsEncoded(value))) return true;
  }
  return false;
}

const isPlainObject = (v: unknown): v is Document =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
