import request from 'supertest';
import { CandidateListCache } from '../../src/modules/ranking/candidate-list-cache';
import { CandidateSnapshot } from '../../src/modules/ranking/candidate-snapshot.model';
import { removeFromCandidateLists } from '../../src/modules/ranking/candidate-snapshot-records.service';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs, type RegisteredExpert, registerExpert } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

const TEA = {
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
};
/** More than one page of 20. */
const LISTED = 24;

let t: TestApp;
let coordinator: SignedIn;
let employer: Employer;
let keen: RegisteredExpert;
let needId: string;
let list: string;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  [coordinator, employer] = await Promise.all([
    staffUser(t.app, 'coordinator'),
    registerEmployer(t.app, { verified: true }),
  ]);
  // fewer years than the others: without interest they rank last
  keen = await registerExpert(t.app, { ...TEA, name: '有意向的专家', yearsOfExperience: 3, honours: [] });
  await Promise.all(
    Array.from({ length: LISTED - 1 }, (_, i) =>
      createExpertAs(t.app, coordinator, { ...TEA, name: `茶师${i}` }),
    ),
  );
  needId = (await createOpenNeed(t.app, employer.header)).id;
  list = `/api/v1/needs/${needId}/candidates`;
  await rankNeed(t.ctx, needId);
});
afterAll(() => t.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  request(t.app).get(path).set(coordinator.header).set(headers);
const ids = (body: { candidates: { expertId: string }[] }) => body.candidates.map((c) => c.expertId);

describe('the candidate list over the API', () => {
  test('when no page is asked, then the first 20 come, explained, with the total and the next page; the last page says it is the last', async () => {
    const first = await get(list);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 20, total: LISTED, nextPage: 2 });
    expect(first.body.candidates).toHaveLength(20);
    expect(first.body.candidates[0].contributions.length).toBeGreaterThan(0);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/); // strong: no W/
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const second = await get(`${list}?page=2`);
    expect(second.body).toMatchObject({
      page: 2,
      total: LISTED,
      nextPage: null,
      version: first.body.version,
    });
    expect(second.body.candidates).toHaveLength(LISTED - 20);
    expect(new Set([...ids(first.body), ...ids(second.body)]).size).toBe(LISTED);
    expect(second.headers.etag).not.toBe(first.headers.etag);

    const all = await get(`${list}?pageSize=50`);
    expect(ids(all.body)).toEqual([...ids(first.body), ...ids(second.body)]);
    expect((await get(`${list}?page=3`)).body).toMatchObject({ candidates: [], nextPage: null });
  });

  test('when the page or its size is out of bounds, or a parameter is unknown, then 400 names the field', async () => {
    for (const [query, field] of [
      ['pageSize=51', 'query.pageSize'],
      ['page=0', 'query.page'],
      ['sort=score', 'query'],
    ]) {
      const res = await get(`${list}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });

  test('when the ETag is sent back, then 304 without a body; a new ranking or a write to the list changes the ETag and the content', async () => {
    const before = await get(list);
    const same = await get(list, { 'If-None-Match': before.headers.etag });
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    expect(same.headers.etag).toBe(before.headers.etag);
    expect((await get(list, { 'If-None-Match': `"other", W/${before.headers.etag}` })).status).toBe(304);
    expect((await get(`${list}?page=2`, { 'If-None-Match': before.headers.etag })).status).toBe(200);

    // ranked again (as the worker process does), with a newcomer who outranks everyone
    const newcomer = await createExpertAs(t.app, coordinator, {
      ...TEA,
      name: '新来的茶师',
      yearsOfExperience: 45,
    });
    await rankNeed(t.ctx, needId);
    const after = await get(list, { 'If-None-Match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.version).not.toBe(before.body.version);
    expect(after.body.total).toBe(LISTED + 1);
    expect(ids(after.body)).toContain(newcomer);

    // an erasure takes the expert off the stored list without a ranking
    await removeFromCandidateLists(newcomer);
    const erased = await get(list, { 'If-None-Match': after.headers.etag });
    expect(erased.status).toBe(200);
    expect(ids(erased.body)).not.toContain(newcomer);
    expect(erased.body.total).toBe(LISTED);
  });

  test('when the list is asked again at the same version, then it is neither built nor its version read again', async () => {
    await get(list);
    await get(list); // the candidate snapshots' change token exists once a list was read
    const reads = jest.spyOn(CandidateSnapshot, 'findById');
    const versionReads = jest.spyOn(CandidateSnapshot.collection, 'findOne');
    try {
      for (const path of [list, list, `${list}?page=2`, `${list}?pageSize=5`])
        expect((await get(path)).status).toBe(200);
      expect(reads).not.toHaveBeenCalled();
      // nor is the snapshot's version read again while no snapshot was written
      expect(versionReads).not.toHaveBeenCalled();
      expect(t.ctx.candidateLists.stats().entries).toBeGreaterThanOrEqual(1);
    } finally {
      reads.mockRestore();
      versionReads.mockRestore();
    }
  });

  test('when an expert shows interest, then the list changes at once: they come first, marked, under a new ETag', async () => {
    const before = await get(list);
    expect(ids(before.body).indexOf(keen.expertId)).not.toBe(0);
    const shown = await request(t.app)
      .post(`/api/v1/needs/${needId}/interest`)
      .set(keen.auth.header)
      .send({ note: '下个月可以开始' });
    expect(shown.status).toBe(201);
    const after = await get(list, { 'If-None-Match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(after.body.candidates[0]).toMatchObject({
      expertId: keen.expertId,
      interest: { note: '下个月可以开始' },
    });

    const coord = await pageAgent(t.app, coordinator.email);
    const page = await coord.agent.get(`/coordinator/needs/${needId}`);
    const firstCard = page.text.slice(page.text.indexOf('<article class="card candidate"'));
    expect(firstCard.slice(0, firstCard.indexOf('</article>'))).toMatch(/有意向的专家[\s\S]*下个月可以开始/);
  });

  test('when an employer asks, even with an ETag, then it is refused; an unknown need is 404', async () => {
    const etag = (await get(list)).headers.etag;
    const refused = await request(t.app).get(list).set(employer.header).set('If-None-Match', etag);
    expect(refused.status).toBe(403);
    expect((await get('/api/v1/needs/665f1c2e8b3e4a0012345678/candidates')).status).toBe(404);
  });
});

describe('the coordinator’s need page', () => {
  test('when the list is longer than a page, then 20 show (10 in full), with a link to the rest', async () => {
    const coord = await pageAgent(t.app, coordinator.email);
    const first = await coord.agent.get(`/coordinator/needs/${needId}`);
    expect(first.status).toBe(200);
    const cards = first.text.match(/<article class="card candidate"/g) ?? [];
    expect(cards).toHaveLength(10);
    expect(first.text).toContain(`href="/coordinator/needs/${needId}?page&#x3D;2#candidates"`); // = as Handlebars writes it
    expect(first.text).toContain(`名单共 ${LISTED} 位候选专家`);

    const second = await coord.agent.get(`/coordinator/needs/${needId}?page=2`);
    expect(second.text).not.toContain('<article class="card candidate"');
    const rows = (second.text.match(/\?expert=[a-f0-9]{24}#why-not">查看说明/g) ?? []).length;
    expect(rows).toBe(LISTED - 20);
    expect(second.text).toContain(`href="/coordinator/needs/${needId}#candidates" rel="prev"`);
    expect((await coord.agent.get(`/coordinator/needs/${needId}?page=x`)).status).toBe(200);
  });
});

describe('the cache of candidate lists', () => {
  test('when its entries pass the bound, then the least recently used go first, and a new version replaces the old', async () => {
    const cache = new CandidateListCache(250);
    const size = () => 100;
    const build = (label: string) => async () => label;
    await cache.view('a', 'v1', build('a1'), size);
    await cache.view('b', 'v1', build('b1'), size);
    await cache.view('a', 'v1', build('not built'), size); // a: used last
    await cache.view('c', 'v1', build('c1'), size); // 300 > 250: b goes
    expect(cache.stats()).toEqual({ entries: 2, bytes: 200 });
    expect((await cache.view('a', 'v1', build('not built'), size)).view).toBe('a1');
    expect((await cache.view('b', 'v1', build('b again'), size)).view).toBe('b again');
    expect((await cache.view('a', 'v2', build('a2'), size)).view).toBe('a2');
    const entry = await cache.view('a', 'v2', build('not built'), size);
    expect(entry.page('p1', (v) => `${v}/p1`)).toBe('a2/p1');
    expect(entry.page('p1', () => 'not rendered')).toBe('a2/p1');
  });

  test('when many ask for a list being built, then it is built once', async () => {
    const cache = new CandidateListCache();
    let builds = 0;
    const build = async () => {
      builds += 1;
      return 'view';
    };
    await Promise.all(Array.from({ length: 5 }, () => cache.view('n', 'v', build, () => 1)));
    expect(builds).toBe(1);
  });
});
