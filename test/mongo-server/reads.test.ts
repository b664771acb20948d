import { type Model, mongo, Schema, type Types } from 'mongoose';
import { openTestDatabase, type TestDatabase } from './test-database';

const { BSON } = mongo;

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe('references and aggregation', () => {
  interface BookDoc {
    title: string;
    pages: number;
    author: Types.ObjectId;
  }
  let Book: Model<BookDoc>;

  beforeAll(async () => {
    const Author = t.conn.model('Author', new Schema({ name: String }));
    Book = t.conn.model(
      'Book',
      new Schema<BookDoc>({
        title: String,
        pages: Number,
        author: { type: Schema.Types.ObjectId, ref: 'Author' },
      }),
    );
    const [ann, bo] = await Author.create([{ name: 'Ann' }, { name: 'Bo' }]);
    await Book.create([
      { title: 'A1', pages: 100, author: ann._id },
      { title: 'A2', pages: 300, author: ann._id },
      { title: 'B1', pages: 50, author: bo._id },
    ]);
  });

  it('when books are populated, then each carries its author document', async () => {
    const books = await Book.find()
      .sort({ title: 1 })
      .populate<{ author: { name: string } }>('author')
      .lean();
    expect(books.map((b) => [b.title, b.author.name])).toEqual([
      ['A1', 'Ann'],
      ['A2', 'Ann'],
      ['B1', 'Bo'],
    ]);
  });

  it('when aggregating with $group and $lookup, then totals join their authors', async () => {
    const rows = await Book.aggregate<{ pages: number; n: number; author: { name: string }[] }>([
      { $match: { pages: { $gte: 50 } } },
      { $group: { _id: '$author', pages: { $sum: '$pages' }, n: { $sum: 1 } } },
      { $lookup: { from: 'authors', localField: '_id', foreignField: '_id', as: 'author' } },
      { $sort: { pages: -1 } },
    ]);
    expect(rows.map((r) => [r.author[0].name, r.pages, r.n])).toEqual([
      ['Ann', 400, 2],
      ['Bo', 50, 1],
    ]);
  });

  it('when counting and listing distinct values, then they match the filter', async () => {
    expect(await Book.countDocuments({ pages: { $gt: 60 } })).toBe(2);
    const authors = (await Book.distinct('author')) as Types.ObjectId[];
    expect(authors).toHaveLength(2);
    const facets = await Book.aggregate([
      { $facet: { big: [{ $match: { pages: { $gt: 200 } } }, { $count: 'n' }] } },
    ]);
    expect(facets[0].big).toEqual([{ n: 1 }]);
  });
});

describe('queries and cursors', () => {
  interface RowDoc {
    i: number;
    group: string;
    secret: string;
  }
  let Row: Model<RowDoc>;

  beforeAll(async () => {
    Row = t.conn.model('Row', new Schema<RowDoc>({ i: Number, group: String, secret: String }));
    const rows = Array.from({ length: 250 }, (_, i) => ({ i, group: i % 2 ? 'odd' : 'even', secret: 's' }));
    await Row.insertMany(rows);
  });

  it('when 250 documents are read with batchSize 50, then every batch arrives in order', async () => {
    const cursor = t.db.collection('rows').find({}, { batchSize: 50, sort: { i: 1 } });
    const seen: number[] = [];
    for await (const doc of cursor) seen.push(doc.i);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('when documents are read raw in batches, then each one is its own bytes, projected, in order', async () => {
    const raw = await t.db
      .collection('rows')
      .find<Uint8Array>({ group: 'odd' }, { projection: { i: 1 }, sort: { i: 1 }, raw: true, batchSize: 50 })
      .toArray();
    expect(raw.map((bytes) => BSON.deserialize(bytes).i)).toEqual(
      Array.from({ length: 125 }, (_, k) => 2 * k + 1),
    );
    expect(Object.keys(BSON.deserialize(raw[0]))).toEqual(['_id', 'i']);
  });

  it('when a mongoose cursor streams the collection, then it yields every document once', async () => {
    let n = 0;
    for await (const doc of Row.find({ group: 'odd' }).batchSize(20).cursor()) {
      expect(doc.i % 2).toBe(1);
      n++;
    }
    expect(n).toBe(125);
  });

  it('when sorting with skip and limit, then the page is the expected slice', async () => {
    const page = await Row.find({ group: 'even' }).sort({ i: -1 }).skip(10).limit(5).lean();
    expect(page.map((r) => r.i)).toEqual([228, 226, 224, 222, 220]);
  });

  it('when a projection excludes fields, then they are absent', async () => {
    const row = await Row.findOne({ i: 7 }).select({ secret: 0, _id: 0, __v: 0 }).lean();
    expect(row).toEqual({ i: 7, group: 'odd' });
    const only = await Row.findOne({ i: 8 }).select('i -_id').lean();
    expect(only).toEqual({ i: 8 });
  });

  it('when sorting mixed types, then BSON type order applies (null, numbers, strings, ObjectId, dates)', async () => {
    const coll = t.db.collection('mixed');
    const when = new Date('2024-01-01T00:00:00Z');
    await coll.insertMany([{ v: when }, { v: 'b' }, { v: 2 }, { v: null }, { v: 1.5 }, { v: 'a' }]);
    const values = (await coll.find().sort({ v: 1 }).toArray()).map((d) => d.v);
    expect(values).toEqual([null, 1.5, 2, 'a', 'b', when]);
  });

  it('when listing collections by name, then only that one is returned', async () => {
    const names = await t.db.listCollections({ name: 'rows' }, { nameOnly: true }).toArray();
    expect(names.map((c) => c.name)).toEqual(['rows']);
  });
});
