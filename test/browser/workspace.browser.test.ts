import type { Page } from 'playwright-core';
import request from 'supertest';
import { User } from '../../src/modules/accounts/user.model';
import { AuditEntry } from '../../src/modules/audit/audit.model';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { type SignedIn, staffUser, TEST_PASSWORD } from '../support/auth';
import { expectAccessible, openPage, requireBrowser } from '../support/browser';
import { browserApp } from '../support/browser-app';
import { inDays } from '../support/dates';
import { createExpertAs } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

// Without a browser the file fails once, with what to install, before any test or hook runs.
requireBrowser();

let coordinator: SignedIn;
const h = browserApp(async (t) => {
  coordinator = await staffUser(t.app, 'coordinator');
});

const TEA = 'agriculture.tea.processing';
/** A tea expert who fits the factory's need (its must-have skill, title, mode and period). */
const TEA_EXPERT = {
  fields: ['agriculture'],
  skills: [TEA],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
  availability: { windows: [{ from: inDays(0), to: inDays(400) }], maxConcurrent: 2 },
};

/** An open need that engages one expert without the employer's approval, starting in ten days. */
async function openTeaNeed(title: string) {
  const employer = await registerEmployer(h.t.app, { verified: true });
  const need = await createOpenNeed(h.t.app, employer.header, {
    title,
    expertsWanted: 1,
    employerApproval: false,
    period: { from: inDays(10), to: inDays(200) },
  });
  return { employer, need };
}

async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('电子邮箱').fill(coordinator.email);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/coordinator');
}

/** Waits for the page a form's redirect leads to: its path and its ?done= notice (a #fragment may follow). */
async function untilDone(page: Page, path: string, done: string) {
  await page.waitForURL((url) => url.pathname === path && url.searchParams.get('done') === done);
}

const emailsAboutMatch = (matchId: string) =>
  OutboxEmail.find({ 'related.type': 'match', 'related.id': matchId }).lean();

