import request from 'supertest';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { Organisation } from '../../src/modules/organisations/organisation.model';
import { startTestApp, type TestApp } from '../support/app';
import { staffUser } from '../support/auth';
import { inDays } from '../support/dates';
import { registerExpert } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import { csrfOf, formAgent, pageAgent } from './page-agent';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => t.close());

const reason = { feature: 'skills', value: 1, weight: 0.4, points: 0.4 };

/** An employer with an open need and an expert with a match on it in the given status. */
async function matchIn(status: 'offered' | 'awaiting_employer') {
  const employer = await registerEmployer(t.app, { verified: true });
  const need = await createOpenNeed(t.app, employer.header, { title: '茶园病虫害防治指导' });
  const expert = await registerExpert(t.app, { phone: '13912345678' });
  await Expert.updateOne({ _id: expert.expertId }, { $set: { pendingOffers: 1 } });
  const match = await Match.create({
    needId: need.id,
    expertId: expert.expertId,
    organisationId: employer.organisationId,
    status,
    offeredAt: status === 'offered' ? new Date() : undefined,
    offerExpiresAt: status === 'offered' ? new Date(Date.now() + 7 * 86_400_000) : undefined,
    contributions: [{ ...reason, reason: { 'zh-CN': '专长完全符合', en: 'Skills match fully' } }],
    history: [{ to: status, at: new Date(), channel: 'system' }],
  });
  return { employer, need, expert, matchId: String(match._id) };
}

