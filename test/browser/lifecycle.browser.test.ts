import type { Page } from 'playwright-core';
import request from 'supertest';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Match } from '../../src/modules/matches/match.model';
import { ERASURE_REASON } from '../../src/modules/matches/match-workflow.service';
import { Need } from '../../src/modules/needs/need.model';
import { CandidateSnapshot } from '../../src/modules/ranking/candidate-snapshot.model';
import { MATCHING_QUEUE, type MatchingJobData } from '../../src/modules/ranking/ranking.jobs';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { processMatchingJob } from '../../workers/processors/ranking.processor';
import { type SignedIn, staffUser, TEST_PASSWORD } from '../support/auth';
import { expectAccessible, openPage, requireBrowser } from '../support/browser';
import { browserApp } from '../support/browser-app';
import { createExpertAs, registerExpert } from '../support/experts.factory';
import { mentions, uniquePerson } from '../support/mentions';
import { createOpenNeed } from '../support/needs.factory';
import { type Employer, registerEmployer } from '../support/organisations.factory';

/**
 * The ends of an engagement the expert chooses, in the browser: deleting their data while serving, and
 * stepping back with a reason. Either way the match ends through the lifecycle, the employer and the
 * coordinator are told, the need goes to the next candidate, and the employer's page says so.
 */

// Without a browser the file fails once, with what to install, before any test or hook runs.
requireBrowser();

let coordinator: SignedIn;
const h = browserApp(async (t) => {
  coordinator = await staffUser(t.app, 'coordinator');
});

const TEA = {
  fields: ['agriculture'],
  skills: ['agriculture.tea.processing'],
  title: { level: 'full_senior', series: 'agriculture' },
  modes: ['onsite', 'periodic', 'remote'],
};

async function ok(res: request.Response, status = 200) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A need of one place with at least two ranked candidates: the expert is proposed, confirmed and
 * accepts (so serves); another is there to take the place when it comes free.
 */
async function serving(employer: Employer, expert: { expertId: string; auth: SignedIn }, nextName: string) {
  const nextId = await createExpertAs(h.t.app, coordinator, { ...TEA, name: nextName });
  const need = await createOpenNeed(h.t.app, employer.header, { expertsWanted: 1, employerApproval: false });
  await rankNeed(h.t.ctx, need.id);
  const ranked = (await CandidateSnapshot.findOne({ needId: need.id }).lean())?.candidates ?? [];
  expect(ranked.map((c) => String(c.expertId))).toEqual(expect.arrayContaining([expert.expertId, nextId]));
  const api = () => request(h.t.app);
  const proposed = await ok(
    await api()
      .post(`/api/v1/needs/${need.id}/matches`)
      .set(coordinator.header)
      .send({ expertId: expert.expertId }),
    201,
  );
  await ok(await api().post(`/api/v1/matches/${proposed.id}/confirm`).set(coordinator.header));
  const engaged = await ok(
    await api()
      .post(`/api/v1/matches/${proposed.id}/answer`)
      .set(expert.auth.header)
      .send({ answer: 'accept' }),
  );
  expect(engaged.status).toBe('engaged');
  return { needId: need.id, needTitle: need.title as string, matchId: proposed.id as string };
}

async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

const menu = (page: Page) => page.getByRole('navigation', { name: '主菜单' });

/** The employer opens the need from their home page, as they would. */
async function openNeedAsEmployer(page: Page, needId: string, title: string) {
  await page.goto('/employer');
  await page.getByRole('link', { name: title }).click();
  await page.waitForURL(`**/employer/needs/${needId}`);
}

/**
 * The re-routing the match's end queued (one rank job for the need, with `reroute`), run by the
 * worker's own processor: the need's one open place goes to a ranked candidate not yet tried (the
 * best of them, which may be an expert of an earlier test: they share the skills).
 */