test('when a coordinator finds an expert by pinyin and a skill, edits them and proposes them for a need, then the list, the profile and the need show each step', async () => {
  const { need } = await openTeaNeed('魔芋茶园加工技术指导');
  const lv = await createExpertAs(h.t.app, coordinator, {
    ...TEA_EXPERT,
    name: '吕建国',
    phone: '13700001111',
  });
  // the same name with another skill, and the same skill under other names: none of them is the one sought
  const namesake = await createExpertAs(h.t.app, coordinator, { name: '吕建国' });
  const liu = await createExpertAs(h.t.app, coordinator, { ...TEA_EXPERT, name: '刘建国' });
  const xiang = await createExpertAs(h.t.app, coordinator, { ...TEA_EXPERT, name: '向德明' });
  // Ranking is the workers' job (opening the need queued it); run here as a worker would.
  await rankNeed(h.t.ctx, need.id);

  const { context, page } = await openPage(h.browser, h.url);
  try {
    await signIn(page);
    await page.goto('/coordinator/experts');
    await expectAccessible(page, 'expert list');
    await page.getByLabel('姓名或拼音').fill('lvjianguo');
    await page.getByRole('combobox', { name: '领域或技能' }).selectOption(TEA);
    await page.getByRole('button', { name: '查找', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'lvjianguo');
    const url = new URL(page.url());
    expect(url.searchParams.get('field')).toBe(TEA); // the search is in the URL, to bookmark or share
    await expect(page.getByRole('status').textContent()).resolves.toContain('共找到 1 位专家');
    const rows = page.getByRole('region', { name: '专家查找结果' }).locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().getByRole('link').getAttribute('href')).resolves.toBe(
      `/coordinator/experts/${lv}`,
    );
    await expectAccessible(page, 'expert list, searched');
    // the API answers the same search with the same one expert; either filter alone finds others too
    const ids = async (query: Record<string, string>) => {
      const res = await request(h.t.app).get('/api/v1/experts').query(query).set(coordinator.header);
      expect(res.status).toBe(200);
      return (res.body.items as { id: string }[]).map((e) => e.id).sort();
    };
    await expect(ids({ q: 'lvjianguo', field: TEA })).resolves.toEqual([lv]);
    await expect(ids({ q: 'lvjianguo' })).resolves.toEqual([lv, namesake].sort());
    await expect(ids({ field: TEA })).resolves.toEqual([lv, liu, xiang].sort());
    // by initials 刘建国 (the same skill) answers too, on the page as in the API
    await page.goto(`/coordinator/experts?q=ljg&field=${TEA}`);
    const hrefs = await rows
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.sort()).toEqual([lv, liu].map((id) => `/coordinator/experts/${id}`).sort());
    await rows.getByRole('link', { name: '吕建国' }).click();
    await page.waitForURL(`**/coordinator/experts/${lv}`);
    await expectAccessible(page, 'expert page');
    await page.getByRole('link', { name: '修改专家资料' }).click();
    await page.waitForURL(`**/coordinator/experts/${lv}/profile`);
    await expectAccessible(page, 'profile form');
    await page.getByLabel('手机号码').fill('13799998888');
    await page.getByRole('combobox', { name: /职业技能等级/ }).selectOption('senior_technician');
    await page.getByRole('button', { name: '保存' }).click();
    await untilDone(page, `/coordinator/experts/${lv}`, 'saved');
    await page.getByText('13799998888').waitFor();
    await page.getByText('高级技师').first().waitFor();
    await page
      .locator('#audit + table')
      .getByText(/修改专家资料：.*手机号码/)
      .waitFor(); // logged in words
    await expectAccessible(page, 'expert page after editing');
    expect(await Expert.findById(lv).lean()).toMatchObject({
      name: '吕建国',
      phone: '13799998888',
      skillLevel: 'senior_technician',
      skills: [TEA],
    });
    expect(await AuditEntry.countDocuments({ targetId: lv, action: 'expert.update' })).toBe(1);

    await page.getByRole('combobox', { name: '需求' }).selectOption(need.id);
    await page.getByRole('button', { name: '推荐并发出邀请' }).click();
    await untilDone(page, `/coordinator/experts/${lv}`, 'offerSent');
    const match = await Match.findOne({ needId: need.id, expertId: lv }).lean();
    expect(match?.status).toBe('offered');
    const offers = await emailsAboutMatch(String(match?._id));
    expect(offers.map((e) => [e.kind, e.to])).toEqual([['offer', (await Expert.findById(lv).lean())?.email]]);
    const onExpertPage = page.locator('#matches + table');
    await onExpertPage.getByRole('link', { name: '魔芋茶园加工技术指导' }).waitFor();
    await expectAccessible(page, 'expert page after proposing');

    await page.goto(`/coordinator/needs/${need.id}`);
    const proposal = page.getByRole('article', { name: '吕建国 已发出邀请' });
    await expect(proposal.getByRole('link', { name: '吕建国' }).getAttribute('href')).resolves.toBe(
      `/matches/${String(match?._id)}`,
    );
    await expectAccessible(page, 'need page with the proposal');
    const onNeed = await request(h.t.app)
      .get('/api/v1/matches')
      .query({ needId: need.id })
      .set(coordinator.header);
    expect(onNeed.status).toBe(200);
    expect(onNeed.body.items.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
      [String(match?._id), 'offered'],
    ]);
  } finally {
    await context.close();
  }
}, 120_000);

