// 待我处理 and the deadlines and needs around it, in headless Chromium against the real API, dev
// server and worker: an overdue forwarding and report come first and red, a report due within the hour amber, the
// header counts them, the incident page says what the step still needs and which deadline a form
// meets, and "waiting for others" leaves out what nobody waits for.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { asToken, eventually, incidentBody, type Person } from '../api/harness';
import { PLAN_FIELDS } from '../workflows/driver';
import { METRICS_FOR } from '../workflows/fixtures';
import { screenshot, signInThrough, useAppAndBrowser } from './chromium';

const HOUR = 3_600_000;
const { app, browser } = useAppAndBrowser();

async function signIn(who: Person, path: string): Promise<Page> {
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-TW', timezoneId: 'Asia/Shanghai' });
  return signInThrough(await context.newPage(), app().baseUrl, path, who);
}

async function register(title: string, discoveredAt: Date, metrics: object): Promise<string> {
  const res = await asToken(app().baseUrl, 'monitor')('POST', '/api/incidents', incidentBody({ title, discoveredAt: discoveredAt.toISOString(), metrics }), { 'idempotency-key': randomUUID() });
  expect(res.status).toBe(201);
  return res.body.workflowId;
}

/** what a row's colour is, as the reader sees it */
const background = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((n) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(n).backgroundColor);

const attributes = async (page: Page, rows: string, name: string) => Promise.all((await page.locator(rows).all()).map((row) => row.getAttribute(name)));

