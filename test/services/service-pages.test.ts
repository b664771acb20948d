import { createUser } from '../../src/modules/accounts/users.service';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import { ServiceRequest } from '../../src/modules/services/service-request.model';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { staffUser, TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { inDays } from '../support/dates';
import { type RegisteredExpert, registerEngagedExpert, registerExpert } from '../support/experts.factory';
import { registerEmployer } from '../support/organisations.factory';

type Agent = Awaited<ReturnType<typeof pageAgent>>;

let t: TestApp;
let expert: RegisteredExpert;
let me: Agent;
let housing: Agent;
let requestId: string;

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  await seedCatalogue();
  expert = await registerEngagedExpert(t.app);
  me = await pageAgent(t.app, expert.email);
  const unitEmail = uniqueEmail('housing');
  await createUser({
    email: unitEmail,
    password: TEST_PASSWORD,
    role: 'service_unit',
    unitCode: 'housing',
    displayName: '住建委 经办人',
  });
  housing = await pageAgent(t.app, unitEmail);
}, 60_000);
afterAll(() => t.close());

const post = (who: Agent, path: string, form: Record<string, string>) =>
  who.agent
    .post(path)
    .type('form')
    .send({ ...form, _csrf: who.csrfToken });

const APARTMENT = {
  serviceCode: 'talent-apartment',
  'facts.arrivalDate': inDays(30),
  'facts.months': '6',
  'facts.occupants': '2',
  'facts.needsLift': 'yes',
};