test('when a phone-only expert is registered on the page, proposed, and says yes by phone, then they are engaged and no email is filed for them', async () => {
  const { employer, need } = await openTeaNeed('茶叶加工线工艺改进（电话联系专家）');
  const since = new Date();
  const { context, page } = await openPage(h.browser, h.url);
  try {
    await signIn(page);
    await page.goto('/coordinator/experts/new');
    await expectAccessible(page, 'assisted registration');
    await page.getByLabel('姓名').fill('冉茂林');
    await page.getByLabel('手机号码').fill('13900001234');
    // The county field is a search box (county-search.js): type, then choose from the list.
    await page.getByRole('combobox', { name: '现居住的区县' }).fill('黔江');
    await page.getByRole('option', { name: /^黔江区/ }).click();
    await page.getByRole('combobox', { name: '职称等级' }).selectOption('full_senior');
    await page.getByRole('combobox', { name: '职称系列' }).selectOption('agriculture');
    await page
      .getByRole('group', { name: /专业领域/ })
      .getByLabel('农业', { exact: true })
      .check();
    const skills = page.getByRole('group', { name: /专长/ });
    await skills.locator('summary', { hasText: '农业' }).click();
    await skills.getByLabel('茶叶 · 茶叶加工', { exact: true }).check();
    const modes = page.getByRole('group', { name: /愿意的服务方式/ });
    await modes.getByLabel('定期到访').check();
    await modes.getByLabel('远程咨询').check();
    await page.locator('#f-availability-windows-0-from').fill(inDays(0));
    await page.locator('#f-availability-windows-0-to').fill(inDays(400));
    await page.getByLabel(/专家已当面听取/).check();
    await page.getByRole('button', { name: '登记这位专家' }).click();
    await page.waitForURL(/\/coordinator\/experts\/[0-9a-f]{24}\?done=expertRegistered$/);
    const expertId = /experts\/([0-9a-f]{24})/.exec(page.url())?.[1] ?? '';
    await page.getByText('只有电话，没有账号').waitFor();
    await expectAccessible(page, 'new phone-only expert');
    const expert = await Expert.findById(expertId).lean();
    expect(expert).toMatchObject({
      name: '冉茂林',
      phone: '13900001234',
      residenceCounty: '500114',
      skills: [TEA],
    });
    expect(expert?.email).toBeUndefined();
    expect(await User.countDocuments({ expertId })).toBe(0);

    // Ranking is the workers' job (a new expert queues it); run here as a worker would.
    await rankNeed(h.t.ctx, need.id);
    await page.reload();
    await page.getByRole('combobox', { name: '需求' }).selectOption(need.id);
    await page.getByRole('button', { name: '推荐并发出邀请' }).click();
    await untilDone(page, `/coordinator/experts/${expertId}`, 'offerToRelay');
    await page.getByText('这位专家没有电子邮箱，请打电话转告邀请').waitFor();
    await expectAccessible(page, 'offer to relay by phone');
    const offered = await Match.findOne({ needId: need.id, expertId }).lean();
    const matchId = String(offered?._id);
    expect(offered?.status).toBe('offered');
    expect(await emailsAboutMatch(matchId)).toEqual([]);

    await page.getByRole('link', { name: '记录专家的答复' }).click();
    await page.waitForURL(`**/matches/${matchId}#record-answer`);
    await page.getByText('请打电话转告，并在下面记录专家的答复').waitFor();
    await expectAccessible(page, 'match page, offer to relay');
    await page.getByRole('radio', { name: '接受邀请' }).check();
    await expect(page.getByRole('radio', { name: '电话' }).isChecked()).resolves.toBe(true);
    await page.getByLabel('专家说的原因').fill('电话里说很乐意去');
    await page.getByRole('button', { name: '记录专家的答复' }).click();
    await untilDone(page, `/matches/${matchId}`, 'answerAccepted');
    // The answer engages them in the same step (accepted → engaged): the lifecycle has no start step of its own.
    await page.locator('.lead .status', { hasText: '服务中' }).waitFor();
    await expectAccessible(page, 'match page, engaged');

    const engaged = await Match.findById(matchId).lean();
    expect(engaged?.status).toBe('engaged');
    expect(engaged?.history.find((h) => h.to === 'accepted')).toMatchObject({
      channel: 'phone',
      byRole: 'coordinator',
    });
    const emails = await emailsAboutMatch(matchId);
    expect(emails.map((e) => [e.kind, e.to])).toEqual([['offer-accepted-employer', employer.email]]);
    // Every email filed since the need opened went to the employer: none for (or instead of) the expert.
    const filed = await OutboxEmail.find({ createdAt: { $gte: since } }).lean();
    expect(filed.map((e) => e.to)).toEqual(filed.map(() => employer.email));
  } finally {
    await context.close();
  }
}, 120_000);
