import request from 'supertest';
import { chinaToday } from '../../src/modules/apartments/stay-dates';
import { monthOf } from '../../src/modules/reports/reports.service';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import { ServiceRequest } from '../../src/modules/services/service-request.model';
import { quotaCalls } from '../organisations/quota-helpers';
import { pageAgent } from '../pages/page-agent';
import { nominatedTalent, unitStaff } from '../services/service-helpers';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { inDays } from '../support/dates';
import { type RegisteredExpert, registerEngagedExpert } from '../support/experts.factory';
import type { Employer } from '../support/organisations.factory';

let t: TestApp;
let admin: SignedIn;
let coordinator: SignedIn;
let healthEmail: string;
let health: SignedIn;
let expert: RegisteredExpert;
let keyEmployer: Employer;

const api = () => request(t.app);
const APARTMENT = {
  serviceCode: 'talent-apartment',
  facts: { arrivalDate: inDays(30), months: 6, occupants: 2, needsLift: 'yes' },
};
const CHECK = {
  serviceCode: 'annual-health-check',
  facts: { preferredDate: inDays(20), hospital: 'central' },
};
const PERIOD = 'from=2026-03&to=2026-04';

async function file(who: SignedIn, body: Record<string, unknown>): Promise<string> {
  const res = await api().post('/api/v1/service-requests').set(who.header).send(body);
  expect(res.status).toBe(201);
  return res.body.id;
}
async function step(who: SignedIn, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await api().post(`/api/v1/service-requests/${id}/${action}`).set(who.header).send(body);
  expect(res.status).toBe(200);
}
/** Instants in China time: "2026-03-02 10:00". */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** The filing, deadline and finishing moments moved into the past (the API stamps them "now"). */
async function backdate(id: string, dates: { filed: string; due: string; done?: string }) {
  const set: Record<string, Date> = { submittedAt: at(dates.filed), dueAt: at(`${dates.due} 23:59`) };
  if (dates.done) set.doneAt = at(dates.done);
  await ServiceRequest.updateOne({ _id: id }, { $set: set });
}
async function finish(unit: SignedIn, id: string) {
  for (const action of ['accept', 'start', 'complete']) await step(unit, id, action);
}

/**
 * Seven requests in March–April 2026. Housing: done on time (3 days, 3 working days, rated 5), done late
 * (10 days, 8 working days, rated 2), refused, withdrawn, still accepted. Health: done on time across the
 * Qingming break (7 days, 4 working days, rated 4), and a nominated key talent's done the same day.
 */
async function dataset(housing: SignedIn) {
  const h1 = await file(expert.auth, APARTMENT);
  await finish(housing, h1);
  await step(expert.auth, h1, 'rate', { score: 5 });
  await backdate(h1, { filed: '2026-03-02 10:00', due: '2026-03-06', done: '2026-03-05 16:00' });
  const h2 = await file(expert.auth, APARTMENT);
  await finish(housing, h2);
  await step(expert.auth, h2, 'rate', { score: 2 });
  await backdate(h2, { filed: '2026-03-02 11:00', due: '2026-03-06', done: '2026-03-12 09:00' });
  const h3 = await file(expert.auth, APARTMENT);
  await step(housing, h3, 'refuse', { reason: '公寓已满' });
  await backdate(h3, { filed: '2026-03-10 09:00', due: '2026-03-16' });
  const h4 = await file(expert.auth, APARTMENT);
  await step(expert.auth, h4, 'withdraw', { reason: '已自行租房' });
  await backdate(h4, { filed: '2026-04-01 09:00', due: '2026-04-10' });
  const h5 = await file(expert.auth, APARTMENT);
  await step(housing, h5, 'accept');
  await backdate(h5, { filed: '2026-04-02 09:00', due: '2026-04-13' });

  const m1 = await file(expert.auth, CHECK);
  await finish(health, m1);
  await step(expert.auth, m1, 'rate', { score: 4 });
  await backdate(m1, { filed: '2026-04-01 09:00', due: '2026-04-10', done: '2026-04-08 15:00' });
  const { nominee } = await nominatedTalent(t.app, { admin, coordinator }, { employer: keyEmployer });
  const m2 = await file(keyEmployer, { ...CHECK, expertId: nominee });
  await finish(health, m2);
  await backdate(m2, { filed: '2026-04-01 09:30', due: '2026-04-10', done: '2026-04-01 17:00' });
  expect(await ServiceRequest.countDocuments({ _id: m2, priority: true })).toBe(1);
}

