import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import { csrfOf, formAgent } from './page-agent';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => t.close());

const signupForm = (email: string) => ({
  name: '张桂兰',
  email,
  password: TEST_PASSWORD,
  phone: '13912345678',
  residenceCounty: '500114',
  'title.level': 'full_senior',
  'title.series': 'agriculture',
  fields: 'agriculture',
  yearsOfExperience: '38',
  modes: ['periodic', 'remote'],
  'consent.accepted': 'true',
});

async function signedUpExpert() {
  const { agent, csrfToken: _csrf } = await formAgent(t.app, '/expert/signup');
  const email = uniqueEmail('expert');
  const res = await agent
    .post('/expert/signup')
    .type('form')
    .send({ ...signupForm(email), _csrf });
  if (res.status !== 303) throw new Error(`sign-up failed: ${res.status}`);
  const page = await agent.get('/expert/availability');
  const expert = await Expert.findOne({ email }).lean();
  return { agent, email, csrfToken: csrfOf(page.text), expertId: String(expert?._id) };
}

describe('expert sign-up', () => {
  test('when the form is sent empty and without consent, then each error stands by its field and the entries stay', async () => {
    const { agent, csrfToken: _csrf } = await formAgent(t.app, '/expert/signup');
    const res = await agent
      .post('/expert/signup')
      .type('form')
      .send({ name: '王建国', email: 'not-an-email', phone: '123', _csrf });
    expect(res.status).toBe(400);
    expect(res.text).toContain('有些地方需要修改');
    expect(res.text).toMatch(/id="f-email-error"[^>]*>.*请填写正确的邮箱地址/);
    expect(res.text).toMatch(
      /id="f-password-error"[^>]*>.*密码至少要 10 个字符|id="f-password-error"[^>]*>.*请填写这一项/,
    );
    expect(res.text).toMatch(/id="f-phone-error"[^>]*>.*11 位手机号码/);
    expect(res.text).toMatch(/id="f-modes-error"[^>]*>.*请至少选择 1 项/);
    expect(res.text).toMatch(/id="f-consent-accepted-error"[^>]*>.*勾选同意/);
    expect(res.text).toContain('value="王建国"');
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('href="#f-email"');
  });

  test('when the email is taken, then the service refusal shows beside the email field', async () => {
    const email = uniqueEmail('expert');
    const first = await formAgent(t.app, '/expert/signup');
    await first.agent
      .post('/expert/signup')
      .type('form')
      .send({ ...signupForm(email), _csrf: first.csrfToken });
    const { agent, csrfToken: _csrf } = await formAgent(t.app, '/expert/signup');
    const again = await agent
      .post('/expert/signup')
      .type('form')
      .send({ ...signupForm(email), _csrf });
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/id="f-email-error"[^>]*>.*已经注册过了/);
    expect(again.text).not.toContain(TEST_PASSWORD);
  });

  test('when signed up with consent, then the consent version is recorded and the expert is signed in', async () => {
    const { email, agent } = await signedUpExpert();
    const expert = await Expert.findOne({ email }).lean();
    expect(expert?.consents).toEqual([
      expect.objectContaining({ kind: 'profile', textVersion: 'privacy-2026-01' }),
    ]);
    expect(expert?.modes).toEqual(['periodic', 'remote']);
    const home = await agent.get('/expert');
    expect(home.status).toBe(200);
    expect(home.text).toContain('张桂兰老师，您好');
  });
});

