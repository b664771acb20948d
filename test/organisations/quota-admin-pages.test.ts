import request from 'supertest';
import { Quota } from '../../src/modules/organisations/quota.model';
import { pageAgent } from '../pages/page-agent';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { createNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';
import { quotaCalls } from './quota-helpers';

type Agent = Awaited<ReturnType<typeof pageAgent>>;

let t: TestApp;
let admin: SignedIn;
let asAdmin: Agent;

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
  admin = await staffUser(t.app, 'admin');
  asAdmin = await pageAgent(t.app, admin.email);
}, 60_000);
afterAll(() => t.close());

const { year, nominateNeed, ledger } = quotaCalls(
  () => t.app,
  () => admin,
);

const post = (who: Agent, path: string, form: Record<string, string | number>) =>
  who.agent
    .post(path)
    .type('form')
    .send({ ...form, _csrf: who.csrfToken });

const nameOf = async (e: Employer): Promise<string> =>
  (await request(t.app).get(`/api/v1/organisations/${e.organisationId}`).set(e.header)).body.name;

const pagePath = (e: Employer) => `/admin/quotas/${e.organisationId}?year=${year}`;

/** A verified employer made a key enterprise with `units` from the overview page. */
async function grantOnPage(units: number): Promise<Employer> {
  const e = await registerEmployer(t.app, { verified: true });
  const res = await post(asAdmin, '/admin/quotas', {
    organisationId: e.organisationId,
    year,
    granted: units,
  });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(`${pagePath(e)}&done=quotaSaved`);
  return e;
}

