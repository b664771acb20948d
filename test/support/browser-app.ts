import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from './app';
import { launchBrowser, listen } from './browser';

/** A browser test file's app, listening on 127.0.0.1, and its Chromium; read inside tests and hooks. */
export interface BrowserApp {
  readonly t: TestApp;
  /** The app's base URL (openPage's baseURL). */
  readonly url: string;
  readonly browser: Browser;
}

/**
 * The start-up every browser test file shares: a test app (its own database; sign-ins unthrottled),
 * listening on a free port, and one Chromium for the file, closed in reverse order after the last
 * test. `setup` runs before the app listens (seed users, the catalogue). Registers the hooks; call it
 * at the top level of the file.
 */
export function browserApp(setup?: (t: TestApp) => Promise<void>): BrowserApp {
  let t: TestApp | undefined;
  let server: Awaited<ReturnType<typeof listen>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_PER_IP: '1000' });
    await setup?.(t);
    server = await listen(t.app);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The browser app is read before its beforeAll ran.');
    return value;
  };
  return {
    get t() {
      return started(t);
    },
    get url() {
      return started(server).url;
    },
    get browser() {
      return started(browser);
    },
  };
}
