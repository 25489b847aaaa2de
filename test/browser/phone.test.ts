// The pages on a phone (390×844, device scale 3, touch) and on a desktop, in headless Chromium
// against the real API, dev server and worker: nothing scrolls sideways, the header wraps, the
// incident list and 待我处理 become one card a row, the decision an approver must take is the first
// thing on the incident page, and fields and buttons are big enough for a thumb. Every page is
// shot in Simplified Chinese at both sizes into test/artifacts/screenshots/.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { asToken, eventually, incidentBody, type Person } from '../api/harness';
import { PLAN_FIELDS } from '../workflows/driver';
import { METRICS_FOR } from '../workflows/fixtures';
import { ARTIFACTS, screenshot, signInThrough, useAppAndBrowser } from './chromium';

const PHONE = { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const DESKTOP = { name: 'desktop', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };
type Size = typeof PHONE;

const { app, browser } = useAppAndBrowser();

async function open(size: Size, path: string, who?: Person): Promise<Page> {
  const { name: _name, ...options } = size;
  const context = await browser().newContext({ ...options, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  if (who) return signInThrough(page, app().baseUrl, path, who);
  await page.goto(app().baseUrl + path);
  return page;
}

const scrollWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
const style = (node: Locator, property: string) => node.evaluate((n, p) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(n)[p] ?? '', property);
const box = async (node: Locator) => (await node.boundingBox())!;

/** the page in Simplified Chinese, the header's links named so, and nothing wider than the screen */
async function simplifiedAndFitting(page: Page, width: number) {
  expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
}

/** the header's every part on screen, the links named in Simplified */
async function headerFits(page: Page, width: number) {
  expect(await page.locator('#top nav').textContent()).toMatch(/^事件列表待我处理.*登记舆情$/);
  for (const part of ['#top .brand', '#top nav a[href="/incidents/new"]', '#lang-select', '#user-name', '#logout']) {
    const b = await box(page.locator(part));
    expect(b.x, part).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, part).toBeLessThanOrEqual(width);
  }
}

/** the controls a thumb uses: 16px text, so iOS does not zoom, and buttons 44px tall */
async function touchable(page: Page, scope: string) {
  const fields = await page.locator(`${scope} input:visible:not([type=checkbox]):not([type=radio]), ${scope} select:visible, ${scope} textarea:visible`).all();
  expect(fields.length).toBeGreaterThan(0);
  for (const field of fields) expect(parseFloat(await style(field, 'fontSize'))).toBeGreaterThanOrEqual(16);
  const buttons = await page.locator(`${scope} button:visible`).all();
  expect(buttons.length).toBeGreaterThan(0);
  for (const button of buttons) expect((await box(button)).height).toBeGreaterThanOrEqual(44);
}

/** each row one card, as wide as the screen allows and no wider */
async function cards(page: Page, rows: string, width: number) {
  const all = await page.locator(rows).all();
  expect(all.length).toBeGreaterThan(0);
  expect(await page.locator(rows.replace(/tbody tr.*$/, 'thead')).isVisible()).toBe(false);
  for (const row of all) {
    expect(await style(row, 'display')).not.toBe('table-row');
    const b = await box(row);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(width);
    expect(b.width).toBeGreaterThan(width * 0.8);
  }
}

describe('on a phone and on a desktop', () => {
  let workflowId: string;

  it('signs in on a page that fits', async () => {
    const res = await asToken(app().baseUrl, 'monitor')('POST', '/api/incidents', incidentBody({ title: '网传某校食堂饭菜变质，家长在微博上集中反映', department: '后勤处', metrics: METRICS_FOR.critical }), { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    workflowId = res.body.workflowId;
    for (const size of [PHONE, DESKTOP]) {
      const page = await open(size, '/login');
      await page.locator('#lang-select').waitFor();
      expect(await page.textContent('h1')).toBe('登入');
      await simplifiedAndFitting(page, size.viewport.width);
      if (size === PHONE) await touchable(page, '#login');
      await screenshot(page, `screenshots/${size.name}-login`);
    }
  });

  it('the incident list: one card an incident on a phone, a table on a desktop', async () => {
    for (const size of [PHONE, DESKTOP]) {
      const page = await open(size, '/', 'approver');
      const row = page.locator(`#incidents tbody tr[data-workflow-id="${workflowId}"]`);
      await row.waitFor({ timeout: 20_000 });
      await simplifiedAndFitting(page, size.viewport.width);
      await headerFits(page, size.viewport.width);
      expect(await page.textContent('h1')).toBe('舆情事件');
      // what a card shows: title, severity, stage, the next deadline with its colour, department
      expect(await row.locator('a.title').textContent()).toBe('网传某校食堂饭菜变质，家长在微博上集中反映');
      expect(await row.locator('.badge.sev-critical').isVisible()).toBe(true);
      expect(await row.locator('.badge.stage').textContent()).toBe('舆情监测研判');
      expect(await row.locator('[data-due]').isVisible()).toBe(true);
      expect(await row.getAttribute('data-urgency')).toBe('due-soon');
      expect(await row.locator('td.department').textContent()).toBe('后勤处');
      if (size === PHONE) {
        await cards(page, '#incidents tbody tr', size.viewport.width);
        expect(await style(row, 'backgroundColor')).toBe('rgb(255, 248, 225)');
        await touchable(page, '#filters');
      } else {
        expect(await style(row, 'display')).toBe('table-row');
      }
      await screenshot(page, `screenshots/${size.name}-list`);
    }
  });

  it("待我处理: the approver's decision on the plan, a card on a phone naming the decision first", async () => {
    await eventually(async () => (await asToken(app().baseUrl, 'office')('GET', `/api/incidents/${workflowId}`)).body.state.pendingDecisions.some((p: { name: string }) => p.name === 'planDrafted'));
    const drafted = await asToken(app().baseUrl, 'office')('POST', `/api/incidents/${workflowId}/decisions/planDrafted`, PLAN_FIELDS);
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(200);
    await eventually(async () => (await asToken(app().baseUrl, 'approver')('GET', '/api/my-tasks')).body.items.some((t: { name: string }) => t.name === 'planDecided'));

    for (const size of [PHONE, DESKTOP]) {
      const page = await open(size, '/tasks', 'approver');
      const task = page.locator(`#tasks tbody tr[data-workflow-id="${workflowId}"][data-decision="planDecided"]`);
      await task.waitFor();
      await simplifiedAndFitting(page, size.viewport.width);
      await headerFits(page, size.viewport.width);
      expect(await page.textContent('h1')).toBe('待我处理');
      expect(await task.locator('td.decision').textContent()).toBe('审批处置方案');
      expect(await task.locator('td.incident .badge.sev-critical').isVisible()).toBe(true);
      expect(await task.locator('td.incident').textContent()).toContain('舆情监测研判 · 后勤处');
      if (size === PHONE) {
        await cards(page, '#tasks tbody tr', size.viewport.width);
        expect((await box(task.locator('td.decision'))).y).toBeLessThan((await box(task.locator('td.incident'))).y);
      } else {
        expect(await style(task, 'display')).toBe('table-row');
      }
      await screenshot(page, `screenshots/${size.name}-tasks`);
    }
  });

  it('the incident page puts the decision the approver must take first, on the first screen', async () => {
    for (const size of [PHONE, DESKTOP]) {
      const page = await open(size, `/incidents/${workflowId}`, 'approver');
      // the approver may report upward too, which falls due first; the plan waits below it
      await page.locator('#decisions details.decision[data-decision="planDecided"] form').waitFor();
      const decision = page.locator('#decisions details.decision').first();
      expect(await decision.getAttribute('open')).not.toBeNull();
      await page.locator('#timeline li').first().waitFor();
      await simplifiedAndFitting(page, size.viewport.width);
      await headerFits(page, size.viewport.width);
      const form = await box(decision.locator('form'));
      expect(form.y).toBeLessThan((await box(page.locator('#timeline'))).y);
      expect(form.y).toBeLessThan((await box(page.locator('#facts'))).y);
      expect((await box(decision)).y).toBeLessThan(size.viewport.height);
      expect((await box(decision.locator('summary'))).y + 30).toBeLessThan(size.viewport.height / 2);
      if (size === PHONE) await touchable(page, '#decisions form[data-decision="planDecided"]');
      await screenshot(page, `screenshots/${size.name}-incident`);
      await page.screenshot({ path: join(ARTIFACTS, 'screenshots', `${size.name}-incident-first-screen.png`) });
    }
  });

  it('the new-incident form fits and takes a thumb', async () => {
    for (const size of [PHONE, DESKTOP]) {
      const page = await open(size, '/incidents/new', 'monitor');
      await page.waitForSelector('#f-channel option[value=weibo]', { state: 'attached' });
      await simplifiedAndFitting(page, size.viewport.width);
      await headerFits(page, size.viewport.width);
      expect(await page.textContent('h1')).toBe('登记网络舆情');
      if (size === PHONE) await touchable(page, '#incident-form');
      await screenshot(page, `screenshots/${size.name}-new`);
    }
  });
});
