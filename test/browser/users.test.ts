// The users page in headless Chromium against the real API over a real users file: an admin sees
// the page in the header, adds a person (whose one-time password then signs in) and disables them.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startAdminApp, type AdminApp } from '../api/admin-app';
import { anonymous } from '../api/harness';
import { launchChromium, screenshot, signInThrough } from './chromium';

let app: AdminApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startAdminApp(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const newPage = async () => (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
const login = (name: string, pw: string) => anonymous(app.baseUrl)('POST', '/api/login', { name, password: pw });

describe('用户管理', () => {
  it('is linked in the header for admins only', async () => {
    const page = await signInThrough(await newPage(), app.baseUrl, '/tasks', 'handler');
    await page.locator('#logout').waitFor();
    expect(await page.locator('#nav-users').count()).toBe(0);
    const admin = await signInThrough(await newPage(), app.baseUrl, '/tasks', ADMIN);
    await admin.locator('#nav-users').click();
    await admin.waitForURL((url) => url.pathname === '/admin/users');
    await admin.locator('#users tbody tr[data-user="approver"]').waitFor();
  });

  it('adds a person, shows their password once, and disables them', async () => {
    const page = await signInThrough(await newPage(), app.baseUrl, '/admin/users', ADMIN);
    const form = page.locator('#users-add form');
    await form.locator('input[name=name]').fill('li.si');
    await form.locator('input[name=displayName]').fill('李四');
    await form.locator('input[name=role][value=handler]').check();
    await form.locator('input[name=department]').fill('宣传部');
    await form.locator('input[name=email]').fill('li.si@example.cn');
    await form.locator('input[name=dutyEligible]').check();
    await form.locator('button[type=submit]').click();

    const row = page.locator('#users tbody tr[data-user="li.si"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('宣传部');
    expect(await row.textContent()).toContain('li.si@example.cn');
    const secret = (await page.locator('#secret-value').textContent())!;
    expect(await page.locator('#users-secret').textContent()).toContain('仅显示这一次');
    expect(readFileSync(app.usersFile, 'utf8')).not.toContain(secret);
    expect((await login('li.si', secret)).status).toBe(200);

    // edit in the row: the department changes
    await row.locator('button[name=edit]').click();
    const edit = page.locator('#users tbody tr[data-user="li.si"] + tr.edit form');
    await edit.locator('input[name=department]').fill('网信办');
    await edit.locator('button[type=submit]').click();
    await page.locator('#users tbody tr[data-user="li.si"] td:nth-child(3)', { hasText: '网信办' }).waitFor();

    // a new API token, shown once
    await row.locator('button[name=reset-token]').click();
    await page.locator('#secret-value', { hasText: /^yq_/ }).waitFor();
    const apiToken = (await page.locator('#secret-value').textContent())!;
    const asBearer = () => anonymous(app.baseUrl)('GET', '/api/session', undefined, { authorization: `Bearer ${apiToken}` });
    expect((await asBearer()).status).toBe(200);

    await row.locator('button[name=toggle]').click();
    await page.locator('#users tbody tr[data-user="li.si"].disabled').waitFor();
    expect(await page.locator('#users tbody tr[data-user="li.si"] .status').textContent()).toBe('已停用');
    expect((await login('li.si', secret)).status).toBe(401);
    expect((await asBearer()).status).toBe(401);
    await screenshot(page, 'users');
  });

  it('shows a bad field in the words of the form', async () => {
    const page = await signInThrough(await newPage(), app.baseUrl, '/admin/users', ADMIN);
    await page.locator('#users tbody tr').first().waitFor();
    const form = page.locator('#users-add form');
    await form.locator('input[name=name]').fill('wang.wu');
    await form.locator('input[name=displayName]').fill('王五');
    await form.locator('input[name=role][value=monitor]').check();
    await form.locator('input[name=phone]').fill('call me');
    await form.locator('button[type=submit]').click();
    await page.locator('#users-error:not([hidden])').waitFor();
    expect(await page.locator('#users-error').textContent()).toContain('电话：格式不符');
    expect(await page.locator('#users tbody tr[data-user="wang.wu"]').count()).toBe(0);
  });
});

