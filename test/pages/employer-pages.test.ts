import { Types } from 'mongoose';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { inDays } from '../support/dates';
import { registerExpert } from '../support/experts.factory';
import { registerEmployer, validCreditCode } from '../support/organisations.factory';
import { formAgent, pageAgent } from './page-agent';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => t.close());

const needForm = (csrf: string) => ({
  _csrf: csrf,
  title: '魔芋种植技术指导',
  description: '指导合作社魔芋软腐病防治',
  field: 'agriculture',
  minTitleLevel: 'associate_senior',
  mode: 'periodic',
  county: '500114',
  'period.from': '2026-04-01',
  'period.to': inDays(300),
  daysPerMonth: '6',
  expertsWanted: '1',
  'offer.stipendPerMonth': '3000',
  'offer.housing': 'true',
  employerApproval: 'true',
});

async function verifiedEmployerAgent() {
  const employer = await registerEmployer(t.app, { verified: true });
  return { employer, ...(await pageAgent(t.app, employer.email)) };
}

describe('employer sign-up', () => {
  test('when the credit code is wrong and the county missing, then errors stand by those fields; right, then “check your email”, and signing in shows the pending organisation', async () => {
    const { agent, csrfToken: _csrf } = await formAgent(t.app, '/employer/signup');
    const form = {
      _csrf,
      'organisation.name': '黔江区石会镇魔芋专业合作社',
      'organisation.type': 'cooperative',
      'organisation.creditCode': '123',
      'organisation.address': '石会镇 8 号',
      name: '陈主任',
      email: uniqueEmail('employer'),
      password: TEST_PASSWORD,
    };
    const bad = await agent.post('/employer/signup').type('form').send(form);
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-organisation-creditCode-error"/);
    expect(bad.text).toMatch(/id="f-organisation-county-error"[^>]*>.*请填写这一项/);
    expect(bad.text).toContain('value="黔江区石会镇魔芋专业合作社"');
    const good = await agent
      .post('/employer/signup')
      .type('form')
      .send({
        ...form,
        'organisation.creditCode': validCreditCode('93500114'),
        'organisation.county': '500114',
      });
    expect([good.status, good.headers.location]).toEqual([303, '/employer/signup/sent']);
    expect((await agent.get(good.headers.location)).text).toContain('请查收邮件');
    const signedIn = await pageAgent(t.app, form.email);
    const home = await signedIn.agent.get('/employer');
    expect(home.text).toContain('审核中');
  });
});

