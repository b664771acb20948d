import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mongoServerKind } from '../support/local-stack';
import { openTestDatabase, type TestDatabase } from './test-database';

interface NameDoc {
  _id: number;
  name: string;
  tags: string[];
}

let t: TestDatabase;
const names = () => t.db.collection<NameDoc>('names');
beforeAll(async () => {
  t = await openTestDatabase();
  const values = ['中', '𠮷', 'z', '\uFFFD', 'a', '\uE000'];
  await names().insertMany(values.map((name, i) => ({ _id: i, name, tags: [name, 'm'] })));
});
afterAll(async () => {
  await t.close();
});

/**
 * mongod orders strings by their UTF-8 bytes (code points), not by UTF-16 code units as JavaScript does:
 * '𠮷' (U+20BB7, a rare surname character, a surrogate pair in UTF-16) comes after every BMP character,
 * including '\uE000' and '\uFFFD', which UTF-16 puts after it.
 */
const BYTE_ORDER = ['a', 'z', '中', '\uE000', '\uFFFD', '𠮷'];

const nameOf = (docs: { name?: string }[]) => docs.map((d) => d.name);

describe('string order', () => {
  it('when sorting by a string field, then the order is UTF-8 byte order both ways', async () => {
    const up = await names().find().sort({ name: 1 }).toArray();
    const down = await names().find().sort({ name: -1 }).toArray();
    expect(nameOf(up)).toEqual(BYTE_ORDER);
    expect(nameOf(down)).toEqual([...BYTE_ORDER].reverse());
  });

  it('when a pipeline sorts by a string field, then it uses the same order', async () => {
    const rows = await names()
      .aggregate([{ $sort: { name: 1 } }, { $project: { _id: 0, name: 1 } }])
      .toArray();
    expect(nameOf(rows)).toEqual(BYTE_ORDER);
  });

  it('when filtering with $gt/$gte/$lt/$lte on strings, then the bounds follow UTF-8 byte order', async () => {
    const find = async (filter: object) => nameOf(await names().find(filter).sort({ name: 1 }).toArray());
    expect(await find({ name: { $gt: '\uFFFD' } })).toEqual(['𠮷']);
    expect(await find({ name: { $lt: '\uFFFD' } })).toEqual(['a', 'z', '中', '\uE000']);
    expect(await find({ name: { $gte: '中', $lt: '𠮷' } })).toEqual(['中', '\uE000', '\uFFFD']);
    expect(await find({ name: { $lte: 'z' } })).toEqual(['a', 'z']);
    expect(await find({ name: { $gt: 'z', $lte: '\uE000' } })).toEqual(['中', '\uE000']);
  });

  it('when a range applies to an array of strings, then a document matches when one element is in range', async () => {
    const rows = await names()
      .find({ tags: { $gt: '\uFFFD' } })
      .toArray();
    expect(nameOf(rows)).toEqual(['𠮷']);
  });
});

describe('server version', () => {
  it('when the test server is asked for its version, then it is the MongoDB of the compose file', async () => {
    if ((await mongoServerKind(t.db)) !== 'test-server') return; // a real mongod reports its own version
    const compose = readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');
    const image = /image:\s*mongo:(\d+\.\d+\.\d+)/.exec(compose)?.[1];
    expect(image).toMatch(/^8\.0\./);
    const info = await t.db.admin().command({ buildInfo: 1 });
    const hello = await t.db.admin().command({ hello: 1 });
    expect(info.version).toBe(image);
    expect(info.versionArray.slice(0, 3).join('.')).toBe(image);
    expect(hello.maxWireVersion).toBe(25); // MongoDB 8.0's wire version
  });
});
