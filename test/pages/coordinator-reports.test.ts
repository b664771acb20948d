import request from 'supertest';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match, type MatchStatus } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { prefectureOf } from '../../src/modules/regions/regions.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import { pageAgent } from './page-agent';

let t: TestApp;
let coordinator: SignedIn;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  coordinator = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

const DAY = 86_400_000;
const LIVE = { status: { $ne: 'deleted' as const } };

/** A match whose history walks through the given statuses, one day apart, ending `daysAgo` days ago. */
async function matchThrough(
  needId: string,
  expertId: string,
  organisationId: string,
  path: MatchStatus[],
  daysAgo = 0,
) {
  const end = Date.now() - daysAgo * DAY;
  const history = path.map((to, i) => ({
    to,
    at: new Date(end - (path.length - 1 - i) * DAY),
    channel: 'system',
  }));
  await Match.create({ needId, expertId, organisationId, status: path.at(-1), history });
}

/** Experts in two fields, three title levels and three counties; needs with engagements, declines and offers. */
async function dataset() {
  const employer = await registerEmployer(t.app, { verified: true });
  const make = (o: Record<string, unknown>) => createExpertAs(t.app, coordinator, o);
  const enshi = await make({
    fields: ['agriculture'],
    title: { level: 'full_senior' },
    residenceCounty: '422801',
    modes: ['periodic'],
  });
  const local = await make({
    fields: ['agriculture', 'health'],
    title: { level: 'associate_senior' },
    residenceCounty: '500114',
    modes: ['periodic'],
  });
  const jishou = await make({
    fields: ['health'],
    title: null,
    skillLevel: 'technician',
    residenceCounty: '433101',
    modes: ['periodic'],
  });
  const paused = await make({ fields: ['health'], availability: { paused: true } });
  const first = await createOpenNeed(t.app, employer.header, { expertsWanted: 2 });
  const second = await createOpenNeed(t.app, employer.header, { expertsWanted: 1 });
  await Need.updateOne({ _id: first.id }, { $set: { openedAt: new Date(Date.now() - 20 * DAY) } });
  await Need.updateOne(
    { _id: second.id },
    { $set: { openedAt: new Date(Date.now() - 3 * DAY), status: 'filled', filledCount: 1 } },
  );
  const org = employer.organisationId;
  await matchThrough(first.id, enshi, org, ['proposed', 'confirmed', 'offered', 'accepted', 'engaged'], 2);
  await matchThrough(first.id, jishou, org, ['proposed', 'confirmed', 'offered', 'declined']);
  await matchThrough(second.id, local, org, [
    'proposed',
    'confirmed',
    'offered',
    'accepted',
    'engaged',
    'completed',
  ]);
  await matchThrough(first.id, local, org, ['proposed', 'confirmed', 'offered']);
  return { paused };
}

/** Counts straight from the collections, without the reports service. */
async function countsFromDatabase() {
  const engaged = await Match.find({ 'history.to': 'engaged' }).lean();
  const experts = await Expert.find({ _id: { $in: engaged.map((m) => m.expertId) } }).lean();
  const needs = await Need.find({ _id: { $in: engaged.map((m) => m.needId) } }).lean();
  const crossRegion = engaged.filter((m) => {
    const e = experts.find((x) => String(x._id) === String(m.expertId));
    const n = needs.find((x) => String(x._id) === String(m.needId));
    return prefectureOf(String(e?.residenceCounty))?.code !== prefectureOf(String(n?.county))?.code;
  }).length;
  const accepted = await Match.countDocuments({ 'history.to': 'accepted' });
  const answered = await Match.countDocuments({ 'history.to': { $in: ['accepted', 'declined'] } });
  return {
    expertsTotal: await Expert.countDocuments(LIVE),
    expertsActive: await Expert.countDocuments({ status: 'active' }),
    expertsPaused: await Expert.countDocuments({ status: 'paused' }),
    agriculture: await Expert.countDocuments({ ...LIVE, fields: 'agriculture' }),
    health: await Expert.countDocuments({ ...LIVE, fields: 'health' }),
    fullSenior: await Expert.countDocuments({ ...LIVE, 'title.level': 'full_senior' }),
    noTitle: await Expert.countDocuments({ ...LIVE, 'title.level': { $exists: false } }),
    enshi: await Expert.countDocuments({ ...LIVE, residenceCounty: '422801' }),
    needsTotal: await Need.countDocuments({}),
    needsFilled: await Need.countDocuments({ status: 'filled' }),
    engagements: engaged.length,
    crossRegion,
    accepted,
    answered,
    offers: await Match.countDocuments({ 'history.to': 'offered' }),
  };
}

