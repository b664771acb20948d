import type { Page } from 'playwright-core';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { staffUser, TEST_PASSWORD } from '../support/auth';
import { expectAccessible, openPage, requireBrowser, screenshot } from '../support/browser';
import { browserApp } from '../support/browser-app';
import { registerExpert } from '../support/experts.factory';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';

// Without a browser the file fails once, with what to install, before any test or hook runs.
requireBrowser();

const h = browserApp();

const NARROW = { width: 320, height: 640 };

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/**
 * The elements that reach past the right edge of the viewport (what makes a page scroll sideways). Run in
 * the page as source text: the tests are compiled without the DOM's types.
 */
const OVERFLOW_SCRIPT = `(() => {
  const width = document.documentElement.clientWidth;
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1)
      culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + el.className);
  }
  return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 8) };
})()`;

const overflowOf = (page: Page) =>
  page.evaluate(OVERFLOW_SCRIPT) as Promise<{ scrollWidth: number; culprits: string[] }>;

const focusedId = (page: Page) =>
  page.evaluate('document.activeElement ? document.activeElement.id : null') as Promise<string | null>;

/** Each page at 320 px: nothing wider than the screen, at the standard and the largest text size. */
async function expectNoOverflow(page: Page, paths: string[]): Promise<void> {
  const failures: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    const { scrollWidth, culprits } = await overflowOf(page);
    if (scrollWidth > NARROW.width) failures.push(`${path}: ${scrollWidth}px (${culprits.join(', ')})`);
  }
  expect(failures).toEqual([]);
}

/** An employer, an open need, and an expert offered it (with the terms and a reason). */
async function offered() {
  const employer = await registerEmployer(h.t.app, { verified: true });
  const need = await createOpenNeed(h.t.app, employer.header, {
    title: '茶园病虫害防治指导（黔江区石会镇中元村茶叶专业合作社）',
  });
  const expert = await registerExpert(h.t.app);
  await Expert.updateOne({ _id: expert.expertId }, { $set: { pendingOffers: 1 } });
  const match = await Match.create({
    needId: need.id,
    expertId: expert.expertId,
    organisationId: employer.organisationId,
    status: 'offered',
    offeredAt: new Date(),
    offerExpiresAt: new Date(Date.now() + 7 * 86_400_000),
    contributions: [
      {
        feature: 'skills',
        value: 1,
        weight: 0.4,
        points: 0.4,
        reason: { 'zh-CN': '专长完全符合', en: 'Skills match fully' },
      },
    ],
    history: [{ to: 'offered', at: new Date(), channel: 'system' }],
  });
  return { employer, need, expert, matchId: String(match._id) };
}

describe('narrow phones (320 px)', () => {
  test('when every kind of page is opened at 320 px, then none scrolls sideways, also with the largest text', async () => {
    const { employer, need, expert, matchId } = await offered();
    const coordinator = await staffUser(h.t.app, 'coordinator');
    const anonymous = [
      '/',
      '/login',
      '/expert/signup',
      '/employer/signup',
      '/forgot-password',
      '/no-such-page',
    ];
    const asExpert = [
      '/expert',
      '/expert/profile',
      '/expert/availability',
      '/expert/offers',
      `/expert/offers/${matchId}`,
      `/expert/offers/${matchId}/answer?answer=decline`,
      '/expert/services',
      '/my-data',
      '/my-data/export.html',
      '/account/password',
    ];
    const asEmployer = [
      '/employer',
      '/employer/needs/new',
      `/employer/needs/${need.id}`,
      `/employer/needs/${need.id}/edit`,
      `/employer/needs/${need.id}/cancel`,
      '/employer/organisation',
      '/employer/quota',
    ];
    const asCoordinator = [
      '/coordinator',
      '/coordinator/matches',
      `/coordinator/needs/${need.id}`,
      `/matches/${matchId}`,
      '/coordinator/batch',
      '/coordinator/experts/new',
      '/coordinator/reports',
      '/coordinator/travel-times',
      '/coordinator/my-experts',
      '/coordinator/services/requests',
      '/coordinator/apartments',
    ];
    for (const [who, paths] of [
      [undefined, anonymous],
      [expert.email, asExpert],
      [employer.email, asEmployer],
      [coordinator.email, asCoordinator],
    ] as const) {
      const { context, page } = await openPage(h.browser, h.url);
      await page.setViewportSize(NARROW);
      if (who) await signIn(page, who);
      await expectNoOverflow(page, [...paths]);
      await page.goto(`/text-size?to=larger&next=${encodeURIComponent(paths[0])}`);
      await expectNoOverflow(page, [...paths]);
      await context.close();
    }
  }, 180_000);
});

