import { TEST_PASSWORD } from '../support/auth';
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
});
