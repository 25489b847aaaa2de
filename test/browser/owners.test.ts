// Owners on the pages, in headless Chromium against the real API, dev server and worker: the
// incident page names each deadline's owner, their unit and how they came to own it; 待我处理 marks
// what the signed-in person owns.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { USERS_FILE } from '../../domain/data-layout';
import { asToken, eventually, incidentBody, testUsers } from '../api/harness';
import { signInThrough, useAppAndBrowser } from './chromium';

const { app, browser } = useAppAndBrowser();

describe('owners on the pages', () => {
  it('the incident page names the owner of each deadline; 待我处理 marks what is yours', async () => {
    // the worker reads the same people as the API, the handler as 后勤处's (the incident's department)
    const users = (await testUsers()).list().map((u) => (u.name === 'handler' ? { ...u, department: '后勤处' } : u));
    writeFileSync(join(app().worker.dataDir, USERS_FILE), JSON.stringify({ users }));
    const res = await asToken(app().baseUrl, 'monitor')('POST', '/api/incidents', incidentBody({ title: '网传某校食堂饭菜变质' }), { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    const id: string = res.body.workflowId;
    await eventually(async () => {
      const state = (await asToken(app().baseUrl, 'monitor')('GET', `/api/incidents/${id}`)).body.state;
      return state.deadlines.some((d: { owner?: unknown }) => d.owner);
    });

    const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await signInThrough(await context.newPage(), app().baseUrl, `/incidents/${encodeURIComponent(id)}`, 'handler');
    const report = page.locator('#deadlines tbody tr[data-kind="report"]');
    await report.locator('.owner').waitFor();
    expect(await report.locator('.owner').textContent()).toBe(' · 经办小李（后勤处） 本部门');

    await page.goto(`${app().baseUrl}/tasks`);
    const row = page.locator(`#tasks tbody tr[data-workflow-id="${id}"][data-decision="reportFiled"]`);
    await row.waitFor();
    expect(await row.locator('.badge.mine').textContent()).toBe('我负责');
    await context.close();

    // leadership reassigns it from the incident page: the person by sign-in name, the deadline by its label
    const leader = await browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const lp = await signInThrough(await leader.newPage(), app().baseUrl, `/incidents/${encodeURIComponent(id)}`, 'approver');
    const form = lp.locator('details[data-decision="reassignOwner"]');
    await form.locator('[name="to"]').waitFor({ state: 'attached' });
    await form.locator('summary').click();
    expect(await form.locator('label:has([name="to"])').textContent()).toContain('改派给');
    expect(await form.locator('select[name="deadline"] option[value="report"]').textContent()).toBe('上报期限');
    await form.locator('select[name="deadline"]').selectOption('report');
    await form.locator('[name="to"]').fill('office');
    await form.locator('[name="reason"]').fill('小李外出');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => lp.locator('#deadlines tbody tr[data-kind="report"] .owner').textContent(), { timeout: 15_000 }).toBe(' · 办公室老陈 改派');
    await leader.close();
  });
});
