import { Types } from 'mongoose';
import request from 'supertest';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createNeed } from '../support/needs.factory';
import { type Employer, registerEmployer, validCreditCode } from '../support/organisations.factory';

let t: TestApp;
let coord: SignedIn;
let tea: Employer;
let clinic: Employer;
const need: Record<string, string> = {};

const get = (path: string, query: Record<string, string | number>, auth: SignedIn = coord) =>
  request(t.app).get(`/api/v1/${path}`).query(query).set(auth.header);
const titles = (body: { items: Array<{ title: string }> }) => body.items.map((n) => n.title).sort();

beforeAll(async () => {
  t = await startTestApp();
  coord = await staffUser(t.app, 'coordinator');
  tea = await registerEmployer(t.app, { verified: true, organisation: { name: '黔江绿茶合作社' } });
  clinic = await registerEmployer(t.app, {
    organisation: { name: '恩施康复诊所', county: '422801', creditCode: validCreditCode('52422801') },
  });
  need.tea = (await createNeed(t.app, tea.header, { title: '绿茶加工指导' })).id;
  need.cancelled = (await createNeed(t.app, tea.header, { title: '红茶品鉴培训', county: '422801' })).id;
  need.clinic = (
    await createNeed(t.app, clinic.header, {
      title: '康复理疗带教',
      field: 'health',
      mustHaveSkills: [],
      niceToHaveSkills: [],
      minTitleLevel: 'associate_senior',
    })
  ).id;
  await Need.updateOne({ _id: need.cancelled }, { $set: { status: 'cancelled' } });
  const expertA = new Types.ObjectId();
  await Match.insertMany([
    { needId: need.tea, expertId: expertA, organisationId: tea.organisationId, status: 'offered' },
    {
      needId: need.tea,
      expertId: new Types.ObjectId(),
      organisationId: tea.organisationId,
      status: 'declined',
    },
    { needId: need.clinic, expertId: expertA, organisationId: clinic.organisationId, status: 'engaged' },
  ]);
});

afterAll(async () => {
  await t.close();
});

describe('the need list', () => {
  it.each([
    [{ q: '茶' }, ['红茶品鉴培训', '绿茶加工指导']],
    [{ q: '茶', status: 'cancelled' }, ['红茶品鉴培训']],
    [{ employer: '诊所' }, ['康复理疗带教']],
    [{ employer: '合作社', county: '422801' }, ['红茶品鉴培训']],
    [{ field: 'health' }, ['康复理疗带教']],
    [{ status: 'draft' }, ['康复理疗带教', '绿茶加工指导']],
    [{ q: '(.*' }, []],
  ])('when staff filter by %j, then they get %j in every status', async (query, expected) => {
    const res = await get('needs', query);
    expect(res.status).toBe(200);
    expect(titles(res.body)).toEqual(expected);
  });

  it('when an employer filters by another employer, then it is refused: staff only', async () => {
    const res = await get('needs', { employer: '诊所' }, tea);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'query.employer', message: 'staff only' }]);
    const own = await get('needs', { q: '茶' }, tea);
    expect(titles(own.body)).toEqual(['红茶品鉴培训', '绿茶加工指导']);
  });
});

describe('the organisation list', () => {
  it('when staff search by a part of the name, by the beginning of the credit code, or by status, then those are listed', async () => {
    const byName = await get('organisations', { q: '康复' });
    expect(byName.body.items.map((o: { name: string }) => o.name)).toEqual(['恩施康复诊所']);
    const org = await Organisation.findById(clinic.organisationId).lean();
    const byCode = await get('organisations', { q: String(org?.creditCode).slice(0, 10).toLowerCase() });
    expect(byCode.body.items.map((o: { name: string }) => o.name)).toEqual(['恩施康复诊所']);
    const pending = await get('organisations', { status: 'pending' });
    expect(pending.body.items.map((o: { name: string }) => o.name)).toEqual(['恩施康复诊所']);
  });

  it('when an employer searches, then it finds only its own organisation', async () => {
    const res = await get('organisations', { q: '恩施' }, tea);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});

describe('the match list', () => {
  it('when staff filter by need, expert, organisation and status, then each narrows the list', async () => {
    const byNeed = await get('matches', { needId: need.tea });
    expect(byNeed.body.total).toBe(2);
    const byOrg = await get('matches', { organisationId: clinic.organisationId });
    expect(byOrg.body.items.map((m: { status: string }) => m.status)).toEqual(['engaged']);
    const offered = await get('matches', { organisationId: tea.organisationId, status: 'offered' });
    expect(offered.body.total).toBe(1);
    const expertId = offered.body.items[0].expert.id;
    const byExpert = await get('matches', { expertId });
    expect(byExpert.body.items.map((m: { status: string }) => m.status).sort()).toEqual([
      'engaged',
      'offered',
    ]);
  });

  it('when an employer filters by another organisation, then it sees none of its matches', async () => {
    const res = await get('matches', { organisationId: clinic.organisationId }, tea);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});
