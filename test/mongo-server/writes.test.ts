import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { Schema } from 'mongoose';
import { openTestDatabase, type TestDatabase } from './test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function rejection(promise: Promise<unknown>): Promise<MongoServerError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof MongoServerError)) throw new Error(`expected a MongoServerError, got ${String(err)}`);
  return err;
}

describe('unique indexes', () => {
  it('when a model with a unique field saves a duplicate, then it fails with 11000 and keyValue', async () => {
    const User = t.conn.model('User', new Schema({ email: { type: String, unique: true }, name: String }));
    await User.createIndexes();
    await User.create({ email: 'a@b.c', name: 'first' });
    const err = await rejection(User.create({ email: 'a@b.c', name: 'second' }));
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ email: 'a@b.c' });
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.message).toContain('E11000 duplicate key error collection:');
    expect(err.message).toContain('index: email_1 dup key: { email: "a@b.c" }');
    expect(await User.countDocuments({ email: 'a@b.c' })).toBe(1);
  });

  it('when a unique index is created over existing duplicates, then creation fails with 11000', async () => {
    const coll = t.db.collection('dups');
    await coll.insertMany([{ k: 1 }, { k: 1 }]);
    const err = await rejection(coll.createIndex({ k: 1 }, { unique: true }));
    expect(err.code).toBe(11000);
    const names = (await coll.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_']);
  });

  it('when a sparse unique index meets documents without the field, then only present values must be unique', async () => {
    const coll = t.db.collection('sparse');
    await coll.createIndex({ phone: 1 }, { unique: true, sparse: true });
    await coll.insertMany([{ a: 1 }, { a: 2 }, { phone: '123' }]);
    const err = await rejection(coll.insertOne({ phone: '123' }));
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ phone: '123' });
  });

  it('when a compound unique index is used, then only the same combination collides', async () => {
    const coll = t.db.collection('compound');
    await coll.createIndex({ org: 1, email: 1 }, { unique: true, name: 'org_email' });
    await coll.insertMany([
      { org: 'x', email: 'a' },
      { org: 'y', email: 'a' },
    ]);
    const err = await rejection(coll.insertOne({ org: 'x', email: 'a' }));
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ org: 'x', email: 'a' });
    expect(err.message).toContain('index: org_email');
  });

  it('when an update would duplicate a unique value, then the update fails and the document is unchanged', async () => {
    const coll = t.db.collection('upd_unique');
    await coll.createIndex({ code: 1 }, { unique: true });
    await coll.insertMany([{ code: 'a' }, { code: 'b' }]);
    const err = await rejection(coll.updateOne({ code: 'b' }, { $set: { code: 'a' } }));
    expect(err.code).toBe(11000);
    expect(await coll.countDocuments({ code: 'b' })).toBe(1);
  });
});

