import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { Need } from '../../src/modules/needs/need.model';
import { CandidateSnapshot } from '../../src/modules/ranking/candidate-snapshot.model';
import { staffUser, TEST_PASSWORD } from '../support/auth';
import {
  expectAccessible,
  launchBrowser,
  listen,
  openPage,
  requireBrowser,
  SCREENSHOT_DIR,
  screenshot,
} from '../support/browser';
import { createExpertAs } from '../support/experts.factory';
import { createNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import { eventually, startWorkflowHarness, type WorkflowHarness } from '../workflow/workflow-harness';

// Without a browser the file fails once, with what to install, before any test or hook runs.
requireBrowser();

let h: WorkflowHarness;
let server: Awaited<ReturnType<typeof listen>>;
let browser: Browser;

beforeAll(async () => {
  h = await startWorkflowHarness({ LOGIN_MAX_PER_IP: '1000' });
  await h.startWorker();
  server = await listen(h.t.app);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await h?.close();
});

const TEA = {
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing', 'agriculture.tea.cultivation'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
  travel: { maxHours: 8, remoteOk: true },
};

async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/coordinator');
}

describe('a coordinator in the browser', () => {
  test('when an organisation is verified and a need opened, then ranked, explained candidates show, one is confirmed and the emailed accept link engages the expert', async () => {
    const employer = await registerEmployer(h.t.app, { organisation: { name: '黔江区武陵山茶业有限公司' } });
    const need = await createNeed(h.t.app, employer.header, {
      title: '绿茶加工线工艺改进',
      expertsWanted: 1,
      employerApproval: false,
    });
    const experts = [
      {
        ...TEA,
        name: '向德明',
        residenceCounty: '422801',
        honours: [{ name: '湖北省科技进步奖', level: 'provincial' }],
      },
      { ...TEA, name: '田秀英', residenceCounty: '500114', yearsOfExperience: 28 },
      {
        ...TEA,
        name: '彭志远',
        residenceCounty: '433101',
        title: { level: 'associate_senior', series: 'agriculture' },
      },
      {
        ...TEA,
        name: '吴建华',
        residenceCounty: '520602',
        skills: ['agriculture.tea.cultivation'],
        yearsOfExperience: 20,
      },
    ];
    for (const e of experts) await createExpertAs(h.t.app, h.coordinator, e);
    await createExpertAs(h.t.app, h.coordinator, { name: '冉心内' }); // a cardiologist: no fit for tea

    const { context, page } = await openPage(browser, server.url);
    await signIn(page, h.coordinator.email);
    await expectAccessible(page, 'dashboard');
    const card = page.getByRole('article', { name: '黔江区武陵山茶业有限公司' });
    await card.getByRole('button', { name: '核实通过' }).click();
    await page.waitForURL('**/coordinator?done=orgVerified');
    await expect(page.getByRole('status').textContent()).resolves.toContain('单位已核实');
    await screenshot(page, 'coordinator-dashboard');

    const opened = await request(h.t.app).post(`/api/v1/needs/${need.id}/open`).set(employer.header);
    expect(opened.status).toBe(200);
    await eventually(
      async () =>
        ((await CandidateSnapshot.findOne({ needId: need.id }).lean())?.candidates.length ?? 0) >= 4,
    );
    await page.reload();
    await page.getByRole('link', { name: '绿茶加工线工艺改进' }).click();
    await page.waitForURL(`**/coordinator/needs/${need.id}`);
    const cards = page.locator('article.candidate');
    await expect(cards.count()).resolves.toBe(4);
    await expect(cards.first().locator('meter.bar').count()).resolves.toBe(12);
    expect(await cards.filter({ hasText: '冉心内' }).count()).toBe(0);
    await expectAccessible(page, 'need page');
    await screenshot(page, 'coordinator-need-full');
    await page.setViewportSize({ width: 1000, height: 1500 });
    await page.locator('#candidates').evaluate((heading) => heading.scrollIntoView());
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'coordinator-need.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel('专家姓名、邮箱或编号').fill('冉心内');
    await page.getByRole('button', { name: '查看原因' }).click();
    await page.waitForURL(/expert=/);
    await expect(page.getByText('这位专家不符合以下条件').isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'why not');
    await screenshot(page, 'coordinator-why-not');

    const top = cards.first();
    const topName = (await top.locator('h3').textContent()) ?? '';
    const chosen = await Expert.findOne({ name: experts.find((e) => topName.includes(e.name))?.name }).lean();
    await top.getByRole('button', { name: '确认这位专家并发出邀请' }).click();
    await page.waitForURL(/done=offerSent/);
    await expectAccessible(page, 'need page after confirming');

    const offer = await h.sink.waitFor((m) => m.to.includes(String(chosen?.email)), 15_000);
    const links = [...offer.text.matchAll(/https?:\/\/[^\s]+/g)].map((m) => new URL(m[0]));
    const accept = links.find((u) => u.pathname === '/offers/respond');
    expect(accept).toBeDefined();
    const asExpert = await openPage(browser, server.url);
    await asExpert.page.goto(`${accept?.pathname}${accept?.search}`);
    await expect(asExpert.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      '确认接受邀请',
    );
    await expectAccessible(asExpert.page, 'offer link');
    await asExpert.page.getByRole('button', { name: '确认接受' }).click();
    await expect(asExpert.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      '您已接受邀请',
    );
    await screenshot(asExpert.page, 'coordinator-offer-accepted');
    await asExpert.context.close();
    const match = await Match.findOne({ needId: need.id, expertId: chosen?._id }).lean();
    expect(match?.status).toBe('engaged');

    await page.goto(`/matches/${match?._id}`);
    await expect(page.getByText('服务中').first().isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'match page');
    await screenshot(page, 'coordinator-match');
    await context.close();
  }, 90_000);

  test('when the reports, lists, batch and assisted registration pages are opened, then the chart data equals the database and the CSV, and all pass axe', async () => {
    const { context, page } = await openPage(browser, server.url);
    await signIn(page, h.coordinator.email);
    await page.goto('/coordinator/reports');
    await page.waitForSelector('canvas[data-chart="byField"][data-drawn="true"]');
    await expectAccessible(page, 'reports');
    await screenshot(page, 'coordinator-reports');
    const charts = JSON.parse((await page.locator('#report-data').textContent()) ?? '{}');
    const live = { status: { $ne: 'deleted' as const } };
    const fieldData = charts.byField as { labels: string[]; series: { data: number[] }[] };
    const agriculture = await Expert.countDocuments({ ...live, fields: 'agriculture' });
    expect(fieldData.series[0].data[fieldData.labels.indexOf('农业')]).toBe(agriculture);
    const statusData = charts.needsByStatus as { labels: string[]; series: { data: number[] }[] };
    expect(statusData.series[0].data.reduce((a, b) => a + b, 0)).toBe(await Need.countDocuments({}));
    const monthly = charts.monthly as { series: { data: number[] }[] };
    expect(monthly.series[2].data.reduce((a, b) => a + b, 0)).toBe(
      await Match.countDocuments({ 'history.to': 'engaged' }),
    );
    const csv = await (await page.request.get('/coordinator/reports.csv')).text();
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows.find((r) => r[0] === '专家（按专业领域）' && r[1] === '农业')?.[3]).toBe(String(agriculture));

    for (const path of [
      '/coordinator',
      '/coordinator/matches',
      '/coordinator/experts/new',
      '/coordinator/batch',
    ]) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
    await page.getByRole('button', { name: '现在运行批量匹配' }).click();
    await page.waitForURL(/\/coordinator\/batch\/run-/);
    await eventually(async () => {
      await page.reload();
      return (await page.locator('.status').first().textContent())?.includes('已完成');
    }, 20_000);
    await expectAccessible(page, 'batch run');
    await screenshot(page, 'coordinator-batch-run');

    await page.goto('/coordinator/experts/new');
    await page.getByRole('button', { name: '登记这位专家' }).click();
    await page.waitForSelector('.error-summary');
    await expectAccessible(page, 'assisted registration with errors');
    await screenshot(page, 'coordinator-expert-new-errors');

    await page.goto('/coordinator/travel-times?from=500114&to=500242');
    await page.getByLabel('驾车时间（分钟）').fill('95');
    await page.getByLabel('更正的原因').fill('G65 施工，单向通行');
    await page.getByRole('button', { name: '保存更正' }).click();
    await page.waitForSelector('.notice-ok');
    await expectAccessible(page, 'travel times');
    await screenshot(page, 'coordinator-travel-times');
    await context.close();

    const admin = await staffUser(h.t.app, 'admin');
    const asAdmin = await openPage(browser, server.url, { phone: true });
    await signIn(asAdmin.page, admin.email);
    await asAdmin.page.goto('/admin/audit');
    await expectAccessible(asAdmin.page, 'audit');
    await screenshot(asAdmin.page, 'admin-audit-phone');
    await asAdmin.context.close();
  }, 90_000);
});
