import { Types } from 'mongoose';
import request from 'supertest';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import { Service } from '../../src/modules/services/service.model';
import { sweepServiceDeadlines } from '../../src/modules/services/service-deadlines.service';
import { ServiceRequest } from '../../src/modules/services/service-request.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, uniqueEmail } from '../support/auth';
import { inDays } from '../support/dates';
import {
  createMatch,
  type RegisteredExpert,
  registerEngagedExpert,
  registerExpert,
} from '../support/experts.factory';
import { nominatedTalent, unitStaff } from './service-helpers';

let t: TestApp;
let admin: SignedIn;
let coordinator: SignedIn;
let housing: SignedIn;
let health: SignedIn;
let expert: RegisteredExpert;
let other: RegisteredExpert;

beforeAll(async () => {
  t = await startTestApp();
  await seedCatalogue();
  [admin, coordinator] = await Promise.all([staffUser(t.app, 'admin'), staffUser(t.app, 'coordinator')]);
  [housing, health] = await Promise.all([unitStaff('housing'), unitStaff('health')]);
  expert = await registerEngagedExpert(t.app);
  other = await registerEngagedExpert(t.app);
});
afterAll(() => t.close());

const api = () => request(t.app);
const APARTMENT = {
  serviceCode: 'talent-apartment',
  facts: { arrivalDate: inDays(30), months: 6, occupants: 2, needsLift: 'yes' },
};
const file = (who: SignedIn, body: Record<string, unknown> = APARTMENT) =>
  api().post('/api/v1/service-requests').set(who.header).send(body);
const step = (who: SignedIn, id: string, action: string, body?: Record<string, unknown>) =>
  api().post(`/api/v1/service-requests/${id}/${action}`).set(who.header).send(body);
const emailsAbout = (id: string) =>
  OutboxEmail.find({ 'related.type': 'service-request', 'related.id': id }).sort({ _id: 1 }).lean();

describe('filing and handling', () => {
  test('when an expert files a housing request, then it is submitted with a working-day deadline, and the expert and the unit are emailed', async () => {
    const res = await file(expert.auth);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      serviceCode: 'talent-apartment',
      unitCode: 'housing',
      expertId: expert.expertId,
      status: 'submitted',
      priority: false,
      overdue: false,
      facts: APARTMENT.facts,
    });
    expect(res.body.dueDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const emails = await emailsAbout(res.body.id);
    expect(emails.map((e) => [e.kind, e.to])).toEqual([
      ['service-request-received', expert.email.toLowerCase()],
      ['service-request-new-unit', 'housing@qianjiang.example.org'],
    ]);
  });

  test('when the unit accepts, starts and completes, then the expert hears at each step and rates the service once', async () => {
    const { id } = (await file(expert.auth)).body;
    expect((await step(housing, id, 'accept')).body.status).toBe('accepted');
    expect((await step(housing, id, 'accept')).status).toBe(409);
    expect((await step(housing, id, 'start')).body.status).toBe('in_progress');
    const done = await step(housing, id, 'complete');
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
    expect(done.body.history.map((h: { to: string }) => h.to)).toEqual([
      'submitted',
      'accepted',
      'in_progress',
      'done',
    ]);
    const kinds = (await emailsAbout(id)).map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'service-request-accepted',
        'service-request-in-progress',
        'service-request-done',
      ]),
    );
    const rated = await step(expert.auth, id, 'rate', { score: 5, comment: '安排得很周到' });
    expect(rated.status).toBe(200);
    expect(rated.body.rating).toMatchObject({ score: 5, comment: '安排得很周到' });
    const again = await step(expert.auth, id, 'rate', { score: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RATED');
    expect((await step(expert.auth, id, 'rate', { score: 6 })).status).toBe(400);
  });

  test('when the unit refuses with a reason, then the request is refused and the expert is told why', async () => {
    const { id } = (await file(expert.auth)).body;
    expect((await step(housing, id, 'refuse', {})).status).toBe(400);
    const res = await step(housing, id, 'refuse', { reason: '公寓已满，已为您登记候补' });
    expect(res.body).toMatchObject({ status: 'refused', reason: '公寓已满，已为您登记候补' });
    const refused = (await emailsAbout(id)).find((e) => e.kind === 'service-request-refused');
    expect(refused?.data).toMatchObject({ reason: '公寓已满，已为您登记候补' });
    expect((await step(expert.auth, id, 'rate', { score: 3 })).body.error.code).toBe('NOT_DONE');
  });

  test('when the expert withdraws, then the unit can no longer act on it', async () => {
    const { id } = (await file(expert.auth)).body;
    await step(housing, id, 'accept');
    const res = await step(expert.auth, id, 'withdraw', { reason: '已自行租房' });
    expect(res.body).toMatchObject({ status: 'withdrawn', reason: '已自行租房' });
    expect((await step(housing, id, 'start')).status).toBe(409);
    expect((await step(expert.auth, id, 'withdraw', { reason: '再次撤回' })).status).toBe(409);
  });
});