describe('forms, text size and the county search', () => {
  test('when a form is sent with errors, then the focus is on the error summary, and its link puts the cursor in the field', async () => {
    const { context, page } = await openPage(h.browser, h.url);
    await page.goto('/employer/signup');
    await page.getByRole('button', { name: '注册' }).click();
    await page.waitForSelector('#error-summary');
    await expect(focusedId(page)).resolves.toBe('error-summary');
    await expectAccessible(page, 'employer sign-up with errors');
    await page.locator('#error-summary a[href="#f-organisation-name"]').click();
    await expect(focusedId(page)).resolves.toBe('f-organisation-name');
    // The county's summary link leads to its search box, which stands in for the hidden select.
    await page.locator('#error-summary a[href="#f-organisation-county"]').click();
    await expect(focusedId(page)).resolves.toBe('f-organisation-county-search');
    await context.close();
  }, 60_000);

  test('when the largest text is chosen in the header, then the page is drawn larger, and stays so on the next page', async () => {
    const { context, page } = await openPage(h.browser, h.url);
    await page.goto('/login');
    const rootSize = () =>
      page.evaluate('getComputedStyle(document.documentElement).fontSize') as Promise<string>;
    await expect(rootSize()).resolves.toBe('20px');
    await page.getByRole('link', { name: '特大' }).click();
    await page.waitForURL('**/login');
    await expect(rootSize()).resolves.toBe('28px');
    await expect(page.getByRole('link', { name: '特大' }).getAttribute('aria-current')).resolves.toBe('true');
    await expectAccessible(page, 'login, largest text');
    await screenshot(page, 'login-largest-text');
    await page.goto('/expert/signup');
    await expect(rootSize()).resolves.toBe('28px');
    await page.getByRole('link', { name: '标准' }).click();
    await page.waitForURL('**/expert/signup');
    await expect(rootSize()).resolves.toBe('20px');
    await context.close();
  }, 60_000);

  test('when the county is typed in pinyin, then the list offers it and choosing sets the field that is sent', async () => {
    const { context, page } = await openPage(h.browser, h.url);
    await page.goto('/expert/signup');
    const county = page.getByRole('combobox', { name: '现居住的区县' });
    await county.fill('qianjiang');
    await page
      .getByRole('listbox')
      .getByRole('option', { name: /^黔江区/ })
      .waitFor();
    await expect(county.getAttribute('aria-expanded')).resolves.toBe('true');
    await expectAccessible(page, 'county search open');
    // "qianjiang" is 黔江区 (Chongqing) and 潜江市 (Hubei) alike: the list shows the province to tell them apart.
    await page
      .getByRole('listbox')
      .getByRole('option', { name: /^黔江区 .*重庆/ })
      .click();
    await expect(county.inputValue()).resolves.toBe('黔江区');
    await expect(page.locator('select[name="residenceCounty"]').inputValue()).resolves.toBe('500114');
    // By keyboard: down to the first county found, Enter to choose it
    await county.fill('jishou');
    await page
      .getByRole('listbox')
      .getByRole('option', { name: /^吉首市/ })
      .waitFor();
    await county.press('ArrowDown');
    await county.press('Enter');
    await expect(page.locator('select[name="residenceCounty"]').inputValue()).resolves.toBe('433101');
    // Chinese works too, from the page's own list
    await county.fill('恩施');
    await page
      .getByRole('listbox')
      .getByRole('option', { name: /^恩施市/ })
      .click();
    await expect(page.locator('select[name="residenceCounty"]').inputValue()).resolves.toBe('422801');
    await context.close();
  }, 60_000);
});

describe('the pages this part changed pass axe', () => {
  test('when the expert answers in the app and the employer reads the need, then every page passes axe', async () => {
    const { employer, need, expert, matchId } = await offered();
    const asExpert = await openPage(h.browser, h.url);
    await signIn(asExpert.page, expert.email);
    for (const path of ['/expert/offers', `/expert/offers/${matchId}`, '/my-data/export.html']) {
      await asExpert.page.goto(path);
      await expectAccessible(asExpert.page, path);
    }
    await asExpert.page.goto('/expert/offers');
    await asExpert.page.getByRole('link', { name: '接受邀请' }).click();
    await asExpert.page.waitForURL(/answer\?answer=accept$/);
    await expectAccessible(asExpert.page, 'accept confirmation');
    await asExpert.page.getByRole('button', { name: '确认接受' }).click();
    await asExpert.page.waitForURL('**/expert/offers?done=accepted');
    await asExpert.page.goto(`/expert/offers/${matchId}`);
    await expect(asExpert.page.getByText('用人单位联系人').count()).resolves.toBeGreaterThan(0);
    await expectAccessible(asExpert.page, 'offer accepted');
    await screenshot(asExpert.page, 'expert-offer-accepted');
    await asExpert.context.close();

    const asEmployer = await openPage(h.browser, h.url);
    await signIn(asEmployer.page, employer.email);
    for (const path of [
      `/employer/needs/${need.id}`,
      `/employer/needs/${need.id}/close`,
      '/employer/needs/new',
    ]) {
      await asEmployer.page.goto(path);
      await expectAccessible(asEmployer.page, path);
    }
    await asEmployer.context.close();
  }, 90_000);
});
