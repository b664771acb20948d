import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Express } from 'express';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Browser tests: Debian's chromium driven by playwright-core against the app on 127.0.0.1:<random>. */

export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * The browser's executable, or one Error saying what is missing and how to get it. Its stack is only
 * the message: called at the top of a browser test file, jest reports it once as "Test suite failed to
 * run" instead of a hook failure (with a stack) under every test.
 */
export function requireBrowser(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  const path = fromEnv || DEFAULT_CHROMIUM;
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    const what = fromEnv
      ? `CHROMIUM_PATH is ${path}, but no executable is there.`
      : `No Chromium at ${DEFAULT_CHROMIUM}, and CHROMIUM_PATH is not set.`;
    const err = new Error(
      `${what} The browser tests need Chromium (or Chrome) and a CJK font: install them ` +
        '(Debian/Ubuntu: `apt-get install chromium fonts-wqy-microhei`), or set CHROMIUM_PATH to the ' +
        'executable (macOS: "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"; ' +
        'GitHub ubuntu runners: /usr/bin/google-chrome).',
    );
    err.stack = `Error: ${err.message}`;
    throw err;
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireBrowser(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Listens on a free port of 127.0.0.1 in this process; close() stops it. */
export async function listen(app: Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh context (its own cookies) and page; a phone-sized one with `phone: true`. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: options.phone ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

/** A full-page PNG in test-artifacts/screenshots/<name>.png (gitignored), for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

let axeSource: string | undefined;

/**
 * Runs axe-core in the page with every rule it has (none disabled) and returns the violations.
 * The pages' CSP (script-src 'self') refuses an injected <script> (page.addScriptTag), and it should
 * stay on while testing; evaluating the source through the DevTools protocol is not subject to it.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  // resultTypes: ['violations'] keeps every rule and every violating node, but stops axe from
  // collecting each passing node (3–4× faster on the long county and skill lists).
  const violations = await page.evaluate(async () => {
    type Axe = {
      run: (context: unknown, options: { resultTypes: string[] }) => Promise<{ violations: unknown[] }>;
    };
    const { axe, document } = globalThis as unknown as { axe: Axe; document: unknown };
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return (violations as AxeViolation[]).map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
  }));
}

/** Fails with a readable list of what axe found on this page. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  const summary = violations.map(
    (v) =>
      `${label} ${page.url()}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  if (summary.length > 0) throw new Error(`axe found violations:\n${summary.join('\n')}`);
}
