import { startTestApp, type TestApp } from '../support/app';
import { staffUser } from '../support/auth';
import { inDays } from '../support/dates';
import { createExpertAs, type RegisteredExpert, registerExpert } from '../support/experts.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';
import { pageAgent } from './page-agent';

type Agent = Awaited<ReturnType<typeof pageAgent>>;

let t: TestApp;
let employer: Agent;
let otherEmployer: Agent;
let expert: Agent;
let office: Agent;
let lead: RegisteredExpert;
/** The team member's registered mobile number, as the lead knows it. */
const MEMBER_PHONE = '13700000101';
/** The call the employer posts from the form; the later steps follow it. */
let callId: string;
let applicationId: string;

/** The call form as an employer fills it in: a remote cardiology problem (the expert of buildExpert() meets it). */
const callForm = (csrf: string) => ({
  _csrf: csrf,
  callTitle: '乡镇心电判读能力提升揭榜',
  problem: '乡镇卫生院心电图判读能力不足，转诊率高。\r\n一是缺少培训；\r\n二是<b>没有</b>规范。',
  goals: '一年内判读准确率达到九成。',
  deliverables: '培训方案、判读规范。',
  reward: '项目经费 20 万元',
  applyBy: inDays(20),
  field: 'health',
  mustHaveSkills: 'health.cardiology',
  mustHaveMatch: 'sub_field',
  minTitleLevel: 'associate_senior',
  mode: 'remote',
  county: '500114',
  'period.from': inDays(30),
  'period.to': inDays(300),
});

const PLAN = '第一期：培训乡镇医生。\r\n第二期：建立远程判读流程。';
/** The plan and the problem statement as the pages show them: each line kept, the markup escaped. */
const PLAN_HTML = '第一期：培训乡镇医生。\n第二期：建立远程判读流程。';
const PROBLEM_HTML =
  '乡镇卫生院心电图判读能力不足，转诊率高。\n一是缺少培训；\n二是&lt;b&gt;没有&lt;/b&gt;规范。';

const post = (who: Agent, path: string, body: Record<string, unknown> = {}) =>
  who.agent
    .post(path)
    .type('form')
    .send({ _csrf: who.csrfToken, ...body });

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  const [owner, other, coordinator] = await Promise.all([
    registerEmployer(t.app, { verified: true }),
    registerEmployer(t.app, { verified: true }),
    staffUser(t.app, 'coordinator'),
  ]);
  lead = await registerExpert(t.app, { name: '陈建国' });
  await createExpertAs(t.app, coordinator, { name: '队员甲', phone: MEMBER_PHONE });
  const signIn = (who: Employer | RegisteredExpert | typeof coordinator) => pageAgent(t.app, who.email);
  [employer, otherEmployer, expert, office] = await Promise.all([
    signIn(owner),
    signIn(other),
    signIn(lead),
    signIn(coordinator),
  ]);
});
afterAll(() => t.close());