describe('granting a quota from the page', () => {
  test('when an admin grants units to a verified organisation, then it becomes a key enterprise and the ledger says who granted what', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    const name = await nameOf(e);
    const overview = await asAdmin.agent.get('/admin/quotas');
    expect(overview.status).toBe(200);
    expect(overview.text).toMatch(/<a href="\/admin\/quotas"[^>]*>配额管理<\/a>/);
    expect(overview.text).toContain(`<option value="${e.organisationId}">${name}</option>`);

    const granted = await post(asAdmin, '/admin/quotas', {
      organisationId: e.organisationId,
      year,
      granted: 3,
    });
    expect(granted.status).toBe(303);
    const page = await asAdmin.agent.get(granted.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('配额已保存');
    expect(page.text).toContain(name);
    expect(page.text).toContain(`${year} 年：共 3 个名额，已用 0 个，还剩 3 个。`);
    expect(page.text).toMatch(/管理员 admin 测试：分配了 3 个名额/);
    expect(page.text).not.toMatch(/[{]"|"kind"/);

    const listed = await asAdmin.agent.get('/admin/quotas');
    expect(listed.text).toContain(`href="/admin/quotas/${e.organisationId}?year=${year}"`);
    expect(listed.text).toContain('共 3 个名额，已用 0 个，还剩 3 个');
    expect((await ledger(e)).history[0]).toMatchObject({ kind: 'grant', byUserId: admin.userId });
  });

  test('when the quota is adjusted and the employer nominates and withdraws, then the ledger tells each step in words, newest first, with the active nominations', async () => {
    const e = await grantOnPage(2);
    const need = await createNeed(t.app, e.header, { title: '猕猴桃溃疡病防治指导' });
    const nominated = await nominateNeed(e, need.id);
    expect(nominated.status).toBe(201);
    const adjusted = await post(asAdmin, `/admin/quotas/${e.organisationId}`, { year, granted: 5 });
    expect(adjusted.status).toBe(303);

    const page = await asAdmin.agent.get(pagePath(e));
    expect(page.text).toContain(`${year} 年：共 5 个名额，已用 1 个，还剩 4 个。`);
    expect(page.text).toMatch(/value="5"/);
    const active = /正在使用的提名<\/h2>([\s\S]*?)<h2/.exec(page.text)?.[1] ?? '';
    expect(active).toContain(`href="/coordinator/needs/${need.id}"`);
    expect(active).toContain('优先需求《猕猴桃溃疡病防治指导》');
    const lines = [...page.text.matchAll(/<li><strong>[^<]*<\/strong> · ([^<]*)<\/li>/g)].map((m) => m[1]);
    expect(lines).toEqual([
      '管理员 admin 测试：把全年名额从 2 个调整为 5 个',
      expect.stringMatching(/^用人单位 .+：用掉 1 个名额：优先需求《猕猴桃溃疡病防治指导》$/),
      '管理员 admin 测试：分配了 2 个名额',
    ]);

    const withdrawn = await request(t.app)
      .delete(`/api/v1/organisations/${e.organisationId}/nominations/${nominated.body.id}`)
      .set(e.header);
    expect(withdrawn.status).toBe(200);
    const after = await asAdmin.agent.get(pagePath(e));
    expect(after.text).toMatch(/撤回提名，退回 1 个名额：优先需求《猕猴桃溃疡病防治指导》/);
    expect(after.text).toContain('目前没有提名。');
  });

  test('when the new total is below the units already used, then the error is beside the number and nothing changes', async () => {
    const e = await grantOnPage(1);
    const need = await createNeed(t.app, e.header);
    expect((await nominateNeed(e, need.id)).status).toBe(201);
    const res = await post(asAdmin, `/admin/quotas/${e.organisationId}`, { year, granted: 0 });
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/id="f-granted-error"[^>]*>[\s\S]*?今年已经用掉 1 个名额/);
    expect(res.text).toContain('id="error-summary"');
    expect((await Quota.findOne({ organisationId: e.organisationId, year }).lean())?.granted).toBe(1);
  });

  test('when the form is sent with mistakes, then each shows beside its field and nothing is granted', async () => {
    const e = await registerEmployer(t.app, { verified: true });
    const words = await post(asAdmin, '/admin/quotas', {
      organisationId: e.organisationId,
      year,
      granted: 'many',
    });
    expect(words.status).toBe(400);
    expect(words.text).toMatch(/id="f-granted-error"/);
    expect(words.text).toContain('value="many"');
    const negative = await post(asAdmin, `/admin/quotas/${e.organisationId}`, { year, granted: -1 });
    expect(negative.status).toBe(400);
    expect(negative.text).toMatch(/id="f-granted-error"/);
    const none = await post(asAdmin, '/admin/quotas', { organisationId: '', year, granted: 2 });
    expect(none.status).toBe(400);
    expect(none.text).toMatch(/id="f-organisationId-error"/);
    const badYear = await post(asAdmin, '/admin/quotas', {
      organisationId: e.organisationId,
      year: 1999,
      granted: 2,
    });
    expect(badYear.status).toBe(400);
    expect(badYear.text).toMatch(/id="f-year-error"/);
    expect(await Quota.exists({ organisationId: e.organisationId })).toBeNull();

    const pending = await registerEmployer(t.app);
    const refused = await post(asAdmin, `/admin/quotas/${pending.organisationId}`, { year, granted: 2 });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('只有通过审核的单位才能分配名额');
  });
});

describe('who may reach the quota pages', () => {
  test('when a coordinator or an employer asks for them, then 403; a visitor is sent to sign in', async () => {
    const e = await grantOnPage(1);
    const coordinator = await staffUser(t.app, 'coordinator');
    const asCoordinator = await pageAgent(t.app, coordinator.email);
    expect((await asCoordinator.agent.get('/admin/quotas')).status).toBe(403);
    expect((await asCoordinator.agent.get(pagePath(e))).status).toBe(403);
    expect(
      (await post(asCoordinator, `/admin/quotas/${e.organisationId}`, { year, granted: 9 })).status,
    ).toBe(403);
    const asEmployer = await pageAgent(t.app, e.email);
    expect((await asEmployer.agent.get(pagePath(e))).status).toBe(403);
    const visitor = await request(t.app).get('/admin/quotas');
    expect(visitor.status).toBe(303);
    expect((await Quota.findOne({ organisationId: e.organisationId, year }).lean())?.granted).toBe(1);
  });
});
