import request from 'supertest';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser, TEST_PASSWORD } from '../support/auth';
import {
  createExpertAs,
  createMatch,
  type RegisteredExpert,
  registerExpert,
} from '../support/experts.factory';
import { employerUser } from '../support/organisations.factory';

let t: TestApp;
let coord: SignedIn;
let alice: RegisteredExpert;
let bob: RegisteredExpert;
beforeAll(async () => {
  t = await startTestApp();
  [alice, bob] = await Promise.all([registerExpert(t.app), registerExpert(t.app, { name: '王强' })]);
  coord = await staffUser(t.app, 'coordinator');
});
afterAll(() => t.close());

const get = (path: string, header: Record<string, string>) =>
  request(t.app).get(`/api/v1${path}`).set(header);
const patch = (path: string, header: Record<string, string>, body: object) =>
  request(t.app).patch(`/api/v1${path}`).set(header).send(body);

describe('an expert and their own profile', () => {
  test('when an expert edits their profile, then nested objects merge and null clears a field', async () => {
    const res = await patch('/experts/me', alice.auth.header, {
      availability: { paused: true, pauseReason: '外出旅行' },
      position: null,
      tags: ['心电图'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'paused', position: null, tags: ['心电图'] });
    expect(res.body.availability).toMatchObject({ paused: true, pauseReason: '外出旅行', daysPerMonth: 10 });
    expect(res.body.availability.windows).toHaveLength(1);
    const resumed = await patch(`/experts/${alice.expertId}`, alice.auth.header, {
      availability: { paused: false },
    });
    expect(resumed.body.status).toBe('active');
  });

  test("when an expert reads or edits another expert's id, then 404, and nothing changes", async () => {
    expect((await get(`/experts/${bob.expertId}`, alice.auth.header)).status).toBe(404);
    const res = await patch(`/experts/${bob.expertId}`, alice.auth.header, { name: '被改了' });
    expect(res.status).toBe(404);
    expect((await Expert.findById(bob.expertId).lean())?.name).toBe('王强');
  });

  test('when an expert lists experts, then the list holds only themself', async () => {
    const res = await get('/experts?pageSize=100', alice.auth.header);
    expect(res.body.items.map((e: { id: string }) => e.id)).toEqual([alice.expertId]);
    expect(res.body.total).toBe(1);
  });

  test('when an expert changes their email, then the account follows and the new address is unverified', async () => {
    const dave = await registerExpert(t.app);
    const email = `new.${dave.email}`;
    const res = await patch('/experts/me', dave.auth.header, {
      email,
      name: '赵刚',
      currentPassword: TEST_PASSWORD,
    });
    expect(res.body).toMatchObject({ email, name: '赵刚' });
    const session = await get('/auth/session', dave.auth.header);
    expect(session.body.user).toMatchObject({ email, displayName: '赵刚', emailVerified: false });
    expect(await OutboxEmail.countDocuments({ kind: 'verify-email', to: email })).toBe(1);
  });

  test('when a patch sets role, counters or an operator, then 400', async () => {
    for (const body of [{ role: 'admin' }, { activeEngagements: 3 }, { name: { $ne: '' } }, {}]) {
      expect((await patch('/experts/me', alice.auth.header, body)).status).toBe(400);
    }
  });

  test('when the id is malformed, then 400', async () => {
    const res = await get('/experts/not-an-id', alice.auth.header);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('params.id');
  });

  test('when a health note is added later without consent, then 400; with consent, it is stored', async () => {
    expect((await patch('/experts/me', bob.auth.header, { healthNote: '高血压，需定时服药' })).status).toBe(
      400,
    );
    const res = await patch('/experts/me', bob.auth.header, {
      healthNote: '高血压，需定时服药',
      healthConsent: { textVersion: 'health-2026-01', accepted: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.consents.map((c: { kind: string; channel: string }) => [c.kind, c.channel])).toEqual([
      ['profile', 'web'],
      ['health', 'web'],
    ]);
  });
});

describe('coordinators', () => {
  test('when a coordinator edits an expert, then it is saved and the audit names the changed fields, not values', async () => {
    const id = await createExpertAs(t.app, coord);
    const res = await patch(`/experts/${id}`, coord.header, {
      phone: '13900009999',
      availability: { daysPerMonth: 8 },
      yearsOfExperience: 35,
    });
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe('13900009999');
    const audit = await AuditEntry.findOne({ action: 'expert.update', targetId: id }).lean();
    expect(audit?.details).toEqual({ fields: ['phone', 'availability.daysPerMonth'] });
    expect(JSON.stringify(audit)).not.toContain('13900009999');
  });

  test('when a coordinator reads an expert, then everything is shown, health note and consents included', async () => {
    const health = { healthNote: '高血压', healthConsent: { textVersion: 'health-2026-01', accepted: true } };
    const id = await createExpertAs(t.app, coord, health);
    const res = await get(`/experts/${id}`, coord.header);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone: '13812345678', birthYear: 1960, healthNote: '高血压' });
    expect(res.body.consents.map((c: { kind: string; channel: string }) => [c.kind, c.channel])).toEqual([
      ['profile', 'in-person'],
      ['health', 'in-person'],
    ]);
  });

  test('when the new email belongs to another account, then 409 and the profile keeps its email', async () => {
    const res = await patch(`/experts/${bob.expertId}`, coord.header, { email: alice.email });
    expect(res.status).toBe(409);
    expect((await Expert.findById(bob.expertId).lean())?.email).toBe(bob.email);
  });
});

describe('employers', () => {
  test('when an employer reads an expert, then contacts are masked, the age is a band and private fields are absent', async () => {
    const employer = await employerUser();
    const res = await get(`/experts/${bob.expertId}`, employer.header);
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe('138****5678');
    expect(res.body.email).toMatch(/^e\*\*\*@example\.com$/);
    expect(res.body).toMatchObject({
      contactVisible: false,
      ageBand: expect.stringMatching(/^\d{2}-\d{2}$/),
    });
    for (const key of ['birthYear', 'healthNote', 'consents', 'gender', 'homeCounty', 'userId']) {
      expect(res.body).not.toHaveProperty(key);
    }
    expect(res.body.expectations).toEqual({ text: '希望服务基层医院' });
    expect(res.body.availability).not.toHaveProperty('blockedDates');
  });

  test('when their organisation has an accepted match with the expert, then contacts and stipend are shown', async () => {
    const carol = await registerExpert(t.app);
    const employer = await employerUser();
    const other = await employerUser();
    await createMatch(carol.expertId, employer.organisationId, 'accepted');
    await createMatch(carol.expertId, other.organisationId, 'offered');
    const mine = await get(`/experts/${carol.expertId}`, employer.header);
    expect(mine.body).toMatchObject({ phone: '13812345678', email: carol.email, contactVisible: true });
    expect(mine.body.expectations.stipendPerMonthYuan).toBe(5000);
    expect(mine.body).not.toHaveProperty('birthYear');
    const theirs = await get(`/experts/${carol.expertId}`, other.header);
    expect(theirs.body.phone).toBe('138****5678');
    const list = await get('/experts?pageSize=100', employer.header);
    const row = list.body.items.find((e: { id: string }) => e.id === carol.expertId);
    expect(row.phone).toBe('13812345678');
  });

  test('when an expert is paused, then employers get 404 and do not list them, while staff still do', async () => {
    const employer = await employerUser();
    const id = await createExpertAs(t.app, coord, { availability: { paused: true, pauseReason: '住院' } });
    expect((await get(`/experts/${id}`, employer.header)).status).toBe(404);
    const list = await get('/experts?pageSize=100', employer.header);
    expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(id);
    expect((await get(`/experts/${id}`, coord.header)).body.status).toBe('paused');
  });

  test('when an employer tries to edit an expert, then 403', async () => {
    const employer = await employerUser();
    expect((await patch(`/experts/${bob.expertId}`, employer.header, { name: 'x' })).status).toBe(403);
  });
});
