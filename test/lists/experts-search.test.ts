import { Types } from 'mongoose';
import request from 'supertest';
import { Expert } from '../../src/modules/experts/expert.model';
import { backfillNameKeys } from '../../src/modules/experts/name-keys.backfill';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs, registerExpert } from '../support/experts.factory';
import { employerUser } from '../support/organisations.factory';

let t: TestApp;
let coord: SignedIn;
const ids: Record<string, string> = {};

const list = (query: Record<string, string | number>, auth: SignedIn = coord) =>
  request(t.app).get('/api/v1/experts').query(query).set(auth.header);
const names = (body: { items: Array<{ name: string }> }) => body.items.map((e) => e.name).sort();

beforeAll(async () => {
  t = await startTestApp();
  coord = await staffUser(t.app, 'coordinator');
  const people: Array<[string, Record<string, unknown>]> = [
    ['向德明', { skills: ['health.cardiology'], residenceCounty: '500114' }],
    ['向德华', { skills: ['health.surgery.general'], residenceCounty: '422801' }],
    ['单雄信', { skills: ['health.cardiology'], residenceCounty: '422801' }],
    ['吕明', { fields: ['agriculture'], skills: ['agriculture.tea.processing'], residenceCounty: '500114' }],
    ['Zhang Wei', { title: { level: 'intermediate', series: 'health' }, residenceCounty: '520602' }],
  ];
  for (const [name, profile] of people) ids[name] = await createExpertAs(t.app, coord, { name, ...profile });
});

afterAll(async () => {
  await t.close();
});

describe('searching experts by name', () => {
  it.each([
    ['xiangdeming', ['向德明']],
    ['XiangDe', ['向德华', '向德明']],
    ["xiang de'ming", ['向德明']],
    ['xdm', ['向德明']],
    ['xd', ['向德华', '向德明']],
    ['deming', ['向德明']],
    ['向德', ['向德华', '向德明']],
    ['德明', ['向德明']],
    ['shanxiongxin', ['单雄信']],
    ['lv', ['吕明']],
    ['zhang wei', ['Zhang Wei']],
    ['wei', ['Zhang Wei']],
    ['qianjiang', []],
    ['.*', []],
  ])('when q is %j, then the staff list finds %j', async (q, expected) => {
    const res = await list({ q });
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(expected);
  });

  it('when a name is changed, then it is found by its new name and no longer by the old one', async () => {
    const id = await createExpertAs(t.app, coord, { name: '黄改名', residenceCounty: '433101' });
    const res = await request(t.app)
      .patch(`/api/v1/experts/${id}`)
      .set(coord.header)
      .send({ name: '覃新名' });
    expect(res.status).toBe(200);
    expect(names((await list({ q: 'qinxinming' })).body)).toEqual(['覃新名']);
    expect((await list({ q: 'huang' })).body.items).toEqual([]);
  });

  it('when experts were stored before name keys existed, then the backfill makes them findable, and a second run changes nothing', async () => {
    await Expert.collection.updateOne(
      { _id: new Types.ObjectId(ids.单雄信) },
      { $unset: { nameKeys: 1, nameKeysVersion: 1 } },
    );
    expect((await list({ q: 'sxx' })).body.items).toEqual([]);
    expect(await backfillNameKeys()).toBeGreaterThanOrEqual(1);
    expect(names((await list({ q: 'sxx' })).body)).toEqual(['单雄信']);
    expect(await backfillNameKeys()).toBe(0);
  });

  it('when a search is combined with filters, then every filter applies', async () => {
    const byPinyinAndCounty = await list({ q: 'xiang', county: '422801' });
    expect(names(byPinyinAndCounty.body)).toEqual(['向德华']);
    const bySkillAndCounty = await list({ field: 'health.cardiology', county: '422801' });
    expect(names(bySkillAndCounty.body)).toEqual(['单雄信']);
    const byLevel = await list({ minTitleLevel: 'associate_senior', county: '520602' });
    expect(byLevel.body.items).toEqual([]);
    const byStatus = await list({ q: 'xiang', status: 'paused' });
    expect(byStatus.body.items).toEqual([]);
  });

  it('when an employer or an expert searches by name, then the search is refused and nothing is listed', async () => {
    const employer = await employerUser();
    const res = await list({ q: 'xiang' }, employer);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'query.q', message: 'staff only' }]);
    const expert = await registerExpert(t.app, { name: '向自己' });
    const own = await list({ q: 'xiang' }, expert.auth);
    expect(own.status).toBe(400);
  });

  it('when the list is asked without a search, then existing clients still get page and total', async () => {
    const res = await list({ page: 1, pageSize: 2, sort: 'name' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 2, prev: null });
    expect(res.body.total).toBeGreaterThanOrEqual(5);
    expect(typeof res.body.next).toBe('string');
  });
});