async function rerouted(needId: string, leftBy: string): Promise<void> {
  const queue = h.t.ctx.queues.get<MatchingJobData>(MATCHING_QUEUE);
  const jobs = (await queue.getJobs(['waiting', 'delayed'])).filter(
    (j) => j?.data.kind === 'rank' && j.data.needId === needId && j.data.reroute === true,
  );
  expect(jobs).toHaveLength(1);
  const [job] = jobs;
  await expect(processMatchingJob(h.t.ctx, job)).resolves.toMatch(/proposed 1$/);
  await job.remove();
  const proposals = await Match.find({ needId, status: 'proposed' }).lean();
  expect(proposals).toHaveLength(1);
  const [next] = proposals;
  expect(next.history[0]).toMatchObject({ to: 'proposed', byRole: 'system', reason: 'next best candidate' });
  expect(String(next.expertId)).not.toBe(leftBy);
}

/** The emails about the match's end, as "<kind> <to>", and their rows. */
async function endEmails(matchId: string) {
  const rows = await OutboxEmail.find({ kind: /^match-withdrawn/, 'related.id': matchId }).lean();
  return { told: rows.map((m) => `${m.kind} ${m.to}`).sort(), rows };
}

test('when an expert is erased while engaged, then the match is cancelled with history, the need is re-routed, the employer and coordinator are told without a name, and nobody is left holding their data', async () => {
  const who = uniquePerson();
  const employer = await registerEmployer(h.t.app, { verified: true });
  const expert = await registerExpert(h.t.app, { ...TEA, ...who });
  const s = await serving(employer, expert, '田秀英');

  const boss = await openPage(h.browser, h.url);
  const person = await openPage(h.browser, h.url);
  try {
    // while the expert serves, the employer sees them by name, with their phone
    await signIn(boss.page, employer.email);
    await openNeedAsEmployer(boss.page, s.needId, s.needTitle);
    await boss.page
      .getByRole('article', { name: new RegExp(who.name) })
      .getByText(who.phone)
      .waitFor();
    await expectAccessible(boss.page, 'need page while engaged');

    await signIn(person.page, who.email);
    await menu(person.page).getByRole('link', { name: '我的数据' }).click();
    await person.page.waitForURL('**/my-data');
    await expectAccessible(person.page, 'my data');

    // without the confirmation nothing is deleted, and the page says why
    await person.page.getByRole('button', { name: '删除我的数据' }).click();
    await person.page.locator('#error-summary').waitFor();
    await expectAccessible(person.page, 'my data without confirmation');
    expect((await Match.findById(s.matchId).lean())?.status).toBe('engaged');

    await person.page.getByLabel('我明白删除后不能恢复，确定删除我的数据').check();
    await person.page.getByRole('button', { name: '删除我的数据' }).click();
    await person.page.waitForURL('**/?done=deleted');
    await person.page.getByText('您的数据已删除，账号已停用。').waitFor();
    await expectAccessible(person.page, 'home after deletion');

    const match = await Match.findById(s.matchId).lean();
    expect(match?.status).toBe('cancelled');
    expect(match?.history.map((h) => h.to)).toEqual([
      'proposed',
      'confirmed',
      'offered',
      'accepted',
      'engaged',
      'cancelled',
    ]);
    expect(match?.history.at(-1)).toMatchObject({ from: 'engaged', to: 'cancelled', reason: ERASURE_REASON });
    expect(await Need.findById(s.needId).lean()).toMatchObject({ filledCount: 0, status: 'matching' });
    const listed = (await CandidateSnapshot.findOne({ needId: s.needId }).lean())?.candidates ?? [];
    expect(listed.map((c) => String(c.expertId))).not.toContain(expert.expertId);

    await rerouted(s.needId, expert.expertId);

    const { told, rows } = await endEmails(s.matchId);
    expect(told).toEqual(
      [
        `match-withdrawn-coordinator ${coordinator.email}`,
        `match-withdrawn-employer ${employer.email}`,
      ].sort(),
    );
    for (const m of rows) {
      expect(m.data).toMatchObject({ erased: true });
      expect(m.data).not.toHaveProperty('expertName');
      expect(m.data).not.toHaveProperty('reason');
    }
    expect(await mentions([who.name, who.email, who.phone])).toEqual([]);

    // the employer's page keeps the cancelled place, naming nobody
    await boss.page.reload();
    await boss.page.getByRole('article', { name: /已注销用户\s*已取消/ }).waitFor();
    const seen = await boss.page.content();
    for (const text of [who.name, who.email, who.phone]) expect(seen).not.toContain(text);
    await expectAccessible(boss.page, 'need page after the erasure');
  } finally {
    await person.context.close();
    await boss.context.close();
  }
}, 120_000);

