import { AuditEntry } from '../../src/modules/audit/audit.model';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { LiaisonContact } from '../../src/modules/liaisons/liaison.model';
import { Match } from '../../src/modules/matches/match.model';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { inDays } from '../support/dates';
import { createExpertAs, registerExpert } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coordinator: SignedIn;
let coord: Awaited<ReturnType<typeof pageAgent>>;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  coordinator = await staffUser(t.app, 'coordinator');
  coord = await pageAgent(t.app, coordinator.email);
});
afterAll(() => t.close());

const TEA_EXPERT = {
  name: '田茶师',
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
  availability: { windows: [{ from: inDays(0), to: inDays(400) }], maxConcurrent: 2 },
};

const post = (path: string, body: Record<string, unknown>) =>
  coord.agent
    .post(path)
    .type('form')
    .send({ _csrf: coord.csrfToken, ...body });

describe('the coordinators’ expert page', () => {
  test('when a coordinator opens an expert, then profile, availability, consent and history are on one page; others may not see it', async () => {
    const id = await createExpertAs(t.app, coordinator, TEA_EXPERT);
    const page = await coord.agent.get(`/coordinator/experts/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('田茶师');
    expect(page.text).toContain('重庆市科技进步奖一等奖');
    expect(page.text).toContain(inDays(400));
    expect(page.text).toContain('当面'); // the consent, given in person
    expect(page.text).toContain('代专家登记'); // the audit entry, in words
    expect(page.text).toContain(`/coordinator/experts/${id}/profile`);

    expect((await coord.agent.get('/coordinator/experts/0123456789abcdef01234567')).status).toBe(404);
    const expert = await registerExpert(t.app);
    const asExpert = await pageAgent(t.app, expert.email);
    expect((await asExpert.agent.get(`/coordinator/experts/${id}`)).status).toBe(403);
  });

  test('when the profile form has a mistake, then it is shown beside the field; corrected, the change is saved and logged in words', async () => {
    const id = await createExpertAs(t.app, coordinator, TEA_EXPERT);
    const form = await coord.agent.get(`/coordinator/experts/${id}/profile`);
    expect(form.status).toBe(200);
    expect(form.text).not.toContain('name="currentPassword"');
    const body = {
      name: '田茶师',
      email: (await Expert.findById(id).lean())?.email,
      phone: '12345',
      'title.level': 'full_senior',
      'title.series': 'agriculture',
      fields: 'agriculture',
      skills: 'agriculture.tea.processing',
      modes: ['periodic', 'remote'],
      yearsOfExperience: '30',
      'honours.0.name': '全国劳动模范',
      'honours.0.level': 'national',
      'honours.0.year': '2001',
    };
    const refused = await post(`/coordinator/experts/${id}/profile`, body);
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="f-phone-error"[^>]*>.*手机号码/);
    expect(refused.text).toContain('value="全国劳动模范"');

    const saved = await post(`/coordinator/experts/${id}/profile`, { ...body, phone: '13711112222' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/coordinator/experts/${id}?done=saved`);
    expect(await Expert.findById(id).lean()).toMatchObject({
      phone: '13711112222',
      modes: ['periodic', 'remote'],
      honours: [{ name: '全国劳动模范', level: 'national', year: 2001 }],
    });
    const page = await coord.agent.get(saved.headers.location);
    expect(page.text).toContain('修改专家资料：');
    expect(page.text).toMatch(/修改专家资料：[^<]*手机号码/);
  });

  test('when availability is edited with a reversed window, then it is refused beside the row; a good one is saved', async () => {
    const id = await createExpertAs(t.app, coordinator, TEA_EXPERT);
    const refused = await post(`/coordinator/experts/${id}/availability`, {
      'availability.windows.0.from': inDays(60),
      'availability.windows.0.to': inDays(30),
      'availability.maxConcurrent': '1',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="f-availability-windows-0-to-error"/);
    const saved = await post(`/coordinator/experts/${id}/availability`, {
      'availability.windows.0.from': inDays(30),
      'availability.windows.0.to': inDays(60),
      'availability.daysPerMonth': '8',
      'availability.maxConcurrent': '1',
    });
    expect(saved.status).toBe(303);
    expect((await Expert.findById(id).lean())?.availability).toMatchObject({
      windows: [{ from: inDays(30), to: inDays(60) }],
      daysPerMonth: 8,
    });
  });

  test('when the coordinator pauses the expert on their behalf and resumes, then the status follows and both are logged', async () => {
    const id = await createExpertAs(t.app, coordinator, TEA_EXPERT);
    const paused = await post(`/coordinator/experts/${id}/pause`, {
      paused: 'true',
      'availability.pauseReason': '住院治疗，电话告知',
    });
    expect(paused.headers.location).toBe(`/coordinator/experts/${id}?done=expertPaused`);
    expect(await Expert.findById(id).lean()).toMatchObject({
      status: 'paused',
      availability: { paused: true, pauseReason: '住院治疗，电话告知' },
    });
    const page = await coord.agent.get(`/coordinator/experts/${id}`);
    expect(page.text).toContain('住院治疗，电话告知');
    expect(page.text).toContain('代专家恢复接受邀请');
    const resumed = await post(`/coordinator/experts/${id}/pause`, { paused: 'false' });
    expect(resumed.headers.location).toBe(`/coordinator/experts/${id}?done=expertResumed`);
    expect((await Expert.findById(id).lean())?.status).toBe('active');
    expect(await AuditEntry.countDocuments({ targetId: id, action: 'expert.update' })).toBe(2);
  });

  test('when a phone call is recorded without a summary, then it is refused beside the field; with one, it is listed', async () => {
    const id = await createExpertAs(t.app, coordinator, TEA_EXPERT);
    const refused = await post(`/coordinator/experts/${id}/contacts`, { date: inDays(0), kind: 'call' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="f-summary-error"/);
    const done = await post(`/coordinator/experts/${id}/contacts`, {
      date: inDays(0),
      kind: 'call',
      summary: '电话问候，身体很好',
    });
    expect(done.status).toBe(303);
    expect(await LiaisonContact.countDocuments({ expertId: id, kind: 'call' })).toBe(1);
    const page = await coord.agent.get(`/coordinator/experts/${id}`);
    expect(page.text).toContain('电话问候，身体很好');
  });

  test('when the expert is on an open need’s ranked list, then the coordinator proposes them from their page and the offer goes out', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const id = await createExpertAs(t.app, coordinator, TEA_EXPERT);
    const other = await createOpenNeed(t.app, employer.header, {
      period: { from: inDays(10), to: inDays(200) },
    });
    const need = await createOpenNeed(t.app, employer.header, {
      expertsWanted: 1,
      employerApproval: false,
      period: { from: inDays(10), to: inDays(200) },
    });
    await rankNeed(t.ctx, need.id);
    const page = await coord.agent.get(`/coordinator/experts/${id}`);
    expect(page.text).toContain(`value="${need.id}"`);
    expect(page.text).not.toContain(`value="${other.id}"`); // never ranked: not offered as a choice

    const refused = await post(`/coordinator/experts/${id}/propose`, { proposeNeed: other.id });
    expect(refused.status).toBe(409);
    expect(refused.text).toMatch(/id="f-proposeNeed-error"[^>]*>.*候选名单/);

    const done = await post(`/coordinator/experts/${id}/propose`, { proposeNeed: need.id });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/coordinator/experts/${id}?done=offerSent#matches`);
    const match = await Match.findOne({ needId: need.id, expertId: id }).lean();
    expect(match?.status).toBe('offered');
    expect(await OutboxEmail.countDocuments({ kind: 'offer', 'related.id': String(match?._id) })).toBe(1);
    const after = await coord.agent.get(`/coordinator/experts/${id}`);
    expect(after.text).toContain(`href="/matches/${String(match?._id)}"`);
    expect(after.text).not.toContain(`value="${need.id}"`);
  });
});

describe('assisted registration records the whole profile', () => {
  test('when a coordinator registers an expert with skills, honours and availability, then all is stored and the new expert’s page opens', async () => {
    const form = {
      name: '彭全档',
      email: `peng.full.${Date.now()}@example.com`,
      phone: '13622223333',
      birthYear: '1958',
      residenceCounty: '500114',
      formerEmployer: '黔江区农业农村委员会',
      position: '总农艺师',
      'title.name': '高级农艺师',
      skillLevel: 'senior_technician',
      fields: 'agriculture',
      skills: ['agriculture.tea.processing', 'agriculture.tea.cultivation'],
      yearsOfExperience: '36',
      'honours.0.name': '重庆市劳动模范',
      'honours.0.level': 'municipal',
      'honours.0.year': '2008',
      'honours.1.name': '',
      modes: ['periodic', 'remote'],
      'availability.windows.0.from': inDays(5),
      'availability.windows.0.to': inDays(180),
      'availability.daysPerMonth': '6',
      'availability.maxConcurrent': '2',
      'travel.maxHours': '3',
      'travel.remoteOk': 'true',
      preferredLanguage: 'zh-CN',
      'consent.accepted': 'true',
    };
    const refused = await post('/coordinator/experts', { ...form, 'honours.0.year': '1900' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="f-honours-0-year-error"/);
    expect(refused.text).toContain('value="重庆市劳动模范"');

    const done = await post('/coordinator/experts', form);
    expect(done.status).toBe(303);
    const expert = await Expert.findOne({ email: form.email }).lean();
    expect(done.headers.location).toBe(`/coordinator/experts/${String(expert?._id)}?done=expertRegistered`);
    expect(expert).toMatchObject({
      title: { name: '高级农艺师', level: 'associate_senior', series: 'agriculture' },
      skillLevel: 'senior_technician',
      formerEmployer: '黔江区农业农村委员会',
      skills: ['agriculture.tea.processing', 'agriculture.tea.cultivation'],
      honours: [{ name: '重庆市劳动模范', level: 'municipal', year: 2008 }],
      availability: {
        windows: [{ from: inDays(5), to: inDays(180) }],
        daysPerMonth: 6,
        maxConcurrent: 2,
      },
      travel: { maxHours: 3, remoteOk: true },
    });
    const page = await coord.agent.get(done.headers.location);
    expect(page.text).toContain('专家已登记');
    expect(page.text).toContain('重庆市劳动模范');
  });
});
