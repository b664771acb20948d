import type { Server } from 'node:http';
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { User } from '../../src/modules/accounts/user.model';
import { createUser } from '../../src/modules/accounts/users.service';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';
import { launchBrowser, openPage, requireBrowser } from '../support/browser';

// Without a browser the file fails once, with what to install, before any test or hook runs.
requireBrowser();

let t: TestApp;
let server: Server;
let baseUrl: string;
let browser: Browser;

/** A port free right now: the OpenAPI document names the server, so PUBLIC_URL must be known before listening. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  t = await startTestApp({ LOGIN_MAX_PER_IP: '1000', PUBLIC_URL: baseUrl });
  server = await new Promise<Server>((resolve, reject) => {
    const s = t.app.listen(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

test('when a signed-in admin uses "Try it out" in /docs to create a coordinator, then the request passes the CSRF check', async () => {
  const adminEmail = uniqueEmail('admin');
  await createUser({ email: adminEmail, password: TEST_PASSWORD, role: 'admin', displayName: '管理员 文档' });
  const { context, page } = await openPage(browser, baseUrl);
  try {
    await page.goto('/login');
    await page.getByLabel('电子邮箱').fill(adminEmail);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');

    await page.goto('/docs/');
    const operation = page.locator('#operations-Administration-post_api_v1_admin_users');
    // Swagger UI renders the whole document first, which takes a while on a busy machine
    await operation.waitFor({ timeout: 30_000 });
    await operation.locator('.opblock-summary-control').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    const invited = uniqueEmail('docs');
    await operation
      .locator('textarea.body-param__text')
      .fill(JSON.stringify({ email: invited, role: 'coordinator', displayName: '文档 试用' }));
    await operation.getByRole('button', { name: 'Execute' }).click();
    const status = operation.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe('201');
    expect(await User.exists({ email: invited, role: 'coordinator' })).not.toBeNull();
  } finally {
    await context.close();
  }
}, 60_000);