describe('deadlines', () => {
  test('when the clock passes the promised time, then the sweep reminds the unit and escalates to the coordinators, once', async () => {
    const res = await file(expert.auth);
    const { id, dueAt } = res.body;
    const after = new Date(new Date(dueAt).getTime() + 3_600_000);
    const first = await sweepServiceDeadlines(t.ctx, after);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const emails = await emailsAbout(id);
    expect(emails.filter((e) => e.kind === 'service-request-reminder')).toHaveLength(1);
    const overdue = emails.filter((e) => e.kind === 'service-request-overdue');
    expect(overdue.map((e) => e.to)).toContain(coordinator.email.toLowerCase());
    await sweepServiceDeadlines(t.ctx, after);
    expect(await emailsAbout(id)).toHaveLength(emails.length);
    // A finished request is not escalated however late the clock.
    const doneId = (await file(expert.auth)).body.id;
    for (const action of ['accept', 'start', 'complete']) await step(housing, doneId, action);
    await sweepServiceDeadlines(t.ctx, new Date(after.getTime() + 30 * 86_400_000));
    expect((await emailsAbout(doneId)).some((e) => e.kind === 'service-request-overdue')).toBe(false);
  });
});

describe('the exclusive track of the quota', () => {
  test("when an employer files for its nominated key talent, then the request is priority, first in the unit's queue, and the employer sees its status only", async () => {
    const { employer, nominee } = await nominatedTalent(t.app, { admin, coordinator });

    const ordinary = await file(expert.auth, {
      serviceCode: 'annual-health-check',
      facts: { preferredDate: inDays(20), hospital: 'central' },
    });
    const priority = await file(employer, {
      serviceCode: 'annual-health-check',
      expertId: nominee,
      facts: { preferredDate: inDays(21), hospital: 'tcm' },
    });
    expect(priority.status).toBe(201);
    expect(priority.body).toMatchObject({ priority: true, facts: null, history: [] });

    const queue = await api()
      .get('/api/v1/service-requests?status=submitted&pageSize=100')
      .set(health.header);
    const ids = queue.body.items.map((r: { id: string }) => r.id);
    expect(ids.indexOf(priority.body.id)).toBeLessThan(ids.indexOf(ordinary.body.id));
    expect(queue.body.items[0].priority).toBe(true);

    const seen = await api().get(`/api/v1/service-requests/${priority.body.id}`).set(employer.header);
    expect(seen.body).toMatchObject({ status: 'submitted', facts: null, note: null });
    expect(
      (await api().get(`/api/v1/service-requests/${ordinary.body.id}`).set(employer.header)).status,
    ).toBe(404);
    // Not its nominee: as if the expert did not exist.
    expect((await file(employer, { ...APARTMENT, expertId: expert.expertId })).status).toBe(404);
    // A key-talent-only service is refused to an ordinary expert.
    const keyOnly = await file(expert.auth, {
      serviceCode: 'dedicated-officer',
      facts: { contactBy: 'phone' },
    });
    expect(keyOnly.status).toBe(409);
    expect(keyOnly.body.error.code).toBe('NOT_ELIGIBLE');
  });
});