describe('reports', () => {
  test('when the summary, the page and the CSV are read, then every figure equals the counts taken from the database', async () => {
    await dataset();
    const db = await countsFromDatabase();
    expect(db).toMatchObject({ engagements: 2, crossRegion: 1, accepted: 2, answered: 3, noTitle: 1 });

    const api = await request(t.app).get('/api/v1/reports/summary').set(coordinator.header);
    expect(api.status).toBe(200);
    const s = api.body;
    const count = (list: { key: string; count: number }[], key: string) =>
      list.find((c) => c.key === key)?.count;
    expect(s.experts).toMatchObject({
      total: db.expertsTotal,
      active: db.expertsActive,
      paused: db.expertsPaused,
    });
    expect(count(s.experts.byField, 'agriculture')).toBe(db.agriculture);
    expect(count(s.experts.byField, 'health')).toBe(db.health);
    expect(count(s.experts.byTitleLevel, 'full_senior')).toBe(db.fullSenior);
    expect(count(s.experts.byTitleLevel, 'none')).toBe(db.noTitle);
    expect(count(s.experts.byCounty, '422801')).toBe(db.enshi);
    expect(s.needs).toMatchObject({ total: db.needsTotal, filled: db.needsFilled });
    expect(s.engagements).toMatchObject({
      total: db.engagements,
      crossRegion: db.crossRegion,
      crossRegionShare: 0.5,
    });
    expect(s.acceptance).toEqual({ accepted: db.accepted, answered: db.answered, rate: 0.667 });
    expect(s.timeToFill).toMatchObject({ count: 2, medianDays: 2, averageDays: 10 });
    const months = s.monthly as { offers: number; acceptances: number; engagements: number }[];
    expect(months.reduce((n, m) => n + m.offers, 0)).toBe(db.offers);
    expect(months.reduce((n, m) => n + m.engagements, 0)).toBe(db.engagements);

    const { agent } = await pageAgent(t.app, coordinator.email);
    const page = await agent.get('/coordinator/reports');
    expect(page.status).toBe(200);
    const cell = (key: string) => new RegExp(`data-key="${key}">([^<]*)<`).exec(page.text)?.[1];
    expect(cell('expertsTotal')).toBe(String(db.expertsTotal));
    expect(cell('engagements')).toBe(String(db.engagements));
    expect(cell('crossRegionShare')).toBe('50');
    expect(cell('acceptanceRate')).toBe('66.7');
    const charts = JSON.parse(
      /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page.text)?.[1] ?? '{}',
    );
    const fieldChart = charts.byField as { labels: string[]; series: { data: number[] }[] };
    expect(fieldChart.series[0].data[fieldChart.labels.indexOf('农业')]).toBe(db.agriculture);

    const csv = await agent.get('/coordinator/reports.csv').buffer(true);
    expect(csv.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.text
      .slice(1)
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const value = (table: string, item: string) => rows.find((r) => r[0] === table && r[1] === item)?.[3];
    expect(value('主要数字', '开始服务的人次')).toBe(String(db.engagements));
    expect(value('主要数字', '接受率（%）')).toBe('66.7');
    expect(value('专家（按专业领域）', '农业')).toBe(String(db.agriculture));
  });
});
