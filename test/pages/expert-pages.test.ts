import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { inDays } from '../support/dates';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import { csrfOf, formAgent, pageAgent } from './page-agent';

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
  // sign-up says "check your email" and signs nobody in: the expert signs in next
  const signedIn = await pageAgent(t.app, email);
  const page = await signedIn.agent.get('/expert/availability');
  const expert = await Expert.findOne({ email }).lean();
  return { agent: signedIn.agent, email, csrfToken: csrfOf(page.text), expertId: String(expert?._id) };
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

  test('when the email is taken, then the page answers as for a new address and shows no password', async () => {
    const email = uniqueEmail('expert');
    const first = await formAgent(t.app, '/expert/signup');
    const done = await first.agent
      .post('/expert/signup')
      .type('form')
      .send({ ...signupForm(email), _csrf: first.csrfToken });
    const { agent, csrfToken: _csrf } = await formAgent(t.app, '/expert/signup');
    const again = await agent
      .post('/expert/signup')
      .type('form')
      .send({ ...signupForm(email), _csrf });
    expect([again.status, again.headers.location]).toEqual([done.status, done.headers.location]);
    expect(again.headers.location).toBe('/expert/signup/sent');
    const sent = await agent.get(again.headers.location);
    expect(sent.text).toContain('请查收邮件');
    expect(sent.text).not.toContain(TEST_PASSWORD);
  });

  test('when signed up with consent, then the consent version is recorded and the expert can sign in', async () => {
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

  test('when blocked periods are written one a line, then they are saved as periods; a wrong line is refused on the box, saying which', async () => {
    const { agent, csrfToken, expertId } = await signedUpExpert();
    const base = { _csrf: csrfToken, 'availability.maxConcurrent': '1' };
    const bad = await agent
      .post('/expert/availability')
      .type('form')
      .send({ ...base, 'availability.blockedPeriods': '2026-05-01\n2026-12-31 至 2026-12-01' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(
      /id="f-availability-blockedPeriods-error"[^>]*>.*第 2 行：结束日期不能早于开始日期/,
    );
    expect(bad.text).toContain('2026-12-31 至 2026-12-01</textarea>');
    const unreadable = await agent
      .post('/expert/availability')
      .type('form')
      .send({ ...base, 'availability.blockedPeriods': '五月二日' });
    expect(unreadable.status).toBe(400);
    expect(unreadable.text).toMatch(/id="f-availability-blockedPeriods-error"[^>]*>.*第 1 行/);

    const good = await agent
      .post('/expert/availability')
      .type('form')
      .send({
        ...base,
        'availability.blockedPeriods':
          '2026-12-01 至 2026-12-31\n2027-1-5\n2027-02-01 ~ 2027-02-03\n\n2027-03-01-2027-03-02',
      });
    expect(good.status).toBe(303);
    expect((await Expert.findById(expertId).lean())?.availability?.blockedPeriods).toEqual([
      { from: '2026-12-01', to: '2026-12-31' },
      { from: '2027-01-05', to: '2027-01-05' },
      { from: '2027-02-01', to: '2027-02-03' },
      { from: '2027-03-01', to: '2027-03-02' },
    ]);
    const shown = (await agent.get('/expert/availability')).text;
    expect(shown).toMatch(
      /name="availability.blockedPeriods"[^>]*>2026-12-01 至 2026-12-31\s+2027-01-05\s+2027-02-01 至 2027-02-03\s+2027-03-01 至 2027-03-02<\/textarea>/,
    );
    const home = (await agent.get('/expert')).text;
    expect(home).toContain('2026-12-01 – 2026-12-31');
  });

  test('when an expert has old blocked days, then the box shows them as periods and saving turns them into periods', async () => {
    const { agent, csrfToken, expertId } = await signedUpExpert();
    await Expert.updateOne(
      { _id: expertId },
      { $set: { 'availability.blockedDates': ['2026-05-03', '2026-05-01', '2026-05-02', '2026-06-01'] } },
    );
    const page = (await agent.get('/expert/availability')).text;
    expect(page).toMatch(
      /name="availability.blockedPeriods"[^>]*>2026-05-01 至 2026-05-03\s+2026-06-01<\/textarea>/,
    );
    const saved = await agent.post('/expert/availability').type('form').send({
      _csrf: csrfToken,
      'availability.maxConcurrent': '1',
      'availability.blockedPeriods': '2026-05-01 至 2026-05-03\n2026-06-01',
    });
    expect(saved.status).toBe(303);
    const expert = await Expert.findById(expertId).lean();
    expect(expert?.availability?.blockedDates).toEqual([]);
    expect(expert?.availability?.blockedPeriods).toEqual([
      { from: '2026-05-01', to: '2026-05-03' },
      { from: '2026-06-01', to: '2026-06-01' },
    ]);
  });
});

describe('title name, trade and preferred modes', () => {
  const profileForm = async () => {
    const signed = await signedUpExpert();
    const email = (await Expert.findById(signed.expertId).lean())?.email;
    const base = {
      _csrf: signed.csrfToken,
      name: '张桂兰',
      email,
      yearsOfExperience: '38',
      fields: 'agriculture',
      modes: ['periodic', 'remote'],
    };
    return { ...signed, base };
  };

  test('when a preferred mode is not among the accepted ones, then it is refused beside the preferences', async () => {
    const { agent, base } = await profileForm();
    const page = await agent.get('/expert/profile');
    expect(page.text).toContain('首选服务方式');
    expect(page.text).toContain('name="preferredModes"');
    const bad = await agent
      .post('/expert/profile')
      .type('form')
      .send({ ...base, preferredModes: ['onsite'] });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-preferredModes-error"[^>]*>.*首选的方式也要在/);
  });

  test('when preferred modes are ticked, then they are saved and shown on the expert’s page', async () => {
    const { agent, base, expertId } = await profileForm();
    const saved = await agent
      .post('/expert/profile')
      .type('form')
      .send({ ...base, preferredModes: ['remote'] });
    expect(saved.status).toBe(303);
    expect((await Expert.findById(expertId).lean())?.preferredModes).toEqual(['remote']);
    const form = (await agent.get('/expert/profile')).text;
    expect(form).toMatch(/name="preferredModes" value="remote" checked/);
    const home = (await agent.get('/expert')).text;
    expect(home).toMatch(/首选服务方式<\/dt><dd>远程/);
  });

  test('when a title name and a trade are written, then they are saved with the level filled from the name; the form shows the name', async () => {
    const { agent, base, expertId } = await profileForm();
    const saved = await agent
      .post('/expert/profile')
      .type('form')
      .send({ ...base, 'title.name': '主任医师', skillLevel: 'technician', tradeName: '数控车工' });
    expect(saved.status).toBe(303);
    const expert = await Expert.findById(expertId).lean();
    expect(expert?.title).toEqual({ name: '主任医师', level: 'full_senior', series: 'health' });
    expect(expert?.tradeName).toBe('数控车工');
    const form = (await agent.get('/expert/profile')).text;
    expect(form).toContain('value="主任医师"');
    expect(form).toContain('value="数控车工"');
    const home = (await agent.get('/expert')).text;
    expect(home).toContain('主任医师 · 正高级 · 卫生');
  });

  test('when the title name is unknown or contradicts the level, or the trade is unknown, then each is refused by its field', async () => {
    const { agent, base } = await profileForm();
    const unknown = await agent
      .post('/expert/profile')
      .type('form')
      .send({ ...base, 'title.name': '宇宙总设计师', tradeName: '宇宙飞船驾驶工' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(/id="f-title-name-error"[^>]*>.*没有找到这个职称名称/);
    expect(unknown.text).toMatch(/id="f-tradeName-error"[^>]*>.*没有找到这个工种/);
    expect(unknown.text).toContain('value="宇宙总设计师"');
    const contradicts = await agent
      .post('/expert/profile')
      .type('form')
      .send({ ...base, 'title.name': '主任医师', 'title.level': 'intermediate' });
    expect(contradicts.status).toBe(400);
    expect(contradicts.text).toMatch(/id="f-title-name-error"[^>]*>.*职称名称和所选的等级或系列对不上/);
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
    expect(page.text).toContain(`${inDays(-30)} – ${inDays(300)}`); // the need's period, from the factory
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

  test('when two offers are open, then the home page counts both', async () => {
    const { agent, expertId } = await signedUpExpert();
    const employer = await registerEmployer(t.app, { verified: true });
    for (const title of ['茶园病虫害防治指导', '茶叶加工技术指导']) {
      const need = await createOpenNeed(t.app, employer.header, { title });
      await Match.create({
        needId: need.id,
        expertId,
        organisationId: employer.organisationId,
        status: 'offered',
        offeredAt: new Date(),
        offerExpiresAt: new Date(Date.now() + 7 * 86_400_000),
        history: [{ to: 'offered', at: new Date(), channel: 'system' }],
      });
    }
    expect((await agent.get('/expert')).text).toContain('您有 2 个邀请等待答复。');
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
