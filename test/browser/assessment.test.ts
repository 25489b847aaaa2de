// The 考核 page in headless Chromium against the real API and Temporal, over archived incidents of
// known outcomes: linked in the header for those who may read it, the department and person tables
// show the month's figures, and the download link serves the .xlsx of the period picked.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { putArchivedJune } from '../helpers/assessment-archive';
import { launchChromium, screenshot, signInThrough } from './chromium';

let app: LiveApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startLiveApp(), launchChromium()]);
  await putArchivedJune(app.worker.dataDir);
});
afterAll(async () => {
  await browser?.close();
  await app?.teardown();
});

const newPage = async () => (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true })).newPage();

describe('考核', () => {
  it('is in the header of an approver, not of an information officer', async () => {
    const monitor = await signInThrough(await newPage(), app.baseUrl, '/tasks', 'monitor');
    await monitor.locator('#logout').waitFor();
    expect(await monitor.locator('#nav-assessment').count()).toBe(0);
    const approver = await signInThrough(await newPage(), app.baseUrl, '/tasks', 'approver');
    await approver.locator('#nav-assessment').click();
    await approver.waitForURL((url) => url.pathname === '/assessment');
    await approver.locator('#assess-departments thead th').first().waitFor();
  });

  it("shows a month's departments and people, and downloads them as .xlsx", async () => {
    const page = await signInThrough(await newPage(), app.baseUrl, '/assessment', 'approver');
    await page.locator('#assess-period').fill('2025-06');
    await page.locator('#assess-form button[type=submit]').click();
    const row = page.locator('#assess-departments tbody tr[data-department="宣传部"]');
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).slice(0, 8)).toEqual(['宣传部', '1', '2', '1', '1', '0', '0', '50%']);
    expect(await page.locator('#assess-departments tbody tr[data-department="学工部"] td').nth(5).textContent()).toBe('1');
    const people = await page.locator('#assess-people tbody tr').allTextContents();
    expect(people).toHaveLength(2);
    expect(people[0]).toContain('经办小李');
    expect(people[1]).toContain('未指定责任人');
    expect(page.url()).toContain('period=2025-06');
    await screenshot(page, 'assessment');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#assess-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('考核-2025-06.xlsx');
  });
});
