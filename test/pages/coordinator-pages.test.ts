import request from 'supertest';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { runBatch } from '../../src/modules/ranking/batch.service';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import { pageAgent } from './page-agent';

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
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
};

/** A verified employer's open need, two fitting experts and one who cannot fit, ranked in-process. */
async function rankedNeed(overrides: Record<string, unknown> = {}) {
  const employer = await registerEmployer(t.app, { verified: true });
  const fit = await createExpertAs(t.app, coordinator, { ...TEA_EXPERT, name: '向茶师' });
  const second = await createExpertAs(t.app, coordinator, {
    ...TEA_EXPERT,
    name: '田制茶',
    residenceCounty: '422801',
  });
  const misfit = await createExpertAs(t.app, coordinator, { name: '冉心内' });
  const need = await createOpenNeed(t.app, employer.header, {
    expertsWanted: 1,
    employerApproval: false,
    ...overrides,
  });
  await rankNeed(t.ctx, need.id);
  return { employer, need, fit, second, misfit };
}

describe('the coordinator dashboard', () => {
  test('when an organisation waits, then it is listed; a rejection without reason is refused beside the field, a verification goes through', async () => {
    const waiting = await registerEmployer(t.app);
    const other = await registerEmployer(t.app);
    const page = await coord.agent.get('/coordinator');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/coordinator/organisations/${waiting.organisationId}/verify`);
    expect(page.text).toContain('href="/admin/queues"');

    const refused = await coord.agent
      .post(`/coordinator/organisations/${other.organisationId}/reject`)
      .type('form')
      .send({ _csrf: coord.csrfToken, reason: '  ' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(
      new RegExp(`id="f-orgReject-${other.organisationId}-reason-error"[^>]*>.*请填写这一项`),
    );
    const rejected = await coord.agent
      .post(`/coordinator/organisations/${other.organisationId}/reject`)
      .type('form')
      .send({ _csrf: coord.csrfToken, reason: '营业执照与信用代码不符' });
    expect(rejected.status).toBe(303);
    expect((await Organisation.findById(other.organisationId).lean())?.rejectionReason).toBe(
      '营业执照与信用代码不符',
    );

    const verified = await coord.agent
      .post(`/coordinator/organisations/${waiting.organisationId}/verify`)
      .type('form')
      .send({ _csrf: coord.csrfToken });
    expect(verified.headers.location).toBe('/coordinator?done=orgVerified');
    expect((await Organisation.findById(waiting.organisationId).lean())?.status).toBe('verified');
  });

  test('when an email could not be delivered, then the dashboard lists it by its kind in words', async () => {
    await OutboxEmail.create({
      kind: 'offer',
      to: 'bounced.expert@example.com',
      language: 'zh-CN',
      data: {},
      status: 'failed',
      attempts: 1,
      lastError: '550 mailbox unavailable',
      messageId: '<failed-test@yinling.local>',
      failedAt: new Date(),
    });
    const page = await coord.agent.get('/coordinator');
    expect(page.text).toContain('bounced.expert@example.com');
    expect(page.text).toContain('服务邀请');
  });

  test('when someone other than staff asks, then the coordinator pages are refused or ask to sign in', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const asEmployer = await pageAgent(t.app, employer.email);
    for (const path of [
      '/coordinator',
      '/coordinator/reports',
      '/coordinator/batch',
      '/coordinator/reports.csv',
      '/admin/audit',
    ]) {
      expect((await asEmployer.agent.get(path)).status).toBe(403);
    }
    expect((await coord.agent.get('/admin/audit')).status).toBe(403);
    const anonymous = await request(t.app).get('/coordinator/matches');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fcoordinator%2Fmatches');
  });
});

describe('the need page', () => {
  test('when a need is ranked, then candidates show with a bar per factor and reasons; "why not" names the filters', async () => {
    const { need, fit, misfit } = await rankedNeed();
    const page = await coord.agent.get(`/coordinator/needs/${need.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('向茶师');
    expect(page.text).toContain('田制茶');
    expect(page.text).not.toContain('冉心内');
    expect(page.text.match(/<meter class="bar"/g)?.length).toBeGreaterThanOrEqual(24);
    expect(page.text).toContain('必须具备的专长');
    expect(page.text).not.toMatch(/style=/);
    expect(page.text).toContain(`name="expertId" value="${fit}"`);

    const whyNot = await coord.agent.get(`/coordinator/needs/${need.id}`).query({ expert: misfit });
    expect(whyNot.status).toBe(200);
    expect(whyNot.text).toContain('这位专家不符合以下条件');
    const byName = await coord.agent.get(`/coordinator/needs/${need.id}`).query({ expert: '向茶师' });
    expect(byName.text).toContain('这位专家符合所有条件');
    const nobody = await coord.agent.get(`/coordinator/needs/${need.id}`).query({ expert: '查无此人' });
    expect(nobody.status).toBe(404);
    expect(nobody.text).toMatch(/id="f-expert-error"[^>]*>.*没有找到这位专家/);
  });

  test('when a candidate is confirmed, then the offer goes out; rejecting another needs a reason, given beside its field', async () => {
    const { need, fit, second } = await rankedNeed();
    const confirmed = await coord.agent
      .post(`/coordinator/needs/${need.id}/confirm`)
      .type('form')
      .send({ _csrf: coord.csrfToken, expertId: fit });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe(`/coordinator/needs/${need.id}?done=offerSent`);
    expect((await Match.findOne({ needId: need.id, expertId: fit }).lean())?.status).toBe('offered');

    const noReason = await coord.agent
      .post(`/coordinator/needs/${need.id}/reject`)
      .type('form')
      .send({ _csrf: coord.csrfToken, expertId: second, reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toMatch(new RegExp(`id="f-cand-${second}-reason-error"`));
    const rejected = await coord.agent
      .post(`/coordinator/needs/${need.id}/reject`)
      .type('form')
      .send({ _csrf: coord.csrfToken, expertId: second, reason: '距离太远' });
    expect(rejected.status).toBe(303);
    const match = await Match.findOne({ needId: need.id, expertId: second }).lean();
    expect(match?.status).toBe('rejected');
    expect(match?.history.at(-1)?.reason).toBe('距离太远');
  });

  test('when nobody meets the need, or every listed candidate was tried, then the page says so and shows the near misses', async () => {
    // konjac: a skill no other test of this file uses, so the shared database holds no other fitting expert
    const KONJAC = { ...TEA_EXPERT, fields: ['agriculture'], skills: ['agriculture.konjac'] };
    const employer = await registerEmployer(t.app, { verified: true });
    const fit = await createExpertAs(t.app, coordinator, { ...KONJAC, name: '魔芋专家甲' });
    const second = await createExpertAs(t.app, coordinator, { ...KONJAC, name: '魔芋专家乙' });
    const konjacNeed = {
      mustHaveSkills: ['agriculture.konjac'],
      niceToHaveSkills: [],
      employerApproval: false,
    };
    const need = await createOpenNeed(t.app, employer.header, { ...konjacNeed, expertsWanted: 1 });
    await rankNeed(t.ctx, need.id);
    for (const expertId of [fit, second]) {
      const res = await request(t.app)
        .post(`/api/v1/needs/${need.id}/candidates/${expertId}/reject`)
        .set(coordinator.header)
        .send({ reason: '本次不合适' });
      expect(res.status).toBe(200);
    }
    await rankNeed(t.ctx, need.id);
    const page = await coord.agent.get(`/coordinator/needs/${need.id}`);
    expect(page.text).toContain('目前没有专家满足这项需求的全部要求');

    await createExpertAs(t.app, coordinator, {
      ...KONJAC,
      name: '差一级的专家',
      title: { level: 'intermediate' },
    });
    const hard = await createOpenNeed(t.app, employer.header, {
      ...konjacNeed,
      minTitleLevel: 'full_senior',
    });
    await rankNeed(t.ctx, hard.id);
    const hardPage = await coord.agent.get(`/coordinator/needs/${hard.id}`);
    expect(hardPage.text).toContain('差一项条件的专家');
    expect(hardPage.text).toContain('差一级的专家');
  });

  test('when the expert answers by phone, then the coordinator records it on the need page and the expert is engaged', async () => {
    const { need, fit, employer } = await rankedNeed();
    await coord.agent
      .post(`/coordinator/needs/${need.id}/confirm`)
      .type('form')
      .send({ _csrf: coord.csrfToken, expertId: fit });
    const match = await Match.findOne({ needId: need.id, expertId: fit }).lean();
    const id = String(match?._id);

    const asEmployer = await pageAgent(t.app, employer.email);
    const expert = await Expert.findById(fit).lean();
    const masked = await asEmployer.agent.get(`/matches/${id}`);
    expect(masked.status).toBe(200);
    expect(masked.text).not.toContain(String(expert?.email));

    const noAnswer = await coord.agent
      .post(`/coordinator/matches/${id}/answer`)
      .type('form')
      .send({ _csrf: coord.csrfToken, needId: need.id, channel: 'phone' });
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.text).toMatch(new RegExp(`id="f-match-${id}-answer"`));
    const answered = await coord.agent
      .post(`/coordinator/matches/${id}/answer`)
      .type('form')
      .send({ _csrf: coord.csrfToken, needId: need.id, answer: 'accept', channel: 'phone' });
    expect(answered.headers.location).toBe(`/coordinator/needs/${need.id}?done=answerAccepted`);
    const engaged = await Match.findById(id).lean();
    expect(engaged?.status).toBe('engaged');
    expect(engaged?.history.find((h) => h.to === 'accepted')?.channel).toBe('phone');

    const open = await asEmployer.agent.get(`/matches/${id}`);
    expect(open.text).toContain(String(expert?.email));
    const completed = await asEmployer.agent
      .post(`/matches/${id}/complete`)
      .type('form')
      .send({ _csrf: asEmployer.csrfToken, rating: '5', comment: '工艺改进很有效' });
    expect(completed.status).toBe(303);
    expect(await Match.findById(id).lean()).toMatchObject({ status: 'completed', rating: 5 });

    const stranger = await pageAgent(t.app, (await registerEmployer(t.app, { verified: true })).email);
    expect((await stranger.agent.get(`/matches/${id}`)).status).toBe(404);
    const list = await coord.agent.get('/coordinator/matches').query({ status: 'completed' });
    expect(list.text).toContain(`/matches/${id}`);
  });
});

describe('assisted registration, batch runs and the audit log', () => {
  test('when consent is not ticked, then it is refused beside the box; ticked, then the consent is recorded as given in person', async () => {
    const form = {
      _csrf: coord.csrfToken,
      name: '彭光荣',
      email: `peng.${Date.now()}@example.com`,
      residenceCounty: '500114',
      'title.level': 'associate_senior',
      fields: 'agriculture',
      modes: 'periodic',
      preferredLanguage: 'zh-CN',
    };
    const refused = await coord.agent.post('/coordinator/experts').type('form').send(form);
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="f-consent-accepted-error"[^>]*>.*当面同意/);
    expect(refused.text).toContain('value="彭光荣"');
    const done = await coord.agent
      .post('/coordinator/experts')
      .type('form')
      .send({ ...form, 'consent.accepted': 'true' });
    expect(done.status).toBe(303);
    const expert = await Expert.findOne({ email: form.email }).lean();
    expect(expert?.consents[0]).toMatchObject({ channel: 'in-person', textVersion: 'privacy-2026-01' });
    expect(String(expert?.consents[0]?.by)).toBe(coordinator.userId);
  });

  test('when a batch run is requested, then its page shows the exact totals beside greedy once done', async () => {
    await rankedNeed();
    const requested = await coord.agent
      .post('/coordinator/batch')
      .type('form')
      .send({ _csrf: coord.csrfToken });
    expect(requested.status).toBe(303);
    const runId = /\/coordinator\/batch\/([\w-]+)\?/.exec(requested.headers.location)?.[1] as string;
    await runBatch(t.ctx, runId);
    const page = await coord.agent.get(`/coordinator/batch/${runId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('最优安排总分');
    expect(page.text).toContain('合计');
    const list = await coord.agent.get('/coordinator/batch');
    expect(list.text).toContain(`/coordinator/batch/${runId}`);
    const admin = await staffUser(t.app, 'admin');
    const asAdmin = await pageAgent(t.app, admin.email);
    const audit = await asAdmin.agent.get('/admin/audit');
    expect(audit.status).toBe(200);
    expect(audit.text).toContain('matching.batch.request');
    expect(audit.text).toContain('运行批量匹配'); // the action in words
    expect(audit.text).toContain('协调员'); // the actor's role in words, beside their name
  });
});