describe('needs', () => {
  test('when a need lacks its title and both levels, then errors are by the fields; complete, then it is a draft to publish', async () => {
    const { agent, csrfToken, employer } = await verifiedEmployerAgent();
    const bad = await agent
      .post('/employer/needs')
      .type('form')
      .send({ ...needForm(csrfToken), title: '', minTitleLevel: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-title-error"[^>]*>.*请填写这一项/);
    expect(bad.text).toMatch(/id="f-minTitleLevel-error"[^>]*>.*最低职称或最低技能等级/);
    expect(bad.text).toContain('value="2026-04-01"');

    const created = await agent.post('/employer/needs').type('form').send(needForm(csrfToken));
    expect(created.status).toBe(303);
    const id = /\/employer\/needs\/([a-f0-9]{24})/.exec(created.headers.location)?.[1];
    const detail = await agent.get(`/employer/needs/${id}`);
    expect(detail.text).toContain('这个需求还是草稿');
    const opened = await agent.post(`/employer/needs/${id}/open`).type('form').send({ _csrf: csrfToken });
    expect(opened.headers.location).toBe(`/employer/needs/${id}?done=need_open`);
    const need = await Need.findById(id).lean();
    expect(need).toMatchObject({
      status: 'open',
      organisationId: new Types.ObjectId(employer.organisationId),
    });
    expect(need?.offer).toMatchObject({ stipendPerMonth: 3000, housing: true, travel: false });

    const edit = await agent.get(`/employer/needs/${id}/edit`);
    expect(edit.text).toContain('value="魔芋种植技术指导"');
    const edited = await agent
      .post(`/employer/needs/${id}/edit`)
      .type('form')
      .send({ ...needForm(csrfToken), title: '魔芋种植与加工指导', daysPerMonth: '' });
    expect(edited.status).toBe(303);
    const after = await Need.findById(id).lean();
    expect(after?.title).toBe('魔芋种植与加工指导');
    expect(after?.daysPerMonth).toBeUndefined();
  });

  test('when a need names a sub-field, a title series and exact must-haves, then they are saved, shown, and kept on edit', async () => {
    const { agent, csrfToken } = await verifiedEmployerAgent();
    const form = await agent.get('/employer/needs/new');
    expect(form.text).toMatch(
      /<optgroup label="医疗卫生"><option value="health"[^>]*>医疗卫生（整个领域）<\/option><option value="health.general_practice"/,
    );
    expect(form.text).toMatch(/name="mustHaveMatch" value="sub_field" checked/);
    expect(form.text).toContain('具备所列技能或同一专业方向的相近技能');
    expect(form.text).toContain('必须具备所列技能本身');
    expect(form.text).toContain('name="minTitleSeries"');

    const created = await agent
      .post('/employer/needs')
      .type('form')
      .send({
        ...needForm(csrfToken),
        title: '心内科查房指导',
        field: 'health.cardiology',
        mustHaveSkills: 'health.cardiology',
        mustHaveMatch: 'exact',
        minTitleLevel: 'full_senior',
        minTitleSeries: 'health',
      });
    expect(created.status).toBe(303);
    const id = /\/employer\/needs\/([a-f0-9]{24})/.exec(created.headers.location)?.[1];
    expect(await Need.findById(id).lean()).toMatchObject({
      field: 'health.cardiology',
      mustHaveMatch: 'exact',
      minTitleLevel: 'full_senior',
      minTitleSeries: 'health',
      skillScopes: ['health', 'health.cardiology'],
    });
    const detail = (await agent.get(`/employer/needs/${id}`)).text;
    expect(detail).toContain('心血管内科');
    expect(detail).toContain('正高级 · 卫生');
    expect(detail).toContain('必须具备所列技能本身');

    const edit = (await agent.get(`/employer/needs/${id}/edit`)).text;
    expect(edit).toMatch(/<option value="health.cardiology" selected>/);
    expect(edit).toMatch(/<option value="health" selected>卫生<\/option>/);
    expect(edit).toMatch(/name="mustHaveMatch" value="exact" checked/);
    const edited = await agent
      .post(`/employer/needs/${id}/edit`)
      .type('form')
      .send({
        ...needForm(csrfToken),
        title: '心内科查房指导',
        field: 'health.cardiology',
        mustHaveMatch: 'sub_field',
        minTitleLevel: 'full_senior',
        minTitleSeries: '',
      });
    expect(edited.status).toBe(303);
    const after = await Need.findById(id).lean();
    expect(after?.mustHaveMatch).toBe('sub_field');
    expect(after?.minTitleSeries).toBeUndefined();
  });

  test('when a title series is chosen without a minimum title, then it is refused beside the series', async () => {
    const { agent, csrfToken } = await verifiedEmployerAgent();
    const bad = await agent
      .post('/employer/needs')
      .type('form')
      .send({
        ...needForm(csrfToken),
        minTitleLevel: '',
        minSkillLevel: 'technician',
        minTitleSeries: 'agriculture',
      });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-minTitleSeries-error"[^>]*>.*选了职称系列，也要选最低职称/);
  });

  test('when the organisation is not verified, then publishing says so above the need', async () => {
    const employer = await registerEmployer(t.app);
    const { agent, csrfToken } = await pageAgent(t.app, employer.email);
    const created = await agent.post('/employer/needs').type('form').send(needForm(csrfToken));
    const id = /\/employer\/needs\/([a-f0-9]{24})/.exec(created.headers.location)?.[1];
    const refused = await agent.post(`/employer/needs/${id}/open`).type('form').send({ _csrf: csrfToken });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('单位还没有通过审核');
  });
});

describe('candidates', () => {
  test('when a candidate awaits approval, then no contact is shown; approving sends the offer', async () => {
    const { agent, csrfToken, employer } = await verifiedEmployerAgent();
    const created = await agent.post('/employer/needs').type('form').send(needForm(csrfToken));
    const needId = /\/employer\/needs\/([a-f0-9]{24})/.exec(created.headers.location)?.[1] as string;
    await agent.post(`/employer/needs/${needId}/open`).type('form').send({ _csrf: csrfToken });
    const expert = await registerExpert(t.app, { phone: '13812345678' });
    await Expert.updateOne({ _id: expert.expertId }, { $set: { pendingOffers: 1 } });
    const match = await Match.create({
      needId,
      expertId: expert.expertId,
      organisationId: employer.organisationId,
      status: 'awaiting_employer',
      contributions: [
        {
          feature: 'title',
          value: 1,
          weight: 0.2,
          points: 0.2,
          reason: { 'zh-CN': '职称为正高级', en: 'Full senior title' },
        },
      ],
      history: [{ to: 'awaiting_employer', at: new Date(), channel: 'system' }],
    });
    const detail = await agent.get(`/employer/needs/${needId}`);
    expect(detail.text).not.toContain('138****5678');
    expect(detail.text).not.toContain('13812345678');
    expect(detail.text).toContain('联系方式在专家接受邀请后显示');
    expect(detail.text).toContain('职称为正高级');
    expect(detail.text).toContain('同意，发出邀请');

    const approved = await agent
      .post(`/employer/matches/${match._id}/decision`)
      .type('form')
      .send({ _csrf: csrfToken, needId, decision: 'approve' });
    expect(approved.headers.location).toBe(`/employer/needs/${needId}?done=approved`);
    expect((await Match.findById(match._id).lean())?.status).toBe('offered');
  });
});

describe('organisation and quota', () => {
  test('when the organisation form is saved, then the change is stored; the quota page shows the ledger', async () => {
    const { agent, csrfToken, employer } = await verifiedEmployerAgent();
    const page = await agent.get('/employer/organisation');
    expect(page.status).toBe(200);
    const org = await Organisation.findById(employer.organisationId).lean();
    const saved = await agent.post('/employer/organisation').type('form').send({
      _csrf: csrfToken,
      'organisation.name': org?.name,
      'organisation.type': org?.type,
      'organisation.creditCode': org?.creditCode,
      'organisation.county': org?.county,
      'organisation.address': '黔江区正阳街道 2 号',
      'contact.name': org?.contact.name,
      'contact.email': org?.contact.email,
    });
    expect(saved.status).toBe(303);
    expect((await Organisation.findById(employer.organisationId).lean())?.address).toBe(
      '黔江区正阳街道 2 号',
    );
    const quota = await agent.get('/employer/quota');
    expect(quota.status).toBe(200);
    expect(quota.text).toContain('没有人才服务配额');
  });
});
