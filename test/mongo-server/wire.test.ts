import { deserialize, serialize } from 'bson';
import { encodeReply, OP_MSG, OP_QUERY, OP_REPLY, parseFrame, splitFrames } from './wire';

// Unit tests of this server's framing; they need no database.

function opMsg(flags: number, sections: Buffer[], checksum = false): Buffer {
  const body = Buffer.concat([Buffer.alloc(4), ...sections, checksum ? Buffer.alloc(4) : Buffer.alloc(0)]);
  body.writeUInt32LE(flags, 0);
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + body.length, 0);
  header.writeInt32LE(7, 4);
  header.writeInt32LE(OP_MSG, 12);
  return Buffer.concat([header, body]);
}

function sequence(identifier: string, docs: object[]): Buffer {
  const payload = Buffer.concat([Buffer.from(`${identifier}\0`), ...docs.map((d) => serialize(d))]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(4 + payload.length, 0);
  return Buffer.concat([Buffer.from([1]), size, payload]);
}

const kind0 = (doc: object) => Buffer.concat([Buffer.from([0]), serialize(doc)]);

describe('wire framing', () => {
  it('when an OP_MSG carries a document sequence and a checksum, then the command gets the documents', () => {
    const frame = opMsg(
      1 | 2,
      [kind0({ insert: 'c', $db: 'd' }), sequence('documents', [{ a: 1 }, { a: 2 }])],
      true,
    );
    const request = parseFrame(frame);
    expect(request.command).toEqual({ insert: 'c', $db: 'd', documents: [{ a: 1 }, { a: 2 }] });
    expect([request.db, request.moreToCome, request.requestId]).toEqual(['d', true, 7]);
  });

  it('when bytes arrive split across chunks, then only complete frames are taken', () => {
    const frame = opMsg(0, [kind0({ ping: 1, $db: 'admin' })]);
    const twice = Buffer.concat([frame, frame]);
    const { frames, rest } = splitFrames(twice.subarray(0, frame.length + 5));
    expect(frames).toHaveLength(1);
    expect(rest).toHaveLength(5);
  });

  it('when the legacy OP_QUERY handshake arrives, then the reply is an OP_REPLY with one document', () => {
    const query = serialize({ ismaster: 1 });
    const ns = Buffer.from('admin.$cmd\0');
    const frame = Buffer.concat([Buffer.alloc(20), ns, Buffer.alloc(8), query]);
    frame.writeInt32LE(frame.length, 0);
    frame.writeInt32LE(3, 4);
    frame.writeInt32LE(OP_QUERY, 12);
    const request = parseFrame(frame);
    expect([request.db, request.command]).toEqual(['admin', { ismaster: 1 }]);
    const reply = encodeReply(request, { ok: 1 });
    expect([reply.readInt32LE(8), reply.readInt32LE(12), reply.readInt32LE(32)]).toEqual([3, OP_REPLY, 1]);
    expect(deserialize(reply.subarray(36))).toEqual({ ok: 1 });
  });
});
