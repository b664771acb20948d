import request from 'supertest';
import { withTransaction } from '../../src/lib/transaction';
import { createUser } from '../../src/modules/accounts/users.service';
import { Need } from '../../src/modules/needs/need.model';
import { NeedListCache } from '../../src/modules/needs/need-list-cache';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, signIn, staffUser, TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { buildNeedInput, createNeed, createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
let a: Employer;
let b: Employer;
beforeAll(async () => {
  t = await startTestApp();
  [coordinator, a, b] = await Promise.all([
    staffUser(t.app, 'coordinator'),
    registerEmployer(t.app, { verified: true }),
    registerEmployer(t.app, { verified: true }),
  ]);
});
afterAll(() => t.close());

const api = () => request(t.app);
const ids = (res: request.Response) => res.body.items.map((n: { id: string }) => n.id);

describe('the experts’ board', () => {
  test('when an expert reads the board, then only open needs of verified organisations show, without contact or priority', async () => {
    const email = uniqueEmail('expert');
    await createUser({ email, password: TEST_PASSWORD, role: 'expert', displayName: '专家' });
    const expert = await signIn(t.app, email);
    const open = await createOpenNeed(t.app, a.header, { county: '520602' });
    const draft = await createNeed(t.app, a.header, { county: '520602' });
    const list = await api().get('/api/v1/needs?county=520602').set(expert.header);
    expect(ids(list)).toEqual([open.id]);
    const item = list.body.items[0];
    expect(item.organisation).toEqual({
      id: a.organisationId,
      name: expect.any(String),
      type: 'enterprise',
      county: '500114',
    });
    for (const hidden of ['priority', 'nominationId', 'employerApproval', 'contact', 'organisationId']) {
      expect(item).not.toHaveProperty(hidden);
    }
    expect((await api().get(`/api/v1/needs/${draft.id}`).set(expert.header)).status).toBe(404);
    expect((await api().get('/api/v1/needs?priority=true').set(expert.header)).status).toBe(400);
    expect((await api().post('/api/v1/needs').set(expert.header).send(buildNeedInput())).status).toBe(403);
  });
});

describe('lists', () => {
  test('when filtering by field, county, mode and title level, then only matching needs come back', async () => {
    const county = '433101';
    const tea = await createNeed(t.app, a.header, {
      county,
      mode: 'periodic',
      minTitleLevel: 'intermediate',
    });
    const surgery = await createNeed(t.app, a.header, {
      county,
      field: 'health',
      mustHaveSkills: ['health.surgery.general'],
      niceToHaveSkills: [],
      mode: 'onsite',
      minTitleLevel: 'full_senior',
    });
    const q = (s: string) => api().get(`/api/v1/needs?county=${county}&${s}`).set(a.header);
    expect(ids(await q('field=health'))).toEqual([surgery.id]);
    expect(ids(await q('field=health.surgery'))).toEqual([surgery.id]);
    expect(ids(await q('field=agriculture.tea'))).toEqual([tea.id]);
    expect(ids(await q('mode=periodic'))).toEqual([tea.id]);
    expect(ids(await q('titleLevel=associate_senior'))).toEqual([tea.id]);
    expect(ids(await q('titleLevel=full_senior&sort=title')).sort()).toEqual([tea.id, surgery.id].sort());
    expect(ids(await q('status=draft&sort=createdAt'))).toEqual([tea.id, surgery.id]);
  });

  test('when a coordinator filters by organisation and status, then it sees any organisation’s needs; an employer may not use organisationId', async () => {
    const need = await createOpenNeed(t.app, b.header, { county: '422801' });
    const res = await api()
      .get(`/api/v1/needs?organisationId=${b.organisationId}&status=open&county=422801`)
      .set(coordinator.header);
    expect(ids(res)).toEqual([need.id]);
    expect((await api().get(`/api/v1/needs?organisationId=${b.organisationId}`).set(a.header)).status).toBe(
      400,
    );
  });

  test('when a coordinator lists every need in each order, then the total counts them all and rows keep their fields', async () => {
    const need = await createOpenNeed(t.app, b.header, { county: '500114' });
    let all = 0;
    // one after another: a list is an expensive route, of which one person runs only a few at once
    for (const status of ['draft', 'open', 'matching', 'partially_filled', 'filled', 'closed', 'cancelled']) {
      all += (await api().get(`/api/v1/needs?status=${status}`).set(coordinator.header)).body.total;
    }
    for (const sort of ['-createdAt', 'from', '-from', '-priority']) {
      const res = await api().get(`/api/v1/needs?sort=${sort}&pageSize=100`).set(coordinator.header);
      expect([sort, res.status, res.body.total]).toEqual([sort, 200, all]);
      const row = res.body.items.find((n: { id: string }) => n.id === need.id);
      expect(row).toMatchObject({ status: 'open', organisationId: b.organisationId, county: '500114' });
      expect(row).not.toHaveProperty('changes');
    }
  });

  test('when the query is out of bounds, unknown, repeated or an operator, then 400', async () => {
    for (const q of [
      'pageSize=101',
      'page=0',
      'sort=secret',
      'field=health.astrology',
      'mode[$ne]=x',
      'mode=onsite&mode=remote',
      'owner=me',
    ]) {
      const res = await api().get(`/api/v1/needs?${q}`).set(coordinator.header);
      expect([q, res.status]).toEqual([q, 400]);
    }
  });
});

const list = (header: { Authorization: string }, query = 'pageSize=50', etag?: string) => {
  const req = request(t.app).get(`/api/v1/needs?${query}`).set(header);
  return etag ? req.set('If-None-Match', etag) : req;
};
const titles = (res: request.Response) => res.body.items.map((n: { title: string }) => n.title);

describe('need lists served from the cache', () => {
  test('when staff read the same page again with nothing changed, then it comes from the cache with the same ETag, and If-None-Match gets a 304', async () => {
    await createNeed(t.app, a.header, { title: '缓存页：茶园管理' });
    const first = await list(coordinator.header);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    const reads = jest.spyOn(Need, 'find');
    try {
      const again = await list(coordinator.header);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.body).toEqual(first.body);
      // the same query written another way is the same page
      const reordered = await list(coordinator.header, 'sort=-createdAt&pageSize=50&page=1');
      expect(reordered.headers.etag).toBe(first.headers.etag);
      const notModified = await list(coordinator.header, 'pageSize=50', first.headers.etag);
      expect(notModified.status).toBe(304);
      expect(notModified.text).toBe('');
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
    // the process's metrics count the lookups and what each list cache holds
    const metrics = (await request(t.app).get('/metrics')).text;
    expect(metrics).toMatch(/^yinling_list_cache_lookups_total\{list="needs",outcome="hit"\} [1-9]/m);
    expect(metrics).toMatch(/^yinling_list_cache_lookups_total\{list="needs",outcome="miss"\} [1-9]/m);
    expect(metrics).toMatch(/^yinling_list_cache_bytes\{list="needs"\} [1-9]/m);
    expect(metrics).toMatch(/^yinling_list_cache_bytes\{list="candidates"\} \d/m);
  });

  test('when needs are created, edited, opened and cancelled, then every list read after each step shows it', async () => {
    const need = await createNeed(t.app, a.header, { title: '缓存页：原标题' });
    const seen = [await list(coordinator.header)];
    expect(titles(seen[0])).toContain('缓存页：原标题');

    const edited = await request(t.app)
      .patch(`/api/v1/needs/${need.id}`)
      .set(a.header)
      .send({ title: '缓存页：改后标题' });
    expect(edited.status).toBe(200);
    seen.push(await list(coordinator.header));
    expect(titles(seen[1])).toContain('缓存页：改后标题');
    expect(titles(seen[1])).not.toContain('缓存页：原标题');

    expect((await request(t.app).post(`/api/v1/needs/${need.id}/open`).set(a.header)).status).toBe(200);
    seen.push(await list(coordinator.header, 'pageSize=50&status=open'));
    expect(titles(seen[2])).toContain('缓存页：改后标题');

    expect((await request(t.app).post(`/api/v1/needs/${need.id}/cancel`).set(a.header)).status).toBe(200);
    seen.push(await list(coordinator.header, 'pageSize=50&status=open'));
    expect(titles(seen[3])).not.toContain('缓存页：改后标题');
    // a client holding an older page is told it changed
    expect((await list(coordinator.header, 'pageSize=50', seen[0].headers.etag)).status).toBe(200);
  });

  test('when a need is written in a transaction, then the needs’ change token moves after the commit, not before', async () => {
    const need = await createNeed(t.app, a.header);
    await list(coordinator.header); // the token exists once a list was read
    const before = await t.ctx.changes.read('needs');
    let inside: string | undefined;
    await withTransaction(async (session) => {
      await Need.updateOne({ _id: need.id }, { $set: { title: '缓存页：事务中' } }, { session });
      inside = await t.ctx.changes.read('needs');
    });
    expect(inside).toBe(before);
    expect(before).toBeDefined();
    expect(await t.ctx.changes.read('needs')).not.toBe(before);
    expect(titles(await list(coordinator.header))).toContain('缓存页：事务中');
  });

  test('when employers of two organisations read their lists, then each gets its own organisation’s page', async () => {
    await createNeed(t.app, a.header, { title: '缓存页：甲单位' });
    await createNeed(t.app, b.header, { title: '缓存页：乙单位' });
    for (let round = 0; round < 2; round++) {
      const ofA = titles(await list(a.header));
      const ofB = titles(await list(b.header));
      expect(ofA).toContain('缓存页：甲单位');
      expect(ofA).not.toContain('缓存页：乙单位');
      expect(ofB).toContain('缓存页：乙单位');
      expect(ofB).not.toContain('缓存页：甲单位');
    }
    // a staff-only filter is still refused to an employer
    expect((await list(a.header, `organisationId=${b.organisationId}`)).status).toBe(400);
  });

  test('when experts read the board again, then it comes from the cache and If-None-Match gets a 304; an organisation’s change shows at once', async () => {
    const email = uniqueEmail('expert');
    await createUser({ email, password: TEST_PASSWORD, role: 'expert', displayName: '专家' });
    const expert = await signIn(t.app, email);
    const c = await registerEmployer(t.app, { verified: true });
    await createOpenNeed(t.app, c.header, { title: '缓存页：公开需求' });
    const board = await list(expert.header);
    expect(titles(board)).toContain('缓存页：公开需求');
    const reads = jest.spyOn(Need, 'find');
    try {
      expect(titles(await list(expert.header))).toContain('缓存页：公开需求');
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
    expect((await list(expert.header, 'pageSize=50', board.headers.etag)).status).toBe(304);

    // renamed by its employer, the organisation goes back to pending: its needs leave the board at once
    const renamed = await api()
      .patch(`/api/v1/organisations/${c.organisationId}`)
      .set(c.header)
      .send({ name: '改名后的单位' });
    expect(renamed.status).toBe(200);
    const after = await list(expert.header, 'pageSize=50', board.headers.etag);
    expect(after.status).toBe(200);
    expect(titles(after)).not.toContain('缓存页：公开需求');
    // verified again, under its new name
    expect(
      (await api().post(`/api/v1/organisations/${c.organisationId}/verify`).set(coordinator.header)).status,
    ).toBe(200);
    const back = (await list(expert.header)).body.items.find(
      (n: { title: string }) => n.title === '缓存页：公开需求',
    );
    expect(back?.organisation.name).toBe('改名后的单位');
  });
});

describe('NeedListCache', () => {
  test('when a page is older than the maximum age, then it is built again even though the version stands', async () => {
    let now = 0;
    const cache = new NeedListCache({ maxAgeMs: 1_000, clock: { now: () => now } });
    let builds = 0;
    const build = async () => `{"build":${++builds}}`;
    expect(await cache.page('staff|q', 'v1', build)).toBe('{"build":1}');
    now = 500;
    expect(await cache.page('staff|q', 'v1', build)).toBe('{"build":1}');
    expect(await cache.page('staff|q', 'v2', build)).toBe('{"build":2}');
    now = 1_600;
    expect(await cache.page('staff|q', 'v2', build)).toBe('{"build":3}');
    // requests that miss together share one build
    const [x, y] = await Promise.all([
      cache.page('staff|r', 'v2', build),
      cache.page('staff|r', 'v2', build),
    ]);
    expect([x, y]).toEqual(['{"build":4}', '{"build":4}']);
  });
});
