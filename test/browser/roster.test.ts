// The duty roster page in headless Chromium against the real API over a real users file and data
// folder: the office generates this month's rotation, changes a shift's people and sees it saved and
// logged; who is on duty now stands out; others read the month without edit controls; it fits a phone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROSTER_FILE } from '../../domain/data-layout';
import { ADMIN } from '../api/admin-app';
import { startRosterApp, type RosterApp } from '../api/roster-app';
import { launchChromium, screenshot, signInThrough } from './chromium';

let app: RosterApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startRosterApp(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const newPage = async (viewport = DESKTOP) => (await browser.newContext({ viewport, locale: 'zh-CN', hasTouch: viewport === PHONE, isMobile: viewport === PHONE })).newPage();
const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const fileEntry = (date: string, shift: string) => JSON.parse(readFileSync(join(app.dataDir, ROSTER_FILE), 'utf8')).entries.find((e: { date: string; shift: string }) => e.date === date && e.shift === shift);

describe('值班表', () => {
  it('is linked in the header for everyone', async () => {
    const page = await signInThrough(await newPage(), app.baseUrl, '/tasks', 'approver');
    await page.locator('#nav-roster').click();
    await page.waitForURL((url) => url.pathname === '/roster');
    await page.locator(`#roster tbody tr[data-date="${month}-01"]`).waitFor();
    expect(await page.textContent('h1')).toBe('值班表');
    expect(await page.locator('#roster-now').textContent()).toBe('现在无人值班');
  });

  it('generates this month, edits a cell, and shows it saved and logged', async () => {
    const page = await signInThrough(await newPage(), app.baseUrl, '/roster', 'office');
    const form = page.locator('#roster-generate form');
    await form.locator('input[name=perShift]').fill('1');
    await form.locator('button[type=submit]').click();
    // the eligible in the users file's order: 信息员小周, 经办小李, 办公室老陈
    const first = page.locator(`#roster tbody tr[data-date="${month}-01"]`);
    await first.locator('td[data-shift=day] .names', { hasText: '信息员小周' }).waitFor();
    expect(await first.locator('td[data-shift=night] .names').textContent()).toBe('经办小李');
    expect(fileEntry(`${month}-01`, 'day').people).toEqual(['monitor']);
    // who is on duty now: the banner names them and their cell stands out
    const onDuty = page.locator('#roster td.on-duty');
    expect(await onDuty.count()).toBe(1);
    const nowNames = (await onDuty.locator('.names').textContent())!;
    expect(await page.locator('#roster-now').textContent()).toContain(nowNames);

    const cell = page.locator(`#roster tbody tr[data-date="${month}-02"] td[data-shift=day]`);
    await cell.locator('button[name=edit]').click();
    await cell.locator('select[name=people]').selectOption(['handler', 'office']);
    await cell.locator('button[type=submit]').click();
    await cell.locator('.names', { hasText: '经办小李、办公室老陈' }).waitFor();
    expect(fileEntry(`${month}-02`, 'day').people).toEqual(['handler', 'office']);
    await page.locator('#roster-changes li[data-action=edit]', { hasText: '经办小李、办公室老陈' }).waitFor();
    expect(await page.locator('#roster-changes li').first().textContent()).toContain('办公室老陈 修改排班');
    expect(await page.locator('#roster-changes li[data-action=rotation]').textContent()).toContain(month);
    await screenshot(page, 'screenshots/roster-desktop');

    // a refused pick is shown and changes nothing: the person was disabled meanwhile
    await cell.locator('button[name=edit]').click();
    await cell.locator('select[name=people]').selectOption(['monitor']);
    const admin = await signInThrough(await newPage(), app.baseUrl, '/admin/users', ADMIN);
    await admin.locator('#users tbody tr[data-user="monitor"] button[name=toggle]').click();
    await admin.locator('#users tbody tr[data-user="monitor"].disabled').waitFor();
    await cell.locator('button[type=submit]').click();
    await page.locator('#roster-error:not([hidden])').waitFor();
    expect(await page.locator('#roster-error').textContent()).toContain('须为用户名单中可排值班且未停用的人员');
    expect(fileEntry(`${month}-02`, 'day').people).toEqual(['handler', 'office']);
  });

  it('shows others the month without edit controls', async () => {
    const page = await signInThrough(await newPage(), app.baseUrl, '/roster', 'approver');
    await page.locator(`#roster tbody tr[data-date="${month}-02"] td[data-shift=day] .names`, { hasText: '经办小李、办公室老陈' }).waitFor();
    expect(await page.locator('#roster button[name=edit]').count()).toBe(0);
    expect(await page.locator('#roster-office').isHidden()).toBe(true);
  });

  it('fits a phone: one card a day, nothing wider than the screen', async () => {
    const page = await signInThrough(await newPage(PHONE), app.baseUrl, '/roster', 'office');
    const row = page.locator(`#roster tbody tr[data-date="${month}-02"]`);
    await row.locator('.names', { hasText: '办公室老陈' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    const box = (await row.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.locator('#roster thead').isVisible()).toBe(false);
    // a card says which shift each name is on
    expect(await row.locator('td[data-shift=night]').evaluate((td) => (globalThis as unknown as { getComputedStyle(e: unknown, p: string): { content: string } }).getComputedStyle(td, '::before').content)).toContain('夜班');
    await row.locator('td[data-shift=day] button[name=edit]').click();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'screenshots/roster-phone');
  });
});
