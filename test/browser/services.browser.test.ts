import type { Page } from 'playwright-core';
import request from 'supertest';
import { createUser } from '../../src/modules/accounts/users.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { seedCatalogue } from '../../src/modules/services/catalogue.service';
import { ServiceRequest } from '../../src/modules/services/service-request.model';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { expectAccessible, openPage, requireBrowser, screenshot } from '../support/browser';
import { browserApp } from '../support/browser-app';
import { createMatch, type RegisteredExpert, registerExpert } from '../support/experts.factory';
import { registerEmployer } from '../support/organisations.factory';

// Without a browser the file fails once, with what to install, before any test or hook runs.
requireBrowser();

let housingEmail: string;
const h = browserApp(async (_t) => {
  await seedCatalogue();
  housingEmail = uniqueEmail('housing');
  await createUser({
    email: housingEmail,
    password: TEST_PASSWORD,
    role: 'service_unit',
    unitCode: 'housing',
    displayName: '住建委 人才公寓 经办人',
  });
});

/** An expert serving an employer (engaged), as the talent services are meant for. */
async function engagedExpert(name: string): Promise<RegisteredExpert> {
  const expert = await registerExpert(h.t.app, { name });
  const employer = await registerEmployer(h.t.app, { verified: true });
  await createMatch(expert.expertId, employer.organisationId, 'engaged');
  return expert;
}

async function signIn(page: Page, email: string, landing: string) {
  await page.goto('/login');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`**${landing}`);
}

/** The expert's path from the home page to a filled-in talent-apartment form. */
async function fillApartmentForm(page: Page, facts: { arrival: string; months: string; occupants: string }) {
  await page.getByRole('link', { name: /人才服务申请/ }).click();
  await page.waitForURL('**/expert/services');
  await page.getByRole('link', { name: '申请一项新服务' }).click();
  await page.waitForURL('**/expert/services/new');
  await page.getByRole('link', { name: '人才公寓入住' }).click();
  await page.waitForURL('**/expert/services/new?service=talent-apartment');
  await page.getByLabel('入住日期').fill(facts.arrival);
  await page.getByLabel('预计居住月数').fill(facts.months);
  await page.getByLabel('入住人数').fill(facts.occupants);
  await page
    .getByRole('group', { name: /是否需要电梯楼层/ })
    .getByLabel('需要', { exact: true })
    .check();
}

/** Submits the form; returns the new request's id. */
async function submitRequest(page: Page): Promise<string> {
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.waitForURL(/\/expert\/services\/[a-f0-9]{24}\?done=svcFiled$/);
  return /services\/([a-f0-9]{24})/.exec(page.url())?.[1] as string;
}

/** A day some weeks ahead (arrival dates are in the future whenever the test runs). */
const daysAhead = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The card of the request on its page (a region named by the service). */
const requestCard = (page: Page) => page.getByRole('region', { name: '人才公寓入住' });

const expertEmails = async (expert: RegisteredExpert, id: string) =>
  (await OutboxEmail.find({ to: expert.email.toLowerCase(), 'related.id': id }).sort({ _id: 1 }).lean()).map(
    (e) => e.kind,
  );

