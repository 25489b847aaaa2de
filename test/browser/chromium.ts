// Headless Debian Chromium driven by playwright-core (no downloaded browser); screenshots go to
// test/artifacts/, which CI keeps and git ignores.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { password, type Person } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';

export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * A live app (dev server, worker, API) and Chromium for the tests of one file or describe block,
 * started before them and closed after; read them inside tests.
 */
/** Opens `path` signed out, signs in on the login page it is sent to, and lands back on `path`. */
export async function signInThrough(page: Page, baseUrl: string, path: string, who: Person): Promise<Page> {
  await page.goto(baseUrl + path);
  await page.waitForURL(/\/login\?next=/);
  await page.fill('input[name=name]', who);
  await page.fill('input[name=password]', password(who));
  await page.click('button[type=submit]');
  await page.waitForURL((url) => url.pathname === path);
  return page;
}

/** `opts`: the app's, as startLiveApp takes them (a policy of the test's own, say) */
export function useAppAndBrowser(opts?: Parameters<typeof startLiveApp>[0]): { app: () => LiveApp; browser: () => Browser } {
  let app: LiveApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startLiveApp(opts), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.teardown();
  });
  return { app: () => app!, browser: () => browser! };
}