describe('availability', () => {
  test('when a window ends before it starts, then the error is on that row; fixed, then it is saved with the pause', async () => {
    const { agent, csrfToken, expertId } = await signedUpExpert();
    const bad = await agent.post('/expert/availability').type('form').send({
      _csrf: csrfToken,
      'availability.windows.0.from': '',
      'availability.windows.0.to': '',
      'availability.windows.1.from': '2026-09-01',
      'availability.windows.1.to': '2026-08-01',
      'availability.maxConcurrent': '2',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-availability-windows-1-to-error"[^>]*>.*结束日期不能早于开始日期/);
    expect(bad.text).toContain('value="2026-09-01"');

    const good = await agent.post('/expert/availability').type('form').send({
      _csrf: csrfToken,
      'availability.windows.0.from': '2026-03-01',
      'availability.windows.0.to': '2026-06-30',
      'availability.daysPerMonth': '8',
      'availability.maxConcurrent': '2',
      'availability.paused': 'true',
      'availability.pauseReason': '五月外出探亲',
      'travel.remoteOk': 'true',
    });
    expect(good.status).toBe(303);
    const expert = await Expert.findById(expertId).lean();
    expect(expert?.availability).toMatchObject({
      windows: [{ from: '2026-03-01', to: '2026-06-30' }],
      daysPerMonth: 8,
      maxConcurrent: 2,
      paused: true,
      pauseReason: '五月外出探亲',
    });
    expect(expert?.status).toBe('paused');
  });
});

describe('honours, keywords and blocked days', () => {
  test('when honours are added row by row and keywords given, then they are saved; a bad year is refused on its row', async () => {
    const { agent, csrfToken, expertId } = await signedUpExpert();
    const form = await agent.get('/expert/profile');
    expect(form.text).toContain('name="honours.0.name"');
    const base = {
      _csrf: csrfToken,
      name: '王建国',
      email: (await Expert.findById(expertId).lean())?.email,
      yearsOfExperience: '38',
      modes: ['periodic'],
      fields: 'agriculture',
      tags: '茶叶加工、绿茶，品控',
    };
    const bad = await agent
      .post('/expert/profile')
      .type('form')
      .send({
        ...base,
        'honours.1.name': '全国劳动模范',
        'honours.1.level': 'national',
        'honours.1.year': '1800',
      });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-honours-1-year-error"/);
    const good = await agent
      .post('/expert/profile')
      .type('form')
      .send({
        ...base,
        'honours.0.name': '重庆市科技进步奖一等奖',
        'honours.0.level': 'provincial',
        'honours.0.year': '2015',
      });
    expect(good.status).toBe(303);
    const expert = await Expert.findById(expertId).lean();
    expect(expert?.honours).toEqual([{ name: '重庆市科技进步奖一等奖', level: 'provincial', year: 2015 }]);
    expect(expert?.tags).toEqual(['茶叶加工', '绿茶', '品控']);
    const again = await agent.get('/expert/profile');
    expect(again.text).toContain('value="重庆市科技进步奖一等奖"');
    expect(again.text).toContain('name="honours.1.name"');
  });

  test('when blocked days are listed one per line, then they are saved; a wrong date is refused beside the box', async () => {
    const { agent, csrfToken, expertId } = await signedUpExpert();
    const base = { _csrf: csrfToken, 'availability.maxConcurrent': '1' };
    const bad = await agent
      .post('/expert/availability')
      .type('form')
      .send({ ...base, 'availability.blockedDates': '2026-05-01\n五月二日' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-availability-blockedDates-error"/);
    const good = await agent
      .post('/expert/availability')
      .type('form')
      .send({ ...base, 'availability.blockedDates': '2026-05-01\n2026-05-02' });
    expect(good.status).toBe(303);
    expect((await Expert.findById(expertId).lean())?.availability?.blockedDates).toEqual([
      '2026-05-01',
      '2026-05-02',
    ]);
    const shown = (await agent.get('/expert/availability')).text;
    expect(shown).toMatch(/name="availability.blockedDates"[^>]*>2026-05-01\s+2026-05-02<\/textarea>/);
  });
});

describe('my offers', () => {
  test('when an offer is open, then the reasons show and accepting it engages the expert', async () => {
    const { agent, csrfToken, expertId } = await signedUpExpert();
    const employer = await registerEmployer(t.app, { verified: true });
    const need = await createOpenNeed(t.app, employer.header, { title: '茶园病虫害防治指导' });
    await Expert.updateOne({ _id: expertId }, { $set: { pendingOffers: 1 } });
    const match = await Match.create({
      needId: need.id,
      expertId,
      organisationId: employer.organisationId,
      status: 'offered',
      offeredAt: new Date(),
      offerExpiresAt: new Date(Date.now() + 7 * 86_400_000),
      contributions: [
        {
          feature: 'skills',
          value: 1,
          weight: 0.4,
          points: 0.4,
          reason: { 'zh-CN': '专长完全符合', en: 'Skills match fully' },
        },
      ],
      history: [{ to: 'offered', at: new Date(), channel: 'system' }],
    });
    const page = await agent.get('/expert/offers');
    expect(page.text).toContain('茶园病虫害防治指导');
    expect(page.text).toContain('专长完全符合');
    expect(page.text).toContain('2026-03-01 – 2026-12-31'); // the need's period, from the factory
    expect(page.text).toContain('定期到访');

    const accepted = await agent
      .post(`/expert/offers/${match._id}/answer`)
      .type('form')
      .send({ _csrf: csrfToken, answer: 'accept' });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe('/expert/offers?done=accepted');
    expect((await Match.findById(match._id).lean())?.status).toBe('engaged');
    expect((await Need.findById(need.id).lean())?.filledCount).toBe(1);

    const again = await agent
      .post(`/expert/offers/${match._id}/answer`)
      .type('form')
      .send({ _csrf: csrfToken, answer: 'decline' });
    expect(again.headers.location).toBe('/expert/offers?done=offerGone');
  });
});

describe('my data', () => {
  test('when the export is asked for, then it downloads JSON; delete without the box ticked is refused', async () => {
    const { agent, csrfToken, email } = await signedUpExpert();
    const exported = await agent.get('/my-data/export');
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(JSON.parse(exported.text).account.email).toBe(email);
    const refused = await agent.post('/my-data/delete').type('form').send({ _csrf: csrfToken });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('请先勾选这一项');
    const deleted = await agent
      .post('/my-data/delete')
      .type('form')
      .send({ _csrf: csrfToken, confirm: 'yes' });
    expect(deleted.headers.location).toBe('/?done=deleted');
    expect(await Expert.findOne({ email }).lean()).toBeNull();
  });
});