describe('open call pages', () => {
  test('when each role opens its list of calls, then it renders with the menu link, in Chinese and English', async () => {
    const own = await employer.agent.get('/employer/calls');
    expect(own.status).toBe(200);
    expect(own.text).toContain('我的揭榜挂帅');
    expect(own.text).toMatch(/href="\/employer\/calls" aria-current="page"/);
    const open = await expert.agent.get('/expert/calls');
    expect(open.status).toBe(200);
    expect(open.text).toContain('可以报名的榜单');
    const all = await office.agent.get('/coordinator/calls').query({ status: 'open' });
    expect(all.status).toBe(200);
    expect(all.text).toContain('筛选榜单');
    const en = await office.agent.get('/coordinator/calls').set('Cookie', 'lang=en');
    expect(en.text).toContain('Open calls');
    const badFilter = await office.agent.get('/coordinator/calls').query({ status: 'lost' });
    expect(badFilter.status).toBe(400);
    expect(badFilter.text).toContain('id="f-status-error"');
  });

  test('when the call form misses its title and level and its last day has passed, then each error is beside its field and the values stay', async () => {
    const res = await post(employer, '/employer/calls', {
      ...callForm(employer.csrfToken),
      callTitle: '',
      minTitleLevel: '',
      applyBy: inDays(-1),
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="error-summary"');
    expect(res.text).toMatch(/id="f-callTitle-error"[^>]*>.*请填写这一项/);
    expect(res.text).toMatch(/id="f-minTitleLevel-error"[^>]*>.*最低职称或最低技能等级/);
    expect(res.text).toMatch(/id="f-applyBy-error"[^>]*>.*不能早于今天/);
    expect(res.text).toContain('乡镇卫生院心电图判读能力不足');
  });

  test('when the employer posts the form and publishes, then the call is open; another employer gets 404', async () => {
    const created = await post(employer, '/employer/calls', callForm(employer.csrfToken));
    expect(created.status).toBe(303);
    callId = /\/employer\/calls\/([a-f0-9]{24})\?done=callSaved$/.exec(created.headers.location)?.[1] ?? '';
    expect(callId).not.toBe('');
    const draft = await employer.agent.get(`/employer/calls/${callId}`);
    expect(draft.text).toContain('这个榜单还是草稿');

    const published = await post(employer, `/employer/calls/${callId}/publish`);
    expect(published.headers.location).toBe(`/employer/calls/${callId}?done=callPublished`);
    const open = await employer.agent.get(published.headers.location);
    expect(open.text).toContain('榜单已发布');
    expect(open.text).toContain('正在征集');
    expect((await employer.agent.get('/employer/calls')).text).toContain(`href="/employer/calls/${callId}"`);

    expect((await otherEmployer.agent.get(`/employer/calls/${callId}`)).status).toBe(404);
  });

  test('when the expert applies naming a member by a malformed or unknown number, then the error is beside that box; by their registered number, the application is sent; withdrawn, it can be sent again', async () => {
    const list = await expert.agent.get('/expert/calls');
    expect(list.text).toContain(`href="/expert/calls/${callId}"`);
    expect(list.text).toContain(`报名截止：${inDays(20)}`);
    const page = await expert.agent.get(`/expert/calls/${callId}`);
    expect(page.text).toContain('登记的手机号码（或邮箱）');
    expect(page.text).toContain('name="memberContacts.3"');
    expect(page.text).not.toContain(lead.expertId);

    const bad = await post(expert, `/expert/calls/${callId}/apply`, {
      plan: '',
      'memberContacts.0': '',
      'memberContacts.2': '12345',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-plan-error"/);
    expect(bad.text).toMatch(/id="f-memberContacts-2-error"[^>]*>.*11 位手机号码或邮箱地址/);
    expect(bad.text).toContain('value="12345"');
    const unknown = await post(expert, `/expert/calls/${callId}/apply`, {
      plan: '方案',
      'memberContacts.1': '13700009999',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(/id="f-memberContacts-1-error"[^>]*>.*没有专家用这个手机号码或邮箱登记过/);

    const sent = await post(expert, `/expert/calls/${callId}/apply`, {
      plan: '分三期培训乡镇医生，建立远程判读流程。',
      'memberContacts.1': `137 0000 0101`,
    });
    expect(sent.headers.location).toBe(`/expert/calls/${callId}?done=callApplied`);
    const mine = await expert.agent.get(sent.headers.location);
    expect(mine.text).toContain('已提交，等待审核');
    expect(mine.text).toContain('队员甲');
    expect(mine.text).toContain('撤回报名');
    expect(mine.text).not.toContain('重新报名');
    // until the office shortlists, the employer sees no one
    const before = await employer.agent.get(`/employer/calls/${callId}`);
    expect(before.text).not.toContain('陈建国');

    const ownId = /\/applications\/([a-f0-9]{24})\/withdraw/.exec(mine.text)?.[1];
    const withdrawn = await post(expert, `/expert/calls/${callId}/applications/${ownId}/withdraw`);
    expect(withdrawn.headers.location).toBe(`/expert/calls/${callId}?done=callWithdrawn`);
    expect((await expert.agent.get(withdrawn.headers.location)).text).toContain('重新报名');
    const again = await post(expert, `/expert/calls/${callId}/apply`, {
      plan: PLAN,
      'memberContacts.0': MEMBER_PHONE,
    });
    expect(again.headers.location).toBe(`/expert/calls/${callId}?done=callApplied`);
    const back = await expert.agent.get(again.headers.location);
    expect(back.text).toContain('已提交，等待审核');
    expect(back.text).toContain(`/applications/${ownId}/withdraw`);
    // typed lines stay lines, escaped
    expect(back.text).toContain(`<dd class="text-lines">${PLAN_HTML}</dd>`);
    expect(back.text).toContain(`<dd class="text-lines">${PROBLEM_HTML}</dd>`);
  });

  test('when the coordinator opens the call, then the lead’s fit is explained factor by factor, and they shortlist', async () => {
    const page = await office.agent.get(`/coordinator/calls/${callId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('陈建国');
    expect(page.text).toContain('<table class="factors">');
    expect(page.text).toContain('队员甲');
    expect(page.text).not.toContain(MEMBER_PHONE);
    expect(page.text).toContain(`<p class="text-lines">解决方案：${PLAN_HTML}</p>`);
    applicationId = /\/applications\/([a-f0-9]{24})\/shortlist/.exec(page.text)?.[1] ?? '';
    const done = await post(office, `/coordinator/calls/${callId}/applications/${applicationId}/shortlist`);
    expect(done.headers.location).toBe(`/coordinator/calls/${callId}?done=callShortlisted`);
    const after = await office.agent.get(done.headers.location);
    expect(after.text).toContain('已入围');
    expect(after.text).not.toContain('/shortlist"');
  });

  test('when the employer closes the call and chooses the shortlisted team after confirming, then the call is awarded; contacts never shown', async () => {
    const shortlist = await employer.agent.get(`/employer/calls/${callId}`);
    expect(shortlist.text).toContain('陈建国牵头的团队');
    expect(shortlist.text).toContain('正高级');
    expect(shortlist.text).toContain('2 人');
    expect(shortlist.text).toContain(`<dd class="text-lines">${PLAN_HTML}</dd>`);
    expect(shortlist.text).not.toContain('13812345678');
    expect(shortlist.text).not.toContain(lead.email);
    expect(shortlist.text).not.toContain('/choose"');

    expect((await employer.agent.get(`/employer/calls/${callId}/close`)).text).toContain('确认截止报名');
    const closed = await post(employer, `/employer/calls/${callId}/close`);
    expect(closed.headers.location).toBe(`/employer/calls/${callId}?done=callClosed`);

    const choosePath = `/employer/calls/${callId}/applications/${applicationId}/choose`;
    expect((await employer.agent.get(`/employer/calls/${callId}`)).text).toContain(`href="${choosePath}"`);
    const confirm = await employer.agent.get(choosePath);
    expect(confirm.text).toContain('确认选定');
    const chosen = await post(employer, choosePath);
    expect(chosen.headers.location).toBe(`/employer/calls/${callId}?done=callChosen`);
    const awarded = await employer.agent.get(chosen.headers.location);
    expect(awarded.text).toContain('已选定揭榜团队');
    expect(awarded.text).toContain('已选中');

    // the choice is made once: a second try is refused above the call
    const again = await post(employer, choosePath);
    expect(again.status).toBe(409);
    expect(again.text).toContain('id="error-summary"');
  });
});