describe("the expert's offers", () => {
  test('when an offer is open, then the list shows place, dates and terms, accepting asks first, and after it the employer contact shows', async () => {
    const { expert, matchId, employer } = await matchIn('offered');
    const { agent } = await pageAgent(t.app, expert.email);

    const list = await agent.get('/expert/offers');
    expect(list.text).toContain('重庆市黔江区城东街道 1 号'); // the employer's address: where the work is
    expect(list.text).toContain(`${inDays(-30)} – ${inDays(300)}`); // the factory's period
    expect(list.text).toContain('提供住宿');
    expect(list.text).toContain(`href="/expert/offers/${matchId}"`);
    // No one-tap answer on the list: the buttons lead to a confirmation
    expect(list.text).toContain(`href="/expert/offers/${matchId}/answer?answer=accept"`);
    expect(list.text).not.toContain(`action="/expert/offers/${matchId}/answer"`);
    const org = await Organisation.findById(employer.organisationId).lean();
    expect(list.text).not.toContain(org?.contact.email);

    const detail = await agent.get(`/expert/offers/${matchId}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('您接受邀请后，这里会显示用人单位联系人的电话和邮箱');

    const confirm = await agent.get(`/expert/offers/${matchId}/answer?answer=accept`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('确认接受邀请');
    expect(confirm.text).toContain('确认接受');
    expect(confirm.text).toContain('茶园病虫害防治指导');
    const accepted = await agent
      .post(`/expert/offers/${matchId}/answer`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text), answer: 'accept' });
    expect(accepted.headers.location).toBe('/expert/offers?done=accepted');

    const after = await agent.get(`/expert/offers/${matchId}`);
    expect(after.text).toContain('用人单位联系人');
    expect(after.text).toContain(org?.contact.email);
    expect(after.text).toContain('13800138000');
    // Answered: asking to confirm again goes back to the list with words
    const again = await agent.get(`/expert/offers/${matchId}/answer?answer=decline`);
    expect(again.headers.location).toBe('/expert/offers?done=offerGone');
  });

  test("when the decline confirmation is opened, then it asks for a reason; someone else's offer is not found", async () => {
    const { expert, matchId } = await matchIn('offered');
    const other = await matchIn('offered');
    const { agent } = await pageAgent(t.app, expert.email);
    const confirm = await agent.get(`/expert/offers/${matchId}/answer?answer=decline`);
    expect(confirm.text).toContain('确认婉拒');
    expect(confirm.text).toContain('name="reason"');
    expect((await agent.get(`/expert/offers/${other.matchId}`)).status).toBe(404);
    expect((await agent.get(`/expert/offers/${matchId}/answer?answer=maybe`)).status).toBe(400);
  });
});

describe("the employer's need page", () => {
  test('when a candidate awaits approval, then title, honours, experience and age band show and no contact; the terms show', async () => {
    const { employer, need } = await matchIn('awaiting_employer');
    const { agent } = await pageAgent(t.app, employer.email);
    const page = await agent.get(`/employer/needs/${need.id}`);
    expect(page.text).toContain('等待您同意');
    expect(page.text).toContain('正高级');
    expect(page.text).toContain('重庆市科技进步奖一等奖');
    expect(page.text).toContain('35 年');
    expect(page.text).toMatch(/\d{2}-\d{2} 岁/);
    expect(page.text).not.toContain('1960');
    expect(page.text).not.toMatch(/139\*{4}5678|13912345678/);
    expect(page.text).not.toContain('@example');
    expect(page.text).toContain('每月补贴 3000 元');
    expect(page.text).toContain('工作餐');
  });

  test('when a coordinator lists matches waiting for the employer, then they read "waiting for the employer", not "for you"', async () => {
    const { matchId } = await matchIn('awaiting_employer');
    const coordinator = await staffUser(t.app, 'coordinator');
    const { agent } = await pageAgent(t.app, coordinator.email);
    const page = await agent.get(`/matches/${matchId}`);
    expect(page.text).toContain('等待用人单位同意');
    expect(page.text).not.toContain('等待您同意');
  });

  test('when the employer ends or cancels, then a page says what it means and asks to confirm; confirming cancels', async () => {
    const { employer, need } = await matchIn('awaiting_employer');
    const { agent } = await pageAgent(t.app, employer.email);
    const page = await agent.get(`/employer/needs/${need.id}`);
    expect(page.text).toContain('结束还是取消？');
    expect(page.text).toContain(`href="/employer/needs/${need.id}/cancel"`);
    const closing = await agent.get(`/employer/needs/${need.id}/close`);
    expect(closing.text).toContain('确认结束这个需求');
    expect(closing.text).toContain('已经答应的专家照常工作');
    const cancelling = await agent.get(`/employer/needs/${need.id}/cancel`);
    expect(cancelling.text).toContain('确认取消这个需求');
    expect(cancelling.text).toContain('配额会退回');
    const done = await agent
      .post(`/employer/needs/${need.id}/cancel`)
      .type('form')
      .send({ _csrf: csrfOf(cancelling.text) });
    expect(done.headers.location).toBe(`/employer/needs/${need.id}?done=need_cancel`);
    expect((await Need.findById(need.id).lean())?.status).toBe('cancelled');
  });
});

describe('my data as a page', () => {
  test('when the printable export is opened, then it shows the account and profile in sections, and the JSON stays', async () => {
    const expert = await registerExpert(t.app);
    const { agent } = await pageAgent(t.app, expert.email);
    const page = await agent.get('/my-data/export.html');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('我的数据（可打印）');
    expect(page.text).toContain('<h2 id="export-account">账号</h2>');
    expect(page.text).toContain('<h2 id="export-expert">专家资料</h2>');
    expect(page.text).toContain(expert.email);
    expect(page.text).toContain('重庆市科技进步奖一等奖');
    expect(page.text).not.toContain('passwordHash');
    expect((await agent.get('/my-data')).text).toContain('href="/my-data/export.html"');
    const json = await agent.get('/my-data/export');
    expect(JSON.parse(json.text).account.email).toBe(expert.email);
  });
});

describe('text size and forms', () => {
  test('when a larger text size is chosen, then it is remembered and every page is drawn larger', async () => {
    const agent = request.agent(t.app);
    const home = await agent.get('/');
    expect(home.text).toContain('href="/text-size?to=large&amp;next=%2F"');
    const chosen = await agent.get('/text-size?to=larger&next=/login');
    expect(chosen.headers.location).toBe('/login');
    expect(String(chosen.headers['set-cookie'])).toMatch(/textSize=larger/);
    const login = await agent.get('/login');
    expect(login.text).toContain('class="text-larger"');
    expect(login.text).toContain('aria-current="true">特大</a>');
    expect((await agent.get('/text-size?to=huge&next=//evil.example')).headers.location).toBe('/');
  });

  test('when a form with a county is drawn, then the county select offers its search, and the scripts are there', async () => {
    const employer = await registerEmployer(t.app, { verified: true });
    const { agent } = await pageAgent(t.app, employer.email);
    const form = await agent.get('/employer/needs/new');
    expect(form.text).toMatch(/<select[^>]*name="county"[^>]*data-county-search/);
    expect(form.text).toContain('<script src="/assets/county-search.js" defer></script>');
    const script = await request(t.app).get('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.text).toContain('error-summary');
  });
});

describe('wording', () => {
  test("when the employer signs up, then the phone hint is the organisation's, not the expert's", async () => {
    const page = await request(t.app).get('/employer/signup');
    expect(page.text).toContain('单位联系人的手机号');
    expect(page.text).not.toContain('只在您同意某项工作后才告诉用人单位');
    expect((await request(t.app).get('/expert/signup')).text).toContain('只在您同意某项工作后才告诉用人单位');
  });

  test('when an organisation was rejected with a reason ending in a full stop, then the notice has no "。。"', async () => {
    const employer = await registerEmployer(t.app);
    await Organisation.updateOne(
      { _id: employer.organisationId },
      { $set: { status: 'rejected', rejectionReason: '统一社会信用代码与营业执照不符。' } },
    );
    const { agent } = await pageAgent(t.app, employer.email);
    const home = await agent.get('/employer');
    expect(home.text).toContain('统一社会信用代码与营业执照不符。');
    expect(home.text).not.toContain('。。');
  });

  test('when a verification link is used twice, then the page speaks of a used link, not of an answered offer', async () => {
    const expert = await registerExpert(t.app);
    const mail = await OutboxEmail.findOne({ kind: 'verify-email', to: expert.email }).lean();
    const url = new URL((mail?.data as Record<string, string> | undefined)?.verifyUrl ?? '');
    const inner = url.pathname === '/lang' ? new URL(url.searchParams.get('next') ?? '', url) : url;
    const token = inner.searchParams.get('token') ?? '';
    const { agent, csrfToken } = await formAgent(t.app, `/verify-email?token=${encodeURIComponent(token)}`);
    const first = await agent.post('/verify-email').type('form').send({ _csrf: csrfToken, token });
    expect(first.status).toBe(303);
    const again = await agent.post('/verify-email').type('form').send({ _csrf: csrfToken, token });
    expect(again.status).toBe(409);
    expect(again.text).toContain('这个链接已经用过了');
    expect(again.text).not.toContain('邀请');
  });
});