describe('the talent-services pages', () => {
  test('when an expert leaves a required fact empty and types words for a number, then each error is beside its field and nothing is stored', async () => {
    const res = await post(me, '/expert/services/new', {
      ...APARTMENT,
      'facts.arrivalDate': '',
      'facts.months': 'six',
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="f-facts-arrivalDate-error"[^>]*>.*请填写这一项/);
    expect(res.text).toMatch(/id="f-facts-months-error"[^>]*>.*请填写数字/);
    expect(res.text).toMatch(/id="f-facts-months"[^>]*value="six"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('value="yes" checked');
    const past = await post(me, '/expert/services/new', { ...APARTMENT, 'facts.arrivalDate': inDays(-2) });
    expect(past.status).toBe(400);
    expect(past.text).toMatch(/id="f-facts-arrivalDate-error"[^>]*>.*这个日期不能早于今天/);
    expect(await ServiceRequest.countDocuments({ expertId: expert.expertId })).toBe(0);
  });

  test('when an expert chooses a service from the catalogue and files it, then the request page shows it submitted, and their list links to it', async () => {
    const home = await me.agent.get('/expert');
    expect(home.text).toContain('href="/expert/services"');
    const catalogue = await me.agent.get('/expert/services/new');
    expect(catalogue.status).toBe(200);
    expect(catalogue.text).toContain('href="/expert/services/new?service=talent-apartment"');
    expect(catalogue.text).toContain('人才公寓入住');
    expect(catalogue.text).toContain('住房');
    const form = await me.agent.get('/expert/services/new?service=talent-apartment');
    expect(form.text).toContain('入住日期');
    expect(form.text).toContain('type="date"');
    expect(form.text).toContain('是否需要电梯楼层');

    const filed = await post(me, '/expert/services/new', APARTMENT);
    expect(filed.status).toBe(303);
    const id = /^\/expert\/services\/([a-f0-9]{24})\?done=svcFiled$/.exec(filed.headers.location)?.[1];
    expect(id).toBeDefined();
    requestId = id as string;

    const page = await me.agent.get(filed.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('申请已提交');
    expect(page.text).toContain('已提交');
    expect(page.text).toContain('需要'); // the choice shown by its label, not its value
    expect(page.text).toContain('撤回申请');
    const mine = await me.agent.get('/expert/services');
    expect(mine.text).toContain(`href="/expert/services/${requestId}"`);
    expect(mine.text).toContain('黔江区住房和城乡建设委员会');
  });

  test('when the unit opens its queue, then it accepts, starts and completes the request from its pages; a step out of turn is explained above the page', async () => {
    const queue = await housing.agent.get('/unit/requests');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`href="/unit/requests/${requestId}"`);
    const detail = await housing.agent.get(`/unit/requests/${requestId}`);
    expect(detail.text).toContain(inDays(30));
    expect(detail.text).toContain(`action="/unit/requests/${requestId}/accept"`);
    expect(detail.text).not.toContain(`action="/unit/requests/${requestId}/complete"`);

    expect((await post(housing, `/unit/requests/${requestId}/accept`, {})).status).toBe(303);
    const early = await post(housing, `/unit/requests/${requestId}/complete`, {});
    expect(early.status).toBe(409);
    expect(early.text).toContain('当前状态下不能进行这一步');
    expect((await post(housing, `/unit/requests/${requestId}/start`, {})).status).toBe(303);
    expect((await post(housing, `/unit/requests/${requestId}/complete`, {})).status).toBe(303);
    const done = await housing.agent.get(`/unit/requests/${requestId}`);
    expect(done.text).toContain('已办结');
    expect(done.text).toContain('已受理（办理单位）');
  });

  test('when the expert rates the finished request, then a missing score is asked for and the rating then shows', async () => {
    const page = await me.agent.get(`/expert/services/${requestId}`);
    expect(page.text).toContain('评价这项服务');
    const missing = await post(me, `/expert/services/${requestId}/rate`, { comment: '很好' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('请选择一个评分');
    const rated = await post(me, `/expert/services/${requestId}/rate`, {
      score: '5',
      comment: '安排得很周到',
    });
    expect(rated.status).toBe(303);
    const after = await me.agent.get(`/expert/services/${requestId}`);
    expect(after.text).toContain('5 分（满分 5 分）');
    expect(after.text).toContain('安排得很周到');
    expect(after.text).not.toContain(`action="/expert/services/${requestId}/rate"`);
  });

  test('when the expert withdraws an open request, then a reason is asked for beside the field, then it is withdrawn', async () => {
    const filed = await post(me, '/expert/services/new', APARTMENT);
    const id = filed.headers.location.split('?')[0];
    const bare = await post(me, `${id}/withdraw`, { reason: '' });
    expect(bare.status).toBe(400);
    expect(bare.text).toMatch(/id="f-reason"[^>]*aria-invalid="true"/);
    expect((await post(me, `${id}/withdraw`, { reason: '已自行租房' })).status).toBe(303);
    const page = await me.agent.get(id);
    expect(page.text).toContain('已撤回');
    expect(page.text).toContain('原因：已自行租房');
    expect(page.text).not.toContain(`action="${id}/withdraw"`);
  });

  test('when a coordinator filters by status, then the request is listed; another expert gets 404 and an employer 403', async () => {
    const coordinator = await staffUser(t.app, 'coordinator');
    const coord = await pageAgent(t.app, coordinator.email);
    const dash = await coord.agent.get('/coordinator');
    expect(dash.text).toContain('href="/coordinator/services/requests"');
    const done = await coord.agent.get('/coordinator/services/requests?status=done');
    expect(done.status).toBe(200);
    expect(done.text).toContain('人才公寓入住');
    const overdue = await coord.agent.get('/coordinator/services/requests?status=&overdue=true');
    expect(overdue.status).toBe(200);
    expect(overdue.text).not.toContain('人才公寓入住');

    const other = await registerEngagedExpert(t.app);
    const otherAgent = await pageAgent(t.app, other.email);
    expect((await otherAgent.agent.get(`/expert/services/${requestId}`)).status).toBe(404);

    const employer = await registerEmployer(t.app);
    const boss = await pageAgent(t.app, employer.email);
    expect((await boss.agent.get('/unit/requests')).status).toBe(403);
    expect((await boss.agent.get(`/unit/requests/${requestId}`)).status).toBe(403);
    expect((await boss.agent.get('/coordinator/services/requests')).status).toBe(403);
  });

  test('when a coordinator follows an overdue email or a list row, then the request page opens for the office: it can attach, handle and withdraw for the expert; the list filters by expert', async () => {
    const coordinator = await staffUser(t.app, 'coordinator');
    const coord = await pageAgent(t.app, coordinator.email);
    const filed = await post(me, '/expert/services/new', APARTMENT);
    const id = filed.headers.location.split('/').pop()?.split('?')[0] as string;

    const list = await coord.agent.get(`/coordinator/services/requests?expertId=${expert.expertId}`);
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/coordinator/services/requests/${id}"`);
    expect(list.text).toContain('以下是 李明 的申请。');
    const elsewhere = await coord.agent.get(
      '/coordinator/services/requests?expertId=0123456789abcdef01234567',
    );
    expect(elsewhere.text).not.toContain(`href="/coordinator/services/requests/${id}"`);

    const page = await coord.agent.get(`/coordinator/services/requests/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('返回全部服务申请');
    expect(page.text).toContain(`action="/coordinator/services/requests/${id}/attachments"`);
    expect(page.text).toContain(`action="/coordinator/services/requests/${id}/accept"`);
    expect(page.text).toContain(`action="/coordinator/services/requests/${id}/withdraw"`);
    expect(page.text).not.toContain('/rate"');

    const accepted = await post(coord, `/coordinator/services/requests/${id}/accept`, {});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe(`/coordinator/services/requests/${id}?done=svcSaved`);
    const noReason = await post(coord, `/coordinator/services/requests/${id}/withdraw`, { reason: '' });
    expect(noReason.status).toBe(400);
    const withdrawn = await post(coord, `/coordinator/services/requests/${id}/withdraw`, {
      reason: '专家来电：已自行租房',
    });
    expect(withdrawn.status).toBe(303);
    expect((await ServiceRequest.findById(id).lean())?.status).toBe('withdrawn');
    expect((await housing.agent.get(`/coordinator/services/requests/${id}`)).status).toBe(403);
  });

  test('when an expert without an engagement opens the service desk, then it says who it is for instead of a form', async () => {
    const newcomer = await registerExpert(t.app);
    const agent = await pageAgent(t.app, newcomer.email);
    for (const path of ['/expert/services/new', '/expert/services/new?service=talent-apartment']) {
      const page = await agent.agent.get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain('人才服务面向已接受或正在履行聘用的专家');
      expect(page.text).not.toContain('name="serviceCode"');
    }
  });
});
