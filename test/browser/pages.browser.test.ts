import { Expert } from '../../src/modules/experts/expert.model';
import { Need } from '../../src/modules/needs/need.model';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { expectAccessible, openPage, requireBrowser, screenshot } from '../support/browser';
import { browserApp } from '../support/browser-app';
import { inDays } from '../support/dates';
import { registerEmployer } from '../support/organisations.factory';

// Without a browser the file fails once, with what to install, before any test or hook runs.
requireBrowser();

const h = browserApp();

describe('an expert in the browser', () => {
  test('when signing up with consent (after a refused first try) and setting availability, then every page passes axe', async () => {
    const { context, page } = await openPage(h.browser, h.url);
    await page.goto('/');
    await expectAccessible(page, 'home');
    await screenshot(page, 'home-zh');
    await page.getByRole('link', { name: '专家注册' }).first().click();
    await page.waitForURL('**/expert/signup');
    await expectAccessible(page, 'expert sign-up');

    await page.getByLabel('姓名').fill('张桂兰');
    await page.getByRole('button', { name: '同意并注册' }).click();
    await page.waitForSelector('.error-summary');
    await expect(page.locator('#f-email-error').textContent()).resolves.toContain('请填写这一项');
    await expect(page.locator('#f-consent-accepted-error').textContent()).resolves.toContain('勾选同意');
    await expect(page.getByLabel('姓名').inputValue()).resolves.toBe('张桂兰');
    await expectAccessible(page, 'expert sign-up with errors');
    await screenshot(page, 'expert-signup-errors');

    const email = uniqueEmail('browser.expert');
    await page.getByLabel('电子邮箱').fill(email);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    // The county field is a search box (county-search.js): type, then choose from the list.
    await page.getByRole('combobox', { name: '现居住的区县' }).fill('黔江');
    await page.getByRole('option', { name: /^黔江区/ }).click();
    await page.getByLabel('职称等级').selectOption('full_senior');
    await page.getByLabel('定期到访').check();
    await page.getByLabel('我已阅读并同意').check();
    await page.getByRole('button', { name: '同意并注册' }).click();
    // sign-up answers "check your email" whether or not the address was registered, and signs nobody in
    await page.waitForURL('**/expert/signup/sent');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('请查收邮件');
    await expectAccessible(page, 'sign-up sent');
    await page.goto('/login');
    await page.getByLabel('电子邮箱').fill(email);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/expert');
    await page.goto('/expert/availability');
    await expectAccessible(page, 'availability');

    await page.locator('#f-availability-windows-0-from').fill('2026-03-01');
    await page.locator('#f-availability-windows-0-to').fill('2026-11-30');
    await page.getByLabel('每月可服务天数').fill('8');
    await page.getByLabel('可以远程服务').check();
    await screenshot(page, 'expert-availability');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL('**/expert?done=saved');
    await expect(page.getByRole('status').textContent()).resolves.toContain('已保存');
    await expectAccessible(page, 'expert home');
    await screenshot(page, 'expert-home');

    const expert = await Expert.findOne({ email }).lean();
    expect(expert?.consents[0]?.textVersion).toBe('privacy-2026-01');
    expect(expert?.availability?.windows).toEqual([{ from: '2026-03-01', to: '2026-11-30' }]);

    for (const path of ['/expert/profile', '/expert/offers', '/my-data']) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
    await screenshot(page, 'expert-my-data');
    await context.close();
  }, 60_000);
});

describe('an employer in the browser', () => {
  test('when signing in and posting a need, then the draft can be published and every page passes axe', async () => {
    const employer = await registerEmployer(h.t.app, { verified: true });
    const { context, page } = await openPage(h.browser, h.url);
    await page.goto('/login');
    await expectAccessible(page, 'login');
    await page.getByLabel('电子邮箱').fill(employer.email);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/employer');
    await expectAccessible(page, 'employer home');

    await page.getByRole('link', { name: '发布需求' }).first().click();
    await page.getByLabel('需求名称').fill('茶叶加工工艺改进');
    await page.getByLabel('所属领域').selectOption('agriculture');
    await page.getByLabel('最低职称').selectOption('associate_senior');
    await page.getByLabel('服务方式').selectOption('periodic');
    await page.getByRole('combobox', { name: '服务地点' }).fill('黔江');
    await page.getByRole('option', { name: /^黔江区/ }).click();
    await page.getByLabel('开始日期').fill('2026-09-01');
    await page.getByLabel('结束日期').fill('2026-04-01');
    await page.getByLabel('需要几位专家').fill('2');
    await page.getByRole('button', { name: '保存为草稿' }).click();
    await page.waitForSelector('#f-period-to-error');
    await expect(page.locator('#f-period-to-error').textContent()).resolves.toContain(
      '结束日期不能早于开始日期',
    );
    await expectAccessible(page, 'need form with errors');
    await screenshot(page, 'employer-need-errors');

    await page.getByLabel('结束日期').fill(inDays(300));
    await page.getByRole('button', { name: '保存为草稿' }).click();
    await page.waitForURL(/\/employer\/needs\/[a-f0-9]{24}\?done=needSaved$/);
    await expectAccessible(page, 'need detail');
    await page.getByRole('button', { name: '发布' }).click();
    await page.waitForURL(/done=need_open$/);
    await screenshot(page, 'employer-need-published');
    const id = /needs\/([a-f0-9]{24})/.exec(page.url())?.[1];
    expect((await Need.findById(id).lean())?.status).toBe('open');

    for (const path of [
      `/employer/needs/${id}/edit`,
      '/employer/organisation',
      '/employer/quota',
      '/my-data',
    ]) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
    await context.close();
  }, 60_000);
});

describe('language, phones and errors', () => {
  test('when English is chosen on a phone, then pages read in English and still pass axe, as does the 404 page', async () => {
    const { context, page } = await openPage(h.browser, h.url, { phone: true });
    await page.goto('/employer/signup');
    await expectAccessible(page, 'employer sign-up');
    await screenshot(page, 'employer-signup-phone-zh');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL('**/employer/signup');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Sign up as an employer',
    );
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForSelector('.error-summary');
    await expectAccessible(page, 'employer sign-up in English with errors');
    await screenshot(page, 'employer-signup-phone-en-errors');
    await page.goto('/');
    await screenshot(page, 'home-en-phone');
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page not found');
    await expectAccessible(page, '404');
    await context.close();
  }, 60_000);
});
