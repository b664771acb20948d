import { MongoServerError } from 'mongodb';
import { Schema } from 'mongoose';
import { openTestDatabase, type TestDatabase } from './test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function serverError(promise: Promise<unknown>): Promise<MongoServerError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof MongoServerError)) throw new Error(`expected a MongoServerError, got ${String(err)}`);
  return err;
}

describe('collections and indexes', () => {
  it('when a collection is created twice, then the second fails with NamespaceExists', async () => {
    await t.db.createCollection('twice');
    const err = await serverError(t.db.command({ create: 'twice' }));
    expect([err.code, err.codeName]).toEqual([48, 'NamespaceExists']);
  });

  it('when an unknown command is sent, then it fails with CommandNotFound', async () => {
    const err = await serverError(t.db.command({ noSuchCommandHere: 1 }));
    expect([err.code, err.codeName]).toEqual([59, 'CommandNotFound']);
  });

  it('when listing indexes of a missing collection, then it fails with NamespaceNotFound', async () => {
    const err = await serverError(t.db.command({ listIndexes: 'nowhere' }));
    expect(err.codeName).toBe('NamespaceNotFound');
  });

  it('when a model syncs its indexes, then listIndexes shows them and dropIndex removes one', async () => {
    const schema = new Schema({ email: { type: String, unique: true }, city: String, age: Number });
    schema.index({ city: 1, age: -1 });
    const Person = t.conn.model('Person', schema);
    await Person.syncIndexes();
    const indexes = await Person.listIndexes();
    expect(indexes.map((i) => i.name).sort()).toEqual(['_id_', 'city_1_age_-1', 'email_1']);
    expect(indexes.find((i) => i.name === 'email_1')).toMatchObject({ key: { email: 1 }, unique: true });
    await Person.collection.dropIndex('city_1_age_-1');
    expect((await Person.listIndexes()).map((i) => i.name).sort()).toEqual(['_id_', 'email_1']);
  });

  it('when collections are dropped, then they disappear from listCollections', async () => {
    await t.db.collection('temp').insertOne({ a: 1 });
    expect(await t.db.collection('temp').drop()).toBe(true);
    const names = (await t.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).not.toContain('temp');
  });
});

describe('more reads and writes', () => {
  it('when counting estimated documents, then the count command answers', async () => {
    const coll = t.db.collection('estimated');
    await coll.insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(await coll.estimatedDocumentCount()).toBe(3);
  });

  it('when a pipeline update runs, then fields are computed from the document', async () => {
    const coll = t.db.collection('pipeline_update');
    await coll.insertOne({ name: 'x', price: 10, qty: 3 });
    await coll.updateOne({ name: 'x' }, [{ $set: { total: { $multiply: ['$price', '$qty'] } } }]);
    expect((await coll.findOne({ name: 'x' }))?.total).toBe(30);
  });

  it('when replacing a document, then only _id is kept', async () => {
    const coll = t.db.collection('replace');
    const { insertedId } = await coll.insertOne({ a: 1, b: 2 });
    await coll.findOneAndReplace({ _id: insertedId }, { c: 3 });
    expect(await coll.findOne({ _id: insertedId })).toEqual({ _id: insertedId, c: 3 });
  });

  it('when aggregating with $unwind, $project and a mixed-type $sort, then BSON order applies', async () => {
    const coll = t.db.collection('unwind');
    await coll.insertOne({ vals: ['b', 3, null, 'a', 1] });
    const rows = await coll
      .aggregate([{ $unwind: '$vals' }, { $project: { _id: 0, v: '$vals' } }, { $sort: { v: -1 } }])
      .toArray();
    expect(rows.map((r) => r.v)).toEqual(['b', 'a', 3, 1, null]);
  });

  it('when an aggregate returns more than one batch, then getMore delivers the rest', async () => {
    const coll = t.db.collection('agg_batches');
    await coll.insertMany(Array.from({ length: 120 }, (_, i) => ({ i })));
    const rows = await coll.aggregate([{ $sort: { i: 1 } }], { batchSize: 25 }).toArray();
    expect(rows).toHaveLength(120);
    expect(rows[119].i).toBe(119);
  });

  it('when $push uses $each and $slice, then the array is capped', async () => {
    const coll = t.db.collection<{ k: number; recent: number[] }>('push');
    await coll.insertOne({ k: 1, recent: [1, 2] });
    await coll.updateOne({ k: 1 }, { $push: { recent: { $each: [3, 4], $slice: -3 } } });
    expect((await coll.findOne({ k: 1 }))?.recent).toEqual([2, 3, 4]);
  });
});
