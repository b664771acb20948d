import type { Page } from 'playwright-core';
import { createUser } from '../../src/modules/accounts/users.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { expectAccessible, openPage, requireBrowser } from '../support/browser';
import { browserApp } from '../support/browser-app';
import { registerEmployer } from '../support/organisations.factory';

// Without a browser the file fails once, with what to install, before any test or hook runs.
requireBrowser();

let adminEmail: string;
const h = browserApp(async (_t) => {
  adminEmail = uniqueEmail('admin');
  await createUser({ email: adminEmail, password: TEST_PASSWORD, role: 'admin', displayName: '管理员 周' });
});

async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

test('when an admin creates a coordinator in the browser, then the coordinator sets a password from the welcome email and signs in', async () => {
  const admin = await openPage(h.browser, h.url);
  const email = uniqueEmail('coordinator');
  try {
    await signIn(admin.page, adminEmail);
    await admin.page.goto('/admin/staff');
    await expectAccessible(admin.page, 'staff list');
    await admin.page.getByRole('link', { name: '开通新账号' }).click();
    await admin.page.waitForURL('**/admin/staff/new');
    await expectAccessible(admin.page, 'new staff form');

    // a first try without a role: the errors are beside the fields, and the page stays accessible
    await admin.page.getByLabel('姓名').fill('王芳');
    await admin.page.getByRole('button', { name: '开通账号并发送欢迎邮件' }).click();
    await admin.page.locator('#error-summary').waitFor();
    await expectAccessible(admin.page, 'new staff form with errors');

    await admin.page.getByLabel('电子邮箱').fill(email);
    await admin.page.getByRole('radio', { name: '协调员' }).check();
    await admin.page.getByRole('button', { name: '开通账号并发送欢迎邮件' }).click();
    await admin.page.waitForURL('**/admin/staff?done=staffCreated');
    await admin.page.getByText(email).waitFor();
  } finally {
    await admin.context.close();
  }

  const mail = await OutboxEmail.findOne({ kind: 'staff-welcome', to: email }).lean();
  if (!mail) throw new Error('no welcome email in the outbox');
  const link = new URL((mail.data as Record<string, string>).setPasswordUrl);
  const newcomer = await openPage(h.browser, h.url);
  try {
    await newcomer.page.goto(`${link.pathname}${link.search}`);
    await newcomer.page.getByRole('heading', { name: '欢迎！请设置您的登录密码' }).waitFor();
    await expectAccessible(newcomer.page, 'welcome page');
    await newcomer.page.getByLabel('密码').fill('my own new password');
    await newcomer.page.getByRole('button', { name: '设置密码' }).click();
    await newcomer.page.waitForURL('**/login?done=welcomeDone');
    await signIn(newcomer.page, email, 'my own new password');
    await newcomer.page.goto('/coordinator/liaisons');
    await newcomer.page.getByText('已登录：王芳').waitFor();

    // the link is spent: opened again, it says so in plain words
    await newcomer.page.goto(`${link.pathname}${link.search}`);
    await newcomer.page.getByText('这个链接已经用过了').waitFor();
    await expectAccessible(newcomer.page, 'used welcome link');
  } finally {
    await newcomer.context.close();
  }
}, 90_000);

test('when an admin grants a quota in the browser, then the ledger shows it in words', async () => {
  const employer = await registerEmployer(h.t.app, { verified: true });
  const admin = await openPage(h.browser, h.url);
  try {
    await signIn(admin.page, adminEmail);
    await admin.page.goto('/admin/quotas');
    await expectAccessible(admin.page, 'quota overview');
    await admin.page.getByRole('combobox', { name: '单位' }).selectOption(employer.organisationId);
    await admin.page.getByLabel('全年名额（个）').fill('4');
    await admin.page.getByRole('button', { name: '分配名额' }).click();
    await admin.page.waitForURL(`**/admin/quotas/${employer.organisationId}?**`);
    await admin.page.getByText('管理员 管理员 周：分配了 4 个名额').waitFor();
    await expectAccessible(admin.page, 'quota ledger');
  } finally {
    await admin.context.close();
  }
}, 60_000);

test('when the admin pages are read on a 320 px wide screen, then nothing runs off the side', async () => {
  const employer = await registerEmployer(h.t.app, { verified: true });
  const admin = await openPage(h.browser, h.url);
  try {
    await signIn(admin.page, adminEmail);
    await admin.page.setViewportSize({ width: 320, height: 700 });
    for (const path of [
      '/admin/staff',
      '/admin/staff/new',
      '/admin/quotas',
      `/admin/quotas/${employer.organisationId}`,
    ]) {
      await admin.page.goto(path);
      const width = await admin.page.evaluate('document.documentElement.scrollWidth');
      expect([path, width]).toEqual([path, 320]);
    }
  } finally {
    await admin.context.close();
  }
}, 60_000);