test('when an engaged expert withdraws in the browser with a reason, then the match is withdrawn with it, the employer and coordinator are told, the need is re-routed and the employer sees the withdrawal', async () => {
  const employer = await registerEmployer(h.t.app, { verified: true });
  const expert = await registerExpert(h.t.app, { ...TEA, name: '冉茂林' });
  const s = await serving(employer, expert, '彭志远');
  const reason = '老伴住院，需要照顾，不能继续了';

  const person = await openPage(h.browser, h.url);
  try {
    await signIn(person.page, expert.email);
    await menu(person.page).getByRole('link', { name: '我的邀请' }).click();
    await person.page.waitForURL('**/expert/offers');
    await expectAccessible(person.page, 'my offers');
    await person.page.getByRole('link', { name: s.needTitle }).click();
    await person.page.waitForURL(`**/expert/offers/${s.matchId}`);
    await expectAccessible(person.page, 'my engagement');
    await person.page.getByRole('link', { name: '退出这项服务' }).click();
    await person.page.waitForURL(`**/expert/offers/${s.matchId}/withdraw`);
    await expectAccessible(person.page, 'withdrawal form');

    // a confirmation without a reason is refused beside the field, and nothing changes
    await person.page.getByRole('button', { name: '确认退出' }).click();
    await person.page.locator('#error-summary').waitFor();
    await expectAccessible(person.page, 'withdrawal form without a reason');
    expect((await Match.findById(s.matchId).lean())?.status).toBe('engaged');

    await person.page.getByRole('textbox', { name: /原因/ }).fill(reason);
    await person.page.getByRole('button', { name: '确认退出' }).click();
    await person.page.waitForURL('**/expert/offers?done=matchWithdrawn');
    await person.page.getByText('您已退出这项服务，用人单位和工作人员已收到通知。').waitFor();
    await person.page.getByRole('article', { name: new RegExp(`${s.needTitle}\\s*专家已退出`) }).waitFor();
    await expectAccessible(person.page, 'my offers after withdrawing');
  } finally {
    await person.context.close();
  }

  const match = await Match.findById(s.matchId).lean();
  expect(match?.status).toBe('withdrawn');
  expect(match?.history.at(-1)).toMatchObject({
    from: 'engaged',
    to: 'withdrawn',
    byRole: 'expert',
    channel: 'web',
    reason,
  });
  expect(await Need.findById(s.needId).lean()).toMatchObject({ filledCount: 0, status: 'matching' });

  const { told, rows } = await endEmails(s.matchId);
  expect(told).toEqual(
    [`match-withdrawn-coordinator ${coordinator.email}`, `match-withdrawn-employer ${employer.email}`].sort(),
  );
  for (const m of rows) expect(m.data).toMatchObject({ erased: false, expertName: '冉茂林', reason });

  await rerouted(s.needId, expert.expertId);

  const boss = await openPage(h.browser, h.url);
  try {
    await signIn(boss.page, employer.email);
    await openNeedAsEmployer(boss.page, s.needId, s.needTitle);
    await boss.page.getByRole('article', { name: /冉茂林\s*专家已退出/ }).waitFor();
    await boss.page.getByText('0 / 1').waitFor();
    await expectAccessible(boss.page, 'need page after the withdrawal');
  } finally {
    await boss.context.close();
  }
}, 120_000);