let housingEmail: string;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  await seedCatalogue();
  [admin, coordinator] = await Promise.all([staffUser(t.app, 'admin'), staffUser(t.app, 'coordinator')]);
  const [housingStaff, healthStaff] = await Promise.all([unitStaff('housing'), unitStaff('health')]);
  [housingEmail, healthEmail, health] = [housingStaff.email, healthStaff.email, healthStaff];
  expert = await registerEngagedExpert(t.app);
  keyEmployer = await quotaCalls(
    () => t.app,
    () => admin,
  ).keyEnterprise(1);
  await dataset(housingStaff);
  // One room, booked for tonight: the apartments' latest week holds one night of seven.
  const room = await api()
    .post('/api/v1/apartments/rooms')
    .set(coordinator.header)
    .send({ building: '人才公寓一号楼', number: '101', floor: 1, beds: 2 });
  expect(room.status).toBe(201);
  const today = chinaToday();
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const stay = await api()
    .post('/api/v1/apartments/stays')
    .set(coordinator.header)
    .send({ roomId: room.body.id, expertId: expert.expertId, from: today, to: tomorrow });
  expect(stay.status).toBe(201);
}, 120_000);
afterAll(() => t.close());

const figuresOf = (list: Array<Record<string, unknown>>, key: string) =>
  list.find((row) => row.code === key || row.key === key);