describe('who sees what', () => {
  test('when another expert or another unit asks for a request, then it is 404; lists hold only what the caller may see', async () => {
    const { id } = (await file(expert.auth)).body;
    expect((await api().get(`/api/v1/service-requests/${id}`).set(other.auth.header)).status).toBe(404);
    expect((await api().get(`/api/v1/service-requests/${id}`).set(health.header)).status).toBe(404);
    expect((await step(health, id, 'accept')).status).toBe(404);
    expect((await step(other.auth, id, 'withdraw', { reason: '不是我的' })).status).toBe(404);
    expect((await step(expert.auth, id, 'accept')).status).toBe(403);
    const mine = await api().get('/api/v1/service-requests').set(other.auth.header);
    expect(mine.body.items).toEqual([]);
    const queue = await api().get('/api/v1/service-requests?pageSize=100').set(health.header);
    expect(queue.body.items.every((r: { unitCode: string }) => r.unitCode === 'health')).toBe(true);
    const all = await api()
      .get('/api/v1/service-requests?unitCode=housing&pageSize=100')
      .set(coordinator.header);
    expect(all.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const coordinatorView = await api().get(`/api/v1/service-requests/${id}`).set(coordinator.header);
    expect(coordinatorView.body.facts).toEqual(APARTMENT.facts);
  });

  test('when a coordinator files for an expert, then the expert sees it among their own', async () => {
    const res = await file(coordinator, { ...APARTMENT, expertId: other.expertId });
    expect(res.status).toBe(201);
    const mine = await api().get('/api/v1/service-requests').set(other.auth.header);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(res.body.id);
    expect((await file(coordinator, APARTMENT)).status).toBe(400);
  });
});

describe('bad input', () => {
  test('when the service is unknown, then 404 and nothing is stored', async () => {
    const before = await OutboxEmail.countDocuments();
    const res = await file(expert.auth, { serviceCode: 'no-such-service', facts: {} });
    expect(res.status).toBe(404);
    expect(await OutboxEmail.countDocuments()).toBe(before);
  });

  test('when the facts do not fit the service, then 400 naming each body.facts.<key>', async () => {
    const res = await file(expert.auth, {
      serviceCode: 'talent-apartment',
      facts: { arrivalDate: '2026-13-45', months: 'six', needsLift: 'maybe', colour: 'blue' },
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual([
      'body.facts.arrivalDate',
      'body.facts.colour',
      'body.facts.months',
      'body.facts.needsLift',
      'body.facts.occupants',
    ]);
    expect(
      (await file(expert.auth, { ...APARTMENT, facts: { ...APARTMENT.facts, note: 'a\nb' } })).status,
    ).toBe(400);
    expect((await file(expert.auth, { ...APARTMENT, status: 'done' })).status).toBe(400);
  });

  test('when a date is on the wrong side of today or before the date it follows, then 400 names it and nothing is stored', async () => {
    const before = await ServiceRequest.countDocuments();
    const past = await file(expert.auth, {
      ...APARTMENT,
      facts: { ...APARTMENT.facts, arrivalDate: inDays(-1) },
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([
      { path: 'body.facts.arrivalDate', message: 'must not be in the past' },
    ]);
    const cover = await file(expert.auth, {
      serviceCode: 'accident-insurance',
      facts: { from: inDays(30), to: inDays(10), employer: '黔江区中心医院' },
    });
    expect(cover.status).toBe(400);
    expect(cover.body.error.details).toEqual([{ path: 'body.facts.to', message: 'must not be before from' }]);
    const trip = await file(expert.auth, {
      serviceCode: 'travel-reimbursement',
      facts: { tripDate: inDays(3), fromPlace: '恩施', mode: 'train', amount: 168, invoiceNo: 'E1' },
    });
    expect(trip.status).toBe(400);
    expect(trip.body.error.details).toContainEqual({
      path: 'body.facts.tripDate',
      message: 'must not be in the future',
    });
    expect(await ServiceRequest.countDocuments()).toBe(before);
    expect(
      (await file(expert.auth, { ...APARTMENT, facts: { ...APARTMENT.facts, arrivalDate: inDays(0) } }))
        .status,
    ).toBe(201);
  });

  test('when an expert has no engagement, then filing is refused with 409 NOT_ELIGIBLE and nothing is stored; once they accept an offer, it goes through', async () => {
    const newcomer = await registerExpert(t.app);
    const before = [await ServiceRequest.countDocuments(), await OutboxEmail.countDocuments()];
    const refused = await file(newcomer.auth);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('NOT_ELIGIBLE');
    const onBehalf = await file(coordinator, { ...APARTMENT, expertId: newcomer.expertId });
    expect(onBehalf.status).toBe(409);
    expect([await ServiceRequest.countDocuments(), await OutboxEmail.countDocuments()]).toEqual(before);

    await createMatch(newcomer.expertId, String(new Types.ObjectId()), 'accepted');
    expect((await file(newcomer.auth)).status).toBe(201);
  });
});

describe('catalogue and unit staff', () => {
  test('when the catalogue is read, then it holds at least 25 services; an admin changes promised days, others may not', async () => {
    const list = await api().get('/api/v1/services').set(expert.auth.header);
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThanOrEqual(25);
    const patch = (who: SignedIn, body: Record<string, unknown>) =>
      api().patch('/api/v1/services/meal-card').set(who.header).send(body);
    expect((await patch(coordinator, { promisedDays: 2 })).status).toBe(403);
    const changed = await patch(admin, { promisedDays: 2, unitPhone: '023-79229999' });
    expect(changed.body).toMatchObject({ promisedDays: 2, unit: { phone: '023-79229999' } });
    expect((await patch(admin, {})).status).toBe(400);
    expect(
      (await api().patch('/api/v1/services/nope').set(admin.header).send({ active: false })).status,
    ).toBe(404);
    await patch(admin, { active: false });
    expect((await api().get('/api/v1/services/meal-card').set(expert.auth.header)).status).toBe(404);
    expect(
      (await file(expert.auth, { serviceCode: 'meal-card', facts: { canteen: 'government', months: 2 } }))
        .status,
    ).toBe(404);
    await patch(admin, { active: true });
    // A stored definition from an older catalogue: seeding brings its fields up to date, keeps the admin's change.
    await Service.updateOne({ code: 'meal-card' }, { $set: { fields: [], 'name.zh': '旧名称' } });
    expect(await seedCatalogue()).toBe(0); // seeding again adds nothing and keeps the change
    const refreshed = await Service.findOne({ code: 'meal-card' }).lean();
    expect(refreshed?.fields.map((f) => f.key)).toContain('canteen');
    expect(refreshed?.name?.zh).not.toBe('旧名称');
    expect((await api().get('/api/v1/services/meal-card').set(admin.header)).body.promisedDays).toBe(2);
  });

  test('when an admin creates service-unit staff, then it needs a unit code and sees that queue', async () => {
    const body = {
      email: uniqueEmail('unit'),
      password: 'a long enough password',
      role: 'service_unit',
      displayName: '教委 经办人',
    };
    expect((await api().post('/api/v1/admin/users').set(admin.header).send(body)).status).toBe(400);
    const unknownUnit = await api()
      .post('/api/v1/admin/users')
      .set(admin.header)
      .send({ ...body, unitCode: 'nowhere' });
    expect(unknownUnit.status).toBe(400);
    expect(JSON.stringify(unknownUnit.body)).toContain('unitCode');
    const created = await api()
      .post('/api/v1/admin/users')
      .set(admin.header)
      .send({ ...body, unitCode: 'education' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'service_unit', unitCode: 'education' });
    const coordinatorWithUnit = {
      ...body,
      email: uniqueEmail('c'),
      role: 'coordinator',
      unitCode: 'education',
    };
    expect((await api().post('/api/v1/admin/users').set(admin.header).send(coordinatorWithUnit)).status).toBe(
      400,
    );
  });
});
