import request from 'supertest';
import { createUser } from '../../src/modules/accounts/users.service';
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
