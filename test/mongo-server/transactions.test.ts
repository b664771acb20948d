import { Schema, type Types } from 'mongoose';
import { openTestDatabase, type TestDatabase } from './test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const accountSchema = new Schema({ owner: String, balance: Number, state: String });

describe('transactions', () => {
  it('when a transaction throws, then its insert, update and delete are all undone', async () => {
    const Account = t.conn.model('Account', accountSchema);
    await Account.createCollection();
    await Account.create([
      { owner: 'keep', balance: 10 },
      { owner: 'gone', balance: 5 },
    ]);
    const failure = t.conn.transaction(async (session) => {
      await Account.create([{ owner: 'new', balance: 1 }], { session });
      await Account.updateOne({ owner: 'keep' }, { $inc: { balance: 90 } }, { session });
      await Account.deleteOne({ owner: 'gone' }, { session });
      expect(await Account.countDocuments({}, { session })).toBe(2);
      throw new Error('abort on purpose');
    });
    await expect(failure).rejects.toThrow('abort on purpose');
    const after = await Account.find().sort({ owner: 1 }).lean();
    expect(after.map((a) => [a.owner, a.balance])).toEqual([
      ['gone', 5],
      ['keep', 10],
    ]);
  });

  it('when a transaction completes, then its writes stay', async () => {
    const Ledger = t.conn.model('Ledger', new Schema({ entry: String }));
    await Ledger.createCollection();
    const session = await t.conn.startSession();
    try {
      await session.withTransaction(async () => {
        await Ledger.create([{ entry: 'a' }, { entry: 'b' }], { session, ordered: true });
        await Ledger.updateOne({ entry: 'a' }, { entry: 'a2' }, { session });
      });
    } finally {
      await session.endSession();
    }
    expect((await Ledger.find().sort({ entry: 1 }).lean()).map((l) => l.entry)).toEqual(['a2', 'b']);
  });
});

describe('atomic single-document writes', () => {
  it('when two conditional updates race on the same state, then exactly one wins', async () => {
    const Job = t.conn.model('Job', accountSchema);
    const created = await Job.create({ owner: 'race', state: 'a' });
    const id = created._id as Types.ObjectId;
    for (let round = 0; round < 5; round++) {
      await Job.updateOne({ _id: id }, { state: 'a' });
      const results = await Promise.all([
        Job.findOneAndUpdate({ _id: id, state: 'a' }, { state: 'b' }, { returnDocument: 'after' }),
        Job.findOneAndUpdate({ _id: id, state: 'a' }, { state: 'b' }, { returnDocument: 'after' }),
      ]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(results.find((r) => r !== null)?.state).toBe('b');
    }
  });

  it('when findOneAndUpdate upserts, then it returns the new document with $setOnInsert fields', async () => {
    const Counter = t.conn.model('Counter', new Schema({ name: String, seq: Number, createdBy: String }));
    const first = await Counter.findOneAndUpdate(
      { name: 'orders' },
      { $inc: { seq: 1 }, $setOnInsert: { createdBy: 'test' } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    const second = await Counter.findOneAndUpdate(
      { name: 'orders' },
      { $inc: { seq: 1 } },
      { returnDocument: 'after' },
    ).lean();
    expect([first?.seq, first?.createdBy, second?.seq]).toEqual([1, 'test', 2]);
  });

  it('when findOneAndDelete runs with a sort, then it removes and returns the first document in that order', async () => {
    const coll = t.db.collection('fod');
    await coll.insertMany([{ p: 2 }, { p: 1 }, { p: 3 }]);
    const removed = await coll.findOneAndDelete({}, { sort: { p: -1 } });
    expect(removed?.p).toBe(3);
    expect(await coll.countDocuments()).toBe(2);
  });
});

describe('errors inside transactions', () => {
  it('when a transaction hits a duplicate key, then the earlier writes of the transaction are undone', async () => {
    const Member = t.conn.model('Member', new Schema({ handle: { type: String, unique: true } }));
    await Member.createIndexes();
    await Member.create({ handle: 'taken' });
    const failure = t.conn.transaction(async (session) => {
      await Member.create([{ handle: 'fresh' }], { session });
      await Member.create([{ handle: 'taken' }], { session });
    });
    await expect(failure).rejects.toMatchObject({ code: 11000 });
    expect((await Member.find().lean()).map((m) => m.handle)).toEqual(['taken']);
  });
});
