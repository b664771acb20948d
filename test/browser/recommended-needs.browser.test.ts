import type { Page } from 'playwright-core';
import { rankNeed } from '../../src/modules/ranking/ranking.service';
import { staffUser, TEST_PASSWORD } from '../support/auth';
import { expectAccessible, openPage, requireBrowser, screenshot } from '../support/browser';
import { browserApp } from '../support/browser-app';
import { registerExpert } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

// Without a browser the file fails once, with what to install, before any test or hook runs.
requireBrowser();

const h = browserApp();

test('when an expert finds a need on their home page and opens it, then every page on the way is accessible (axe), on a phone too', async () => {
  const [employer, expert] = await Promise.all([
    registerEmployer(h.t.app, { verified: true }),
    registerExpert(h.t.app),
  ]);
  await createOpenNeed(h.t.app, employer.header, {
    title: '黔江心内科驻点指导',
    field: 'health',
    mustHaveSkills: ['health.cardiology.arrhythmia'],
    niceToHaveSkills: [],
    mode: 'onsite',
  });
  for (const phone of [false, true]) {
    const { context, page } = await openPage(h.browser, h.url, { phone });
    await page.goto('/login');
    await page.getByLabel('电子邮箱').fill(expert.email);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto('/expert');
    await expectAccessible(page, 'expert home');
    await page.getByRole('link', { name: '黔江心内科驻点指导' }).first().click();
    await page.getByRole('heading', { name: '为什么适合您' }).waitFor();
    await expectAccessible(page, 'recommended need');
    if (!phone) await screenshot(page, 'recommended-need');
    await page.goto('/expert/recommended?mode=onsite');
    await expectAccessible(page, 'recommended list');
    await context.close();
  }
}, 60_000);

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

test('when an expert shows interest in a need from their home page, then the coordinator sees them marked first in its candidate list and proposes them from it', async () => {
  const [employer, keen, other, coordinator] = await Promise.all([
    registerEmployer(h.t.app, { verified: true }),
    // fewer years than the other expert: without the interest they would be listed below
    registerExpert(h.t.app, { name: '冉意向', yearsOfExperience: 5 }),
    registerExpert(h.t.app, { name: '龚资深', yearsOfExperience: 40 }),
    staffUser(h.t.app, 'coordinator'),
  ]);
  const need = await createOpenNeed(h.t.app, employer.header, {
    title: '黔江心律失常专科共建',
    field: 'health',
    mustHaveSkills: ['health.cardiology.arrhythmia'],
    niceToHaveSkills: [],
    mode: 'onsite',
  });
  expect(other.expertId).not.toBe(keen.expertId);

  const expert = await openPage(h.browser, h.url);
  await signIn(expert.page, keen.email);
  await expert.page.goto('/expert');
  await expert.page.getByRole('link', { name: '黔江心律失常专科共建' }).first().click();
  await expert.page.getByLabel('给工作人员的留言').fill('下个月起每周可驻点两天。');
  await expert.page.getByRole('button', { name: '我有意向' }).click();
  await expert.page.getByText('已记下您的意向').waitFor();
  await expert.page.getByRole('button', { name: '撤回意向' }).waitFor();
  await expectAccessible(expert.page, 'interest shown');
  await expert.page.goto('/expert');
  const item = expert.page.locator('li', { hasText: '黔江心律失常专科共建' }).first();
  await item.getByText('有意向', { exact: true }).waitFor();
  await expert.context.close();

  // the interest queued a ranking; this app runs no workers, so rank the need here
  await rankNeed(h.t.ctx, need.id);
  const office = await openPage(h.browser, h.url);
  await signIn(office.page, coordinator.email);
  await office.page.goto(`/coordinator/needs/${need.id}`);
  const first = office.page.locator('article.candidate').first();
  await first.getByRole('heading', { name: /冉意向/ }).waitFor();
  await first.getByText('有意向', { exact: true }).waitFor();
  await first.getByText('下个月起每周可驻点两天。').waitFor();
  await expectAccessible(office.page, 'need page with an interested candidate');
  await screenshot(office.page, 'coordinator-need-interested');
  await first.getByRole('button', { name: '确认这位专家并发出邀请' }).click();
  await office.page.waitForURL(/done=/);
  expect(await office.page.locator('article.candidate').first().locator('a.status').count()).toBe(1);
  await office.context.close();
}, 60_000);