describe('the talent-service report', () => {
  test('when a coordinator reads March–April, then counts, on-time shares, medians (even and odd counts) and ratings are exact', async () => {
    const res = await api().get(`/api/v1/reports/services?${PERIOD}`).set(coordinator.header);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.period).toEqual({ from: '2026-03', to: '2026-04', unitCode: null });
    expect(r.totals).toEqual({
      filed: 7,
      open: 1,
      done: 4,
      refused: 1,
      withdrawn: 1,
      onTime: 3,
      onTimeShare: 0.75,
      medianDays: 5, // 0, 3, 7, 10
      medianWorkingDays: 3.5, // 0, 3, 4, 8
      ratings: { count: 3, average: 3.67, distribution: [0, 1, 0, 1, 1] },
    });
    expect(figuresOf(r.byUnit, 'housing')).toMatchObject({
      name: { zh: '黔江区住房和城乡建设委员会' },
      filed: 5,
      open: 1,
      done: 2,
      refused: 1,
      withdrawn: 1,
      onTime: 1,
      onTimeShare: 0.5,
      medianDays: 6.5,
      medianWorkingDays: 5.5,
      ratings: { count: 2, average: 3.5, distribution: [0, 1, 0, 0, 1] },
    });
    expect(figuresOf(r.byUnit, 'health')).toMatchObject({
      filed: 2,
      done: 2,
      onTime: 2,
      onTimeShare: 1,
      medianDays: 3.5,
      medianWorkingDays: 2, // the Qingming break (4–6 April) is not counted
      ratings: { count: 1, average: 4, distribution: [0, 0, 0, 1, 0] },
    });
    // Units and services without requests are listed with zeros, after those with requests.
    expect(r.byUnit.map((u: { code: string }) => u.code).slice(0, 2)).toEqual(['housing', 'health']);
    expect(figuresOf(r.byUnit, 'police-hukou')).toMatchObject({
      filed: 0,
      onTimeShare: null,
      medianDays: null,
    });
    expect(figuresOf(r.byService, 'talent-apartment')).toMatchObject({ unitCode: 'housing', filed: 5 });
    expect(figuresOf(r.byService, 'annual-health-check')).toMatchObject({ filed: 2, medianDays: 3.5 });
    expect(r.monthly).toEqual([
      {
        month: '2026-03',
        filed: 3,
        open: 0,
        done: 2,
        onTime: 1,
        refused: 1,
        withdrawn: 0,
        averageScore: 3.5,
      },
      { month: '2026-04', filed: 4, open: 1, done: 2, onTime: 2, refused: 0, withdrawn: 1, averageScore: 4 },
    ]);
    expect(r.priority).toEqual([
      { key: 'priority', filed: 1, done: 1, onTime: 1, onTimeShare: 1, medianDays: 0, medianWorkingDays: 0 },
      // three finished: the odd count's middle value
      { key: 'other', filed: 6, done: 3, onTime: 2, onTimeShare: 0.667, medianDays: 7, medianWorkingDays: 4 },
    ]);

    const housing = await api().get(`/api/v1/reports/services?${PERIOD}&unitCode=housing`).set(admin.header);
    expect(housing.status).toBe(200);
    const { code: _code, name: _name, ...housingFigures } = figuresOf(r.byUnit, 'housing') ?? {};
    expect(housing.body.totals).toEqual(housingFigures);
    expect(housing.body.byUnit.map((u: { code: string }) => u.code)).toEqual(['housing']);
  });

  test('when no period is given, then it is the 12 months up to this one, and the apartments show their last 12 weeks as the apartments desk counts them', async () => {
    const res = await api().get('/api/v1/reports/services').set(coordinator.header);
    expect(res.status).toBe(200);
    const thisMonth = monthOf(new Date());
    const months = res.body.monthly.map((m: { month: string }) => m.month);
    expect(months).toHaveLength(12);
    expect(months.at(-1)).toBe(thisMonth);
    expect(res.body.period).toMatchObject({ from: months[0], to: thisMonth });
    const weeks = res.body.occupancy as Array<{ weekStart: string; nightsBooked: number; occupancy: number }>;
    expect(weeks).toHaveLength(12);
    const desk = await api()
      .get(`/api/v1/apartments/occupancy?from=${weeks[0].weekStart}&weeks=12`)
      .set(coordinator.header);
    const booked = (weekStart: string) =>
      desk.body.items
        .filter((i: { weekStart: string }) => i.weekStart === weekStart)
        .reduce((n: number, i: { nightsBooked: number }) => n + i.nightsBooked, 0);
    for (const w of weeks) expect(w.nightsBooked).toBe(booked(w.weekStart));
    expect(weeks.at(-1)).toMatchObject({ rooms: 1, nightsAvailable: 7, nightsBooked: 1, occupancy: 0.143 });
  });

  test("when a unit's staff read it, then they get their own unit only, no apartments, and another unit is 403", async () => {
    const own = await api().get(`/api/v1/reports/services?${PERIOD}`).set(health.header);
    expect(own.status).toBe(200);
    expect(own.body.period.unitCode).toBe('health');
    expect(own.body.totals).toMatchObject({ filed: 2, done: 2, onTime: 2, medianDays: 3.5 });
    expect(own.body.byUnit.map((u: { code: string }) => u.code)).toEqual(['health']);
    expect(own.body.byService.every((s: { unitCode: string }) => s.unitCode === 'health')).toBe(true);
    expect(own.body.occupancy).toBeNull();
    const named = await api().get(`/api/v1/reports/services?${PERIOD}&unitCode=health`).set(health.header);
    expect(named.body.totals).toEqual(own.body.totals);
    const other = await api().get(`/api/v1/reports/services?${PERIOD}&unitCode=housing`).set(health.header);
    expect(other.status).toBe(403);
  });

  test('when an expert, an employer or nobody asks, then it is 403 (401 without sign-in)', async () => {
    expect((await api().get('/api/v1/reports/services').set(expert.auth.header)).status).toBe(403);
    expect((await api().get('/api/v1/reports/services').set(keyEmployer.header)).status).toBe(403);
    expect((await api().get('/api/v1/reports/services')).status).toBe(401);
  });

  test('when the period is not valid, then 400 names the field at fault', async () => {
    const bad = async (query: string) => {
      const res = await api().get(`/api/v1/reports/services?${query}`).set(coordinator.header);
      expect(res.status).toBe(400);
      return res.body.error.details.map((d: { path: string }) => d.path);
    };
    expect(await bad('from=2026-13')).toEqual(['query.from']);
    expect(await bad('to=March')).toEqual(['query.to']);
    expect(await bad('from=2026-05&to=2026-04')).toEqual(['query.from']);
    const next = new Date(Date.parse(`${monthOf(new Date())}-15`) + 31 * 86_400_000)
      .toISOString()
      .slice(0, 7);
    expect(await bad(`from=${next}`)).toEqual(['query.from']); // after this month, the default end
    expect(await bad('from=2023-01&to=2026-01')).toEqual(['query.from']); // 37 months
    expect(await bad('unitCode=Not+A+Unit')).toEqual(['query.unitCode']);
    expect(await bad('month=2026-03')).toEqual(['query']);
  });
});