describe('the talent-service desk in the browser', () => {
  test('when an engaged expert files a housing request, then the housing unit accepts, starts and completes it from its queue, and the expert rates it; the expert is emailed at each step', async () => {
    const expert = await engagedExpert('谭淑芬');
    const other = await engagedExpert('冉国华');
    const health = await request(h.t.app)
      .post('/api/v1/service-requests')
      .set(other.auth.header)
      .send({
        serviceCode: 'annual-health-check',
        facts: { preferredDate: daysAhead(20), hospital: 'central' },
      });
    expect(health.status).toBe(201);

    const asExpert = await openPage(h.browser, h.url);
    const me = asExpert.page;
    await signIn(me, expert.email, '/expert');
    const arrival = daysAhead(30);
    await fillApartmentForm(me, { arrival, months: '6', occupants: '2' });
    await expectAccessible(me, 'service form');
    await screenshot(me, 'services-expert-form');
    const id = await submitRequest(me);

    const stored = await ServiceRequest.findById(id).lean();
    expect(stored).toMatchObject({
      unitCode: 'housing',
      status: 'submitted',
      facts: { arrivalDate: arrival, months: 6, occupants: 2, needsLift: 'yes' },
    });
    await expect(me.getByRole('status').textContent()).resolves.toContain('申请已提交');
    const filed = (await requestCard(me).textContent()) ?? '';
    expect(filed).toContain('已提交');
    expect(filed).toContain(String(stored?.dueDay));
    expect(filed).toContain('黔江区住房和城乡建设委员会');
    await expectAccessible(me, 'request page (expert, submitted)');
    await screenshot(me, 'services-expert-submitted');
    expect(await expertEmails(expert, id)).toEqual(['service-request-received']);

    const asUnit = await openPage(h.browser, h.url);
    const unit = asUnit.page;
    await signIn(unit, housingEmail, '/unit/services');
    const queue = unit.getByRole('table', { name: '服务申请待办' });
    const row = queue.getByRole('row').filter({ hasText: '谭淑芬' });
    await expect(row.count()).resolves.toBe(1);
    await expect(row.textContent()).resolves.toContain('已提交');
    await expect(queue.getByRole('row').filter({ hasText: '冉国华' }).count()).resolves.toBe(0);
    await expect(queue.getByRole('link', { name: '年度健康体检' }).count()).resolves.toBe(0);
    await expectAccessible(unit, 'unit queue');
    await screenshot(unit, 'services-unit-queue');

    await row.getByRole('link', { name: '人才公寓入住' }).click();
    await unit.waitForURL(`**/unit/requests/${id}`);
    const facts = (await requestCard(unit).textContent()) ?? '';
    expect(facts).toContain('谭淑芬');
    expect(facts).toContain(arrival);
    // the choice as the form put it, not its stored value
    await expect(
      requestCard(unit)
        .getByRole('definition')
        .filter({ hasText: /^需要$/ })
        .count(),
    ).resolves.toBe(1);
    await expectAccessible(unit, 'request page (unit)');
    await screenshot(unit, 'services-unit-request');

    const steps: Array<[button: string, status: string, email: string]> = [
      ['受理', '已受理', 'service-request-accepted'],
      ['开始办理', '办理中', 'service-request-in-progress'],
      ['办结', '已办结', 'service-request-done'],
    ];
    for (const [button, status, email] of steps) {
      await unit.getByRole('button', { name: button, exact: true }).click();
      await unit.waitForURL(`**/unit/requests/${id}?done=svcSaved`);
      await expect(unit.getByRole('status').textContent()).resolves.toContain('已保存');
      await expect(requestCard(unit).textContent()).resolves.toContain(status);
      expect(await expertEmails(expert, id)).toContain(email);
    }
    await expect(unit.getByRole('button', { name: '办结', exact: true }).count()).resolves.toBe(0);
    await asUnit.context.close();

    // The expert follows the link in the email that says it is done.
    const done = await OutboxEmail.findOne({ kind: 'service-request-done', 'related.id': id }).lean();
    const link = new URL(String((done?.data as { requestUrl?: string } | undefined)?.requestUrl));
    await me.goto(link.pathname);
    await expect(requestCard(me).textContent()).resolves.toContain('已办结');
    const rate = me.getByRole('region', { name: '评价这项服务' });
    await rate.getByRole('group', { name: /评分/ }).getByLabel('5 分：非常满意').check();
    await rate.getByRole('textbox', { name: /^评价/ }).fill('房间干净，安排得很周到');
    await expectAccessible(me, 'request page (expert, rating)');
    await screenshot(me, 'services-expert-rating');
    await rate.getByRole('button', { name: '评价这项服务' }).click();
    await me.waitForURL(`**/expert/services/${id}?done=svcRated`);
    await expect(me.getByRole('status').textContent()).resolves.toContain('谢谢您的评价');
    const rated = (await requestCard(me).textContent()) ?? '';
    expect(rated).toContain('5 分（满分 5 分）');
    expect(rated).toContain('房间干净，安排得很周到');
    await expect(me.getByRole('button', { name: '评价这项服务' }).count()).resolves.toBe(0);
    await screenshot(me, 'services-expert-rated');
    await asExpert.context.close();

    expect(await expertEmails(expert, id)).toEqual([
      'service-request-received',
      'service-request-accepted',
      'service-request-in-progress',
      'service-request-done',
    ]);
    expect((await ServiceRequest.findById(id).lean())?.rating).toMatchObject({ score: 5 });
  }, 60_000);

  test('when the unit refuses a request with a reason, then the expert sees the reason on the request and in an email', async () => {
    const expert = await engagedExpert('向春梅');
    const asExpert = await openPage(h.browser, h.url);
    const me = asExpert.page;
    await signIn(me, expert.email, '/expert');
    await fillApartmentForm(me, { arrival: daysAhead(40), months: '3', occupants: '1' });
    const id = await submitRequest(me);

    const asUnit = await openPage(h.browser, h.url);
    const unit = asUnit.page;
    await signIn(unit, housingEmail, '/unit/services');
    const row = unit
      .getByRole('table', { name: '服务申请待办' })
      .getByRole('row')
      .filter({ hasText: '向春梅' });
    await row.getByRole('link', { name: '人才公寓入住' }).click();
    await unit.waitForURL(`**/unit/requests/${id}`);
    const refuse = unit.getByRole('region', { name: '不予办理' });
    await refuse.getByRole('button', { name: '不予办理' }).click();
    await unit.waitForSelector('.error-summary');
    await expect(refuse.getByLabel('原因').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(unit, 'refusal without a reason');
    expect((await ServiceRequest.findById(id).lean())?.status).toBe('submitted');

    await refuse.getByLabel('原因').fill('入住期间公寓已满，已为您登记候补');
    await refuse.getByRole('button', { name: '不予办理' }).click();
    await unit.waitForURL(`**/unit/requests/${id}?done=svcRefused`);
    await expect(unit.getByRole('status').textContent()).resolves.toContain('已记录不予办理');
    await screenshot(unit, 'services-unit-refused');
    await asUnit.context.close();

    await me.goto(`/expert/services/${id}`);
    const card = (await requestCard(me).textContent()) ?? '';
    expect(card).toContain('不予办理');
    expect(card).toContain('入住期间公寓已满，已为您登记候补');
    await expect(me.getByRole('region', { name: '撤回申请' }).count()).resolves.toBe(0);
    await screenshot(me, 'services-expert-refused');
    await asExpert.context.close();

    const refused = await OutboxEmail.findOne({
      to: expert.email.toLowerCase(),
      kind: 'service-request-refused',
      'related.id': id,
    }).lean();
    expect(refused?.data).toMatchObject({ reason: '入住期间公寓已满，已为您登记候补' });
  }, 60_000);
});
