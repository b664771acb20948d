import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { employerUser } from '../support/organisations.factory';

let t: TestApp;
let coord: SignedIn;
const ids: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };

/** Four experts, the only ones in this file's database; every assertion names the exact set expected. */
beforeAll(async () => {
  t = await startTestApp();
  coord = await staffUser(t.app, 'coordinator');
  const none = { title: null, skillLevel: null };
  ids.A = await createExpertAs(t.app, coord, {
    name: '甲',
    fields: ['health'],
    skills: ['health.cardiology'],
    title: { level: 'full_senior', series: 'health' },
    modes: ['onsite'],
    residenceCounty: '500114',
    availability: { windows: [{ from: '2026-03-01', to: '2026-06-30' }], blockedDates: ['2026-05-01'] },
    yearsOfExperience: 30,
  });
  ids.B = await createExpertAs(t.app, coord, {
    name: '乙',
    fields: ['agriculture'],
    skills: ['agriculture.tea.processing'],
    title: { level: 'intermediate', series: 'agriculture' },
    skillLevel: 'senior_technician',
    modes: ['remote'],
    residenceCounty: '422801',
    availability: { windows: [{ from: '2026-07-01', to: '2026-12-31' }] },
    yearsOfExperience: 40,
  });
  ids.C = await createExpertAs(t.app, coord, {
    name: '丙',
    fields: ['health'],
    skills: ['health.surgery.general'],
    title: { level: 'associate_senior', series: 'health' },
    modes: ['periodic', 'remote'],
    residenceCounty: '500114',
    availability: { windows: [{ from: '2026-03-01', to: '2026-12-31' }], paused: true },
    yearsOfExperience: 20,
  });
  ids.D = await createExpertAs(t.app, coord, {
    ...none,
    name: '丁',
    fields: ['engineering'],
    skills: [],
    skillLevel: 'technician',
    modes: ['onsite'],
    residenceCounty: '520602',
    availability: {
      windows: [{ from: '2026-01-01', to: '2026-12-31' }],
      blockedPeriods: [{ from: '2026-08-01', to: '2026-08-31' }],
    },
    yearsOfExperience: 25,
  });
});
afterAll(() => t.close());

const letter = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];

async function list(query: string, auth: SignedIn = coord): Promise<string[]> {
  const res = await request(t.app).get(`/api/v1/experts?${query}`).set(auth.header);
  expect(res.status).toBe(200);
  return res.body.items.map((e: { id: string }) => letter(e.id));
}
const sorted = async (query: string, auth?: SignedIn) => (await list(query, auth)).sort();

describe('filters', () => {
  test('when filtering by a field, sub-field or skill, then experts holding it or anything under it are listed', async () => {
    expect(await sorted('field=health')).toEqual(['A', 'C']);
    expect(await sorted('field=health.surgery')).toEqual(['C']);
    expect(await sorted('field=agriculture.tea')).toEqual(['B']);
    expect(await sorted('field=law')).toEqual([]);
  });

  test('when filtering by county of residence, then only experts living there are listed', async () => {
    expect(await sorted('county=500114')).toEqual(['A', 'C']);
    expect(await sorted('county=520602')).toEqual(['D']);
  });

  test('when filtering by minimum title or skill level, then higher levels qualify, and either minimum suffices', async () => {
    expect(await sorted('minTitleLevel=associate_senior')).toEqual(['A', 'C']);
    expect(await sorted('minTitleLevel=intermediate')).toEqual(['A', 'B', 'C']);
    expect(await sorted('minSkillLevel=technician')).toEqual(['B', 'D']);
    expect(await sorted('minSkillLevel=senior_technician')).toEqual(['B']);
    expect(await sorted('minTitleLevel=full_senior&minSkillLevel=senior_technician')).toEqual(['A', 'B']);
  });

  test('when filtering by a day, then only experts inside a window, not blocked that day and not paused are listed', async () => {
    expect(await sorted('availableOn=2026-04-15')).toEqual(['A', 'D']);
    expect(await sorted('availableOn=2026-05-01')).toEqual(['D']);
    expect(await sorted('availableOn=2027-01-01')).toEqual([]);
  });

  test('when the day falls in a blocked period, ends included, then the expert is not available', async () => {
    expect(await sorted('availableOn=2026-07-31')).toEqual(['B', 'D']);
    expect(await sorted('availableOn=2026-08-01')).toEqual(['B']);
    expect(await sorted('availableOn=2026-08-15')).toEqual(['B']);
    expect(await sorted('availableOn=2026-08-31')).toEqual(['B']);
    expect(await sorted('availableOn=2026-09-01')).toEqual(['B', 'D']);
  });

  test('when filtering by mode or status, then only those are listed', async () => {
    expect(await sorted('mode=remote')).toEqual(['B', 'C']);
    expect(await sorted('status=paused')).toEqual(['C']);
    expect(await sorted('status=active&mode=onsite')).toEqual(['A', 'D']);
  });

  test('when an employer lists, then paused experts are left out, even when asked for by status', async () => {
    const employer = await employerUser();
    expect(await sorted('', employer)).toEqual(['A', 'B', 'D']);
    expect(await sorted('status=paused', employer)).toEqual([]);
    const res = await request(t.app).get('/api/v1/experts').set(employer.header);
    expect(res.body.items.every((e: { phone: string }) => e.phone === '138****5678')).toBe(true);
  });
});

describe('sorting and pages', () => {
  test('when sorted by name or years, then the order follows, in either direction', async () => {
    // Names compare by code point: 丁 U+4E01 < 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532.
    expect(await list('sort=name')).toEqual(['D', 'C', 'B', 'A']);
    expect(await list('sort=-yearsOfExperience')).toEqual(['B', 'A', 'D', 'C']);
    expect(await list('sort=yearsOfExperience')).toEqual(['C', 'D', 'A', 'B']);
  });

  test('when paging, then pages follow each other and the total counts all matches', async () => {
    const res = await request(t.app)
      .get('/api/v1/experts?sort=yearsOfExperience&page=2&pageSize=2')
      .set(coord.header);
    expect(res.body).toMatchObject({ page: 2, pageSize: 2, total: 4 });
    expect(res.body.items.map((e: { id: string }) => letter(e.id))).toEqual(['A', 'B']);
  });

  test('when the page size is over 100, a filter is unknown or an operator is smuggled, then 400', async () => {
    for (const query of [
      'pageSize=101',
      'page=0',
      'sort=passwordHash',
      'role=admin',
      'county[$gt]=',
      'field=health.nope',
    ]) {
      const res = await request(t.app).get(`/api/v1/experts?${query}`).set(coord.header);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
  });

  test('when nobody is signed in, then listing is 401', async () => {
    expect((await request(t.app).get('/api/v1/experts')).status).toBe(401);
  });
});
