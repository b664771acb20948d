import { Types } from 'mongoose';
import request from 'supertest';
import { encodeCursor } from '../../src/lib/keyset';
import { Match } from '../../src/modules/matches/match.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { createNeed } from '../support/needs.factory';
import { registerEmployer, validCreditCode } from '../support/organisations.factory';

let t: TestApp;
let coord: SignedIn;

type Page = { items: Array<{ id: string }>; next: string | null; prev: string | null; total: number };

const get = (path: string, query: Record<string, string | number>) =>
  request(t.app).get(`/api/v1/${path}`).query(query).set(coord.header);

/** Every page from the first by following `next`; `between` runs after each page (to insert rows). */
async function walk(path: string, query: Record<string, string | number>, between?: () => Promise<void>) {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(path, cursor ? { ...query, cursor } : query);
    expect(res.status).toBe(200);
    pages.push(res.body);
    cursor = res.body.next;
    if (between) await between();
  } while (cursor && pages.length < 50);
  return pages;
}

const idsOf = (pages: Page[]) => pages.flatMap((p) => p.items.map((i) => i.id));

let employer: Awaited<ReturnType<typeof registerEmployer>>;

beforeAll(async () => {
  t = await startTestApp();
  coord = await staffUser(t.app, 'coordinator');
  employer = await registerEmployer(t.app, { verified: true });
  for (let i = 0; i < 7; i++) await createExpertAs(t.app, coord, { name: `翻页${'甲乙丙丁戊己庚'[i]}` });
  for (let i = 0; i < 7; i++) await createNeed(t.app, employer.header, { title: `翻页需求 ${i}` });
  await Organisation.insertMany(
    Array.from({ length: 6 }, (_, i) => ({
      name: `翻页单位 ${i}`,
      type: 'enterprise',
      creditCode: validCreditCode(),
      county: '500114',
      address: '黔江区',
      contact: { name: '王', email: `org${i}@example.com` },
    })),
  );
  await Match.insertMany(
    Array.from({ length: 7 }, () => ({
      needId: new Types.ObjectId(),
      expertId: new Types.ObjectId(),
      organisationId: new Types.ObjectId(employer.organisationId),
      status: 'proposed',
    })),
  );
});

afterAll(async () => {
  await t.close();
});

describe('keyset pages', () => {
  let n = 0;
  const insertOne: Record<string, () => Promise<void>> = {
    experts: async () => {
      await createExpertAs(t.app, coord, { name: `新插入${n++}` });
    },
    needs: async () => {
      await createNeed(t.app, employer.header, { title: `新需求 ${n++}` });
    },
    organisations: async () => {
      await Organisation.create({
        name: `新单位 ${n++}`,
        type: 'school',
        creditCode: validCreditCode(),
        county: '500114',
        address: '黔江区',
        contact: { name: '李', email: `new${n}@example.com` },
      });
    },
    matches: async () => {
      await Match.create({
        needId: new Types.ObjectId(),
        expertId: new Types.ObjectId(),
        organisationId: employer.organisationId,
        status: 'proposed',
      });
    },
  };

  it.each(['experts', 'needs', 'organisations', 'matches'])(
    'when %s are added between pages (newest first), then following next shows each row once and none is skipped',
    async (path) => {
      const before = idsOf(await walk(path, { pageSize: 3 }));
      const during = await walk(path, { pageSize: 3 }, insertOne[path]);
      const seen = idsOf(during);
      expect(new Set(seen).size).toBe(seen.length);
      // The new rows sort before the first page; every row there at the start is seen, in the same order.
      expect(seen).toEqual(before);
      expect(during[during.length - 1].next).toBeNull();
      expect(during[0].prev).toBeNull();
    },
  );

  it.each([
    ['experts', 'name'],
    ['needs', 'title'],
    ['organisations', 'name'],
    ['matches', 'createdAt'],
  ])('when %s are paged by %s, then prev leads back through the same pages', async (path, sort) => {
    const pages = await walk(path, { pageSize: 2, sort });
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const last = pages[pages.length - 1];
    const back = await get(path, { pageSize: 2, sort, cursor: String(last.prev) });
    expect(back.body.items.map((i: { id: string }) => i.id)).toEqual(
      pages[pages.length - 2].items.map((i) => i.id),
    );
    const sorted = idsOf(pages);
    expect(new Set(sorted).size).toBe(sorted.length);
    expect(sorted.length).toBe(pages[0].total);
  });

  it('when a second page is asked by number, then it has a cursor back', async () => {
    const res = await get('experts', { page: 2, pageSize: 3, sort: 'name' });
    expect(res.status).toBe(200);
    expect(res.body.page).toBe(2);
    const back = await get('experts', { pageSize: 3, sort: 'name', cursor: res.body.prev });
    const first = await get('experts', { page: 1, pageSize: 3, sort: 'name' });
    expect(back.body.items).toEqual(first.body.items);
  });
});

describe('what a list refuses', () => {
  it.each(['experts', 'needs', 'organisations', 'matches'])(
    'when %s are asked for more than 100 a page, or 0, then the answer is 400 naming pageSize',
    async (path) => {
      for (const pageSize of [101, 0]) {
        const res = await get(path, { pageSize });
        expect(res.status).toBe(400);
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['query.pageSize']);
      }
    },
  );

  const otherSort = encodeCursor({ sort: 'name', dir: 'n', key: ['甲', new Types.ObjectId()] });
  const wrongKeys = encodeCursor({ sort: '-updatedAt', dir: 'n', key: ['x'] });
  it.each([
    ['not base64 JSON', 'bm90IGpzb24'],
    ['with characters no cursor has', 'abc$%'],
    ['of another sort', otherSort],
    ['with the wrong number of keys', wrongKeys],
  ])('when the cursor is %s, then the answer is 400 naming the cursor', async (_what, cursor) => {
    for (const path of ['experts', 'needs', 'organisations', 'matches']) {
      const res = await get(path, { cursor });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['query.cursor']);
    }
  });

  it('when both a page number and a cursor are given, then the answer is 400', async () => {
    const first = await get('experts', { pageSize: 2 });
    const res = await get('experts', { pageSize: 2, page: 2, cursor: first.body.next });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('query.page');
  });
});