describe('bulk inserts', () => {
  const docs = () => [{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }];

  it('when an ordered insertMany meets a duplicate, then it stops there', async () => {
    const coll = t.db.collection<{ _id: number }>('ordered');
    const err = await coll.insertMany(docs(), { ordered: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bulk = err as MongoBulkWriteError;
    expect(bulk.insertedCount).toBe(2);
    const [first] = [bulk.writeErrors].flat();
    expect([first.index, first.code]).toEqual([2, 11000]);
    expect(await coll.countDocuments()).toBe(2);
  });

  it('when an unordered insertMany meets a duplicate, then it inserts the rest and reports the index', async () => {
    const coll = t.db.collection<{ _id: number }>('unordered');
    const err = (await coll
      .insertMany(docs(), { ordered: false })
      .catch((e: unknown) => e)) as MongoBulkWriteError;
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    expect(err.insertedCount).toBe(3);
    expect(await coll.countDocuments()).toBe(3);
  });

  it('when bulkWrite mixes operations, then each one is applied and counted', async () => {
    const Item = t.conn.model('BulkItem', new Schema({ sku: String, qty: Number }));
    await Item.create([
      { sku: 'a', qty: 1 },
      { sku: 'b', qty: 2 },
    ]);
    const result = await Item.bulkWrite([
      { insertOne: { document: { sku: 'c', qty: 3 } } },
      { updateOne: { filter: { sku: 'a' }, update: { $inc: { qty: 10 } } } },
      { updateOne: { filter: { sku: 'z' }, update: { $set: { qty: 0 } }, upsert: true } },
      { deleteOne: { filter: { sku: 'b' } } },
      { replaceOne: { filter: { sku: 'c' }, replacement: { sku: 'c', qty: 30 } } },
    ]);
    expect(result.insertedCount).toBe(1);
    expect(result.matchedCount).toBe(2);
    expect(result.modifiedCount).toBe(2);
    expect(result.upsertedCount).toBe(1);
    expect(result.deletedCount).toBe(1);
    const items = await Item.find().sort({ sku: 1 }).lean();
    expect(items.map((i) => [i.sku, i.qty])).toEqual([
      ['a', 11],
      ['c', 30],
      ['z', 0],
    ]);
  });
});

describe('updates and deletes', () => {
  it('when upserting with $setOnInsert, then it applies on insert only', async () => {
    const coll = t.db.collection('upserts');
    const first = await coll.updateOne(
      { key: 'k', 'meta.tier': 'gold' },
      { $set: { seen: 1 }, $setOnInsert: { createdBy: 'first' } },
      { upsert: true },
    );
    expect(first.upsertedCount).toBe(1);
    const second = await coll.updateOne(
      { key: 'k' },
      { $set: { seen: 2 }, $setOnInsert: { createdBy: 'second' } },
      { upsert: true },
    );
    expect(second.matchedCount).toBe(1);
    expect(second.upsertedCount).toBe(0);
    const doc = await coll.findOne({ key: 'k' }, { projection: { _id: 0 } });
    expect(doc).toEqual({ key: 'k', meta: { tier: 'gold' }, seen: 2, createdBy: 'first' });
  });

  it('when updateMany uses arrayFilters, then only matching elements change', async () => {
    const coll = t.db.collection('arrays');
    await coll.insertMany([
      {
        g: 1,
        items: [
          { k: 'a', q: 1 },
          { k: 'b', q: 1 },
        ],
      },
      { g: 1, items: [{ k: 'b', q: 5 }] },
      { g: 2, items: [{ k: 'b', q: 9 }] },
    ]);
    const res = await coll.updateMany(
      { g: 1 },
      { $inc: { 'items.$[e].q': 100 } },
      { arrayFilters: [{ 'e.k': 'b' }] },
    );
    expect(res.matchedCount).toBe(2);
    expect(res.modifiedCount).toBe(2);
    const docs = await coll
      .find({}, { projection: { _id: 0, items: 1 } })
      .sort({ _id: 1 })
      .toArray();
    expect(docs.map((d) => d.items)).toEqual([
      [
        { k: 'a', q: 1 },
        { k: 'b', q: 101 },
      ],
      [{ k: 'b', q: 105 }],
      [{ k: 'b', q: 9 }],
    ]);
  });

  it('when an update uses the positional $, then the first matched element changes', async () => {
    const coll = t.db.collection('positional');
    await coll.insertOne({
      name: 'p',
      tags: [
        { t: 'x', on: false },
        { t: 'y', on: false },
      ],
    });
    const res = await coll.updateOne({ 'tags.t': 'y' }, { $set: { 'tags.$.on': true } });
    expect(res.modifiedCount).toBe(1);
    const doc = await coll.findOne({ name: 'p' });
    expect(doc?.tags).toEqual([
      { t: 'x', on: false },
      { t: 'y', on: true },
    ]);
  });

  it('when an update changes nothing, then nModified is 0', async () => {
    const coll = t.db.collection('noop');
    await coll.insertOne({ a: 1 });
    const res = await coll.updateOne({ a: 1 }, { $set: { a: 1 } });
    expect([res.matchedCount, res.modifiedCount]).toEqual([1, 0]);
  });

  it('when deleteMany and deleteOne run, then they remove all or one matching document', async () => {
    const coll = t.db.collection('deletes');
    await coll.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect((await coll.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await coll.deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect(await coll.countDocuments()).toBe(1);
  });
});