describe('待我处理', () => {
  let overdue: string;
  let dueSoon: string;

  it('lists the overdue forwarding and report first and coloured, the one due within the hour next, and counts them in the header', async () => {
    // major: report due 2 h after discovery, so found 3 h ago it is an hour overdue; critical: due in 1 h
    overdue = await register('网传某校食堂饭菜变质', new Date(Date.now() - 3 * HOUR), METRICS_FOR.major);
    dueSoon = await register('网传某路段塌陷', new Date(), METRICS_FOR.critical);
    await eventually(async () => (await asToken(app().baseUrl, 'handler')('GET', '/api/my-tasks')).body.scanned === 2);

    const page = await signIn('handler', '/tasks');
    await page.locator('#tasks tbody tr').first().waitFor();
    const rows = page.locator('#tasks tbody tr');
    const first = rows.first();
    expect(await first.getAttribute('data-workflow-id')).toBe(overdue);
    // forwarding to the department falls due with the report upward: both overdue, ahead of the rest
    const [a, b] = (await rows.all()).slice(0, 2);
    expect(await Promise.all([a!, b!].map((r) => r.getAttribute('data-workflow-id')))).toEqual([overdue, overdue]);
    expect((await Promise.all([a!, b!].map((r) => r.getAttribute('data-decision')))).sort()).toEqual(['forwarded', 'reportFiled']);
    const report = page.locator(`#tasks tbody tr[data-workflow-id="${overdue}"][data-decision="reportFiled"]`);
    expect(await report.getAttribute('data-urgency')).toBe('overdue');
    expect(await report.textContent()).toContain('上报期限');
    expect(await report.textContent()).toContain('登记上报');
    const forward = page.locator(`#tasks tbody tr[data-workflow-id="${overdue}"][data-decision="forwarded"]`);
    expect(await forward.getAttribute('data-urgency')).toBe('overdue');
    expect(await forward.textContent()).toContain('转达期限');
    expect(await background(page, `#tasks tbody tr[data-workflow-id="${overdue}"][data-decision="reportFiled"]`)).toBe('rgb(253, 231, 233)');

    const soon = page.locator(`#tasks tbody tr[data-workflow-id="${dueSoon}"][data-decision="reportFiled"]`);
    expect(await soon.getAttribute('data-urgency')).toBe('due-soon');
    expect(await background(page, `#tasks tbody tr[data-workflow-id="${dueSoon}"][data-decision="reportFiled"]`)).toBe('rgb(255, 248, 225)');

    // nearest first throughout, those without a deadline last
    const dues = await attributes(page, '#tasks tbody tr', 'data-urgency-due');
    const dated = dues.filter((d): d is string => d !== null);
    expect(dues.slice(0, dated.length)).toEqual(dated);
    expect(dated.map(Date.parse)).toEqual([...dated.map(Date.parse)].sort((a, b) => a - b));

    await expect.poll(() => page.textContent('#task-count')).toBe(String(await rows.count()));
    expect(await page.getAttribute('#task-count', 'data-urgency')).toBe('overdue');
    // the office drafts each plan, which meets no deadline of its own; leadership's approval is not the office's task
    const drafts = page.locator('#tasks tr[data-decision="planDrafted"]');
    expect(await drafts.count()).toBe(2);
    expect(await attributes(page, '#tasks tr[data-decision="planDrafted"]', 'data-urgency-due')).toEqual([null, null]);
    expect(await page.locator('#tasks tr[data-decision="planDecided"]').count()).toBe(0);
    await screenshot(page, 'my-tasks');

    await first.locator('a.title').click();
    await page.waitForURL((url) => url.pathname === `/incidents/${overdue}`);
  });

  it('the incident list also puts the overdue incident first and marks it', async () => {
    const page = await signIn('monitor', '/');
    await page.locator(`tr[data-workflow-id="${overdue}"]`).waitFor({ timeout: 20_000 });
    const ids = await attributes(page, '#incidents tbody tr', 'data-workflow-id');
    expect(ids.indexOf(overdue)).toBe(0);
    expect(await page.getAttribute(`tr[data-workflow-id="${overdue}"]`, 'data-urgency')).toBe('overdue');
    expect(await page.getAttribute(`tr[data-workflow-id="${dueSoon}"]`, 'data-urgency')).toBe('due-soon');
  });

  it("the incident page says what the step still needs, and each form the deadline it meets", async () => {
    const page = await signIn('handler', `/incidents/${overdue}`);
    const needs = page.locator('li.step[data-step="monitor"] .needs');
    await needs.waitFor();
    expect(await needs.textContent()).toBe('尚需 上报、处置方案获批');
    expect(await page.locator('li.step[data-step="verify"] .needs').count()).toBe(0);

    const meets = page.locator('details[data-decision="reportFiled"] .meets');
    expect(await meets.textContent()).toMatch(/^本决定完成：上报期限（至 \d\d-\d\d \d\d:\d\d）$/);
    expect(await meets.getAttribute('data-urgency')).toBe('overdue');
    // the plan is the office's to draft, on a form of its own held open; leadership has nothing to decide yet
    expect(await page.getAttribute('details[data-decision="planDrafted"]', 'open')).not.toBeNull();
    expect(await page.locator('[data-decision="planDecided"]').count()).toBe(0);
    // once drafted, leadership's decision on it is awaited; its standing withdrawal and downgrade are not
    const drafted = await asToken(app().baseUrl, 'office')('POST', `/api/incidents/${overdue}/decisions/planDrafted`, PLAN_FIELDS);
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(200);
    const others = page.locator('ul.others');
    await expect.poll(() => others.locator('li[data-decision="planDecided"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('details[data-decision="planDrafted"]').count()).toBe(0);
    expect(await others.locator('li[data-decision="withdraw"]').count()).toBe(0);
    expect(await others.locator('li[data-decision="deescalate"]').count()).toBe(0);
    // a standing form nobody waits for is folded
    expect(await page.getAttribute('details[data-decision="metricsUpdated"]', 'open')).toBeNull();
    await screenshot(page, 'incident-needs');

    await page.selectOption('#lang-select', 'en');
    await expect.poll(() => needs.textContent()).toBe('Still needs a report upward, an approved handling plan');
    expect(await page.locator('details[data-decision="reportFiled"] .meets').textContent()).toMatch(/^Taking this meets: Report upward \(due \d\d-\d\d \d\d:\d\d\)$/);
  });
});