describe('the report pages and CSV', () => {
  test('when a coordinator opens the page, then the headline, tables and chart data show the same figures, and the CSV has them too', async () => {
    const { agent } = await pageAgent(t.app, coordinator.email);
    const reports = await agent.get('/coordinator/reports');
    expect(reports.text).toContain('href="/coordinator/reports/services"');
    const page = await agent.get(`/coordinator/reports/services?${PERIOD}`);
    expect(page.status).toBe(200);
    const cell = (key: string) => new RegExp(`data-key="${key}">([^<]*)<`).exec(page.text)?.[1];
    expect(cell('filed')).toBe('7');
    expect(cell('onTimeShare')).toBe('75');
    expect(cell('medianDays')).toBe('5');
    expect(cell('medianWorkingDays')).toBe('3.5');
    expect(cell('averageScore')).toBe('3.67');
    expect(page.text).toContain('value="2026-03"');
    expect(page.text).toContain('统计期：2026-03 至 2026-04');
    const row = (table: string, key: string) => {
      const section = page.text.slice(page.text.indexOf(`id="table-${table}"`));
      const match = new RegExp(`<tr data-key="${key}"><th scope="row">([^<]*)</th>(.*?)</tr>`).exec(section);
      return [
        match?.[1],
        ...[...(match?.[2] ?? '').matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]),
      ];
    };
    // filed, open, done, refused, withdrawn, on time, on time %, median days, median working days, average
    expect(row('byUnit', 'housing')).toEqual([
      '黔江区住房和城乡建设委员会',
      '5',
      '1',
      '2',
      '1',
      '1',
      '1',
      '50',
      '6.5',
      '5.5',
      '3.5',
    ]);
    expect(row('byUnit', 'police-hukou').slice(7)).toEqual(['—', '—', '—', '—']);
    expect(row('priority', 'priority')).toEqual(['重点人才（优先办理）', '1', '1', '1', '100', '0', '0']);
    expect(row('satisfaction', 'talent-apartment').slice(1)).toEqual(['3.5', '2', '0', '1', '0', '0', '1']);
    expect(page.text).toContain('<canvas id="chart-byMonth"');
    const charts = JSON.parse(
      /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page.text)?.[1] ?? '{}',
    );
    expect(charts.byMonth.labels).toEqual(['2026-03', '2026-04']);
    expect(charts.byMonth.series.map((s: { data: number[] }) => s.data)).toEqual([
      [1, 2], // on time
      [1, 0], // late
      [0, 1], // open
      [1, 0], // refused
      [0, 1], // withdrawn
    ]);
    // Charts leave out rows with nothing to show; the tables keep them.
    expect(charts.byUnit.labels).toEqual(['黔江区住房和城乡建设委员会', '黔江区卫生健康委员会']);
    expect(charts.byUnit.series[0].data).toEqual([50, 100]);
    expect(charts.satisfaction.series[0].data).toEqual([3.5, 4]);
    expect(charts.occupancy.labels).toHaveLength(12);

    const csvUrl = /href="([^"]*\.csv[^"]*)" download/
      .exec(page.text)?.[1]
      ?.replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
    expect(csvUrl).toBe('/coordinator/reports/services.csv?from=2026-03&to=2026-04');
    const csv = await agent.get(csvUrl as string).buffer(true);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    expect(csv.headers['content-disposition']).toContain('yinling-services-2026-03-2026-04.csv');
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.text
      .slice(1)
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows[0]).toEqual(['表', '项目', '指标', '数值']);
    const value = (table: string, item: string, measure: string) =>
      rows.find((r) => r[0] === table && r[1] === item && r[2] === measure)?.[3];
    expect(value('主要数字', '提交的申请', '数值')).toBe('7');
    expect(value('主要数字', '按时办结占比（%）', '数值')).toBe('75');
    expect(value('各办理单位的办理情况', '黔江区住房和城乡建设委员会', '办结天数中位数（工作日）')).toBe(
      '5.5',
    );
    expect(value('每月提交的申请（按办理结果）', '2026-04', '已撤回')).toBe('1');
    expect(value('各项服务的满意度', '人才公寓入住', '5 分')).toBe('1');
    expect(value('重点人才与其他专家', '其他专家', '按时办结占比（%）')).toBe('66.7');

    const fromApi = await api()
      .get(`/api/v1/reports/services.csv?${PERIOD}`)
      .set(coordinator.header)
      .buffer(true);
    expect(fromApi.status).toBe(200);
    expect(fromApi.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    expect(fromApi.text).toBe(csv.text);
    const english = await api()
      .get(`/api/v1/reports/services.csv?${PERIOD}&lang=en`)
      .set(coordinator.header)
      .buffer(true);
    expect(english.text.slice(1).split('\r\n')[0]).toBe('Table,Item,Measure,Value');
    const unitCsv = await api()
      .get(`/api/v1/reports/services.csv?${PERIOD}&unitCode=housing`)
      .set(health.header);
    expect(unitCsv.status).toBe(403);
    const badLang = await api().get(`/api/v1/reports/services.csv?${PERIOD}&lang=fr`).set(coordinator.header);
    expect(badLang.status).toBe(400);
  });

  test("when a unit's staff open their reports from the queue, then only their unit shows; another unit's figures are refused", async () => {
    const unit = await pageAgent(t.app, healthEmail);
    const queue = await unit.agent.get('/unit/requests');
    expect(queue.text).toContain('href="/unit/reports"');
    const page = await unit.agent.get(`/unit/reports?${PERIOD}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('本单位服务统计');
    expect(/data-key="filed">([^<]*)</.exec(page.text)?.[1]).toBe('2');
    expect(page.text).not.toContain('黔江区住房和城乡建设委员会');
    expect(page.text).not.toContain('id="table-occupancy"');
    expect(page.text).not.toContain('name="unitCode"');
    const csv = await unit.agent.get(`/unit/reports.csv?${PERIOD}`).buffer(true);
    expect(csv.headers['content-disposition']).toContain('yinling-services-health-2026-03-2026-04.csv');
    expect(csv.text).not.toContain('住房');
    expect((await unit.agent.get(`/unit/reports?${PERIOD}&unitCode=housing`)).status).toBe(403);
    expect((await unit.agent.get('/coordinator/reports/services')).status).toBe(403);
    const housing = await pageAgent(t.app, housingEmail);
    expect((await housing.agent.get('/unit/reports')).status).toBe(200);
    const expertPage = await pageAgent(t.app, expert.email);
    expect((await expertPage.agent.get('/unit/reports')).status).toBe(403);
  });

  test('when the period typed on the page is wrong, then the form says so beside the field, with a 400', async () => {
    const { agent } = await pageAgent(t.app, coordinator.email);
    const page = await agent.get('/coordinator/reports/services?from=2026-05&to=2026-04');
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/id="f-from-error"[^>]*>.*结束日期不能早于开始日期/);
    expect(page.text).toMatch(/id="f-from"[^>]*value="2026-05"[^>]*aria-invalid="true"/);
    const long = await agent.get('/coordinator/reports/services?from=2020-01&to=2026-04');
    expect(long.status).toBe(400);
    expect(long.text).toContain('统计期最长 36 个月。');
    expect((await agent.get('/coordinator/reports/services.csv?from=2026-13')).status).toBe(400);
  });
});
