// Attaching evidence from the pages in headless Chromium against the real API, dev server and
// worker: a screenshot of the post chosen on the registration form is uploaded at once, refused
// when it is not what its name says, and shown on the incident page as a thumbnail with its hash;
// the findings form attaches an inspection report the same way; a file altered on disk shows as
// a hash mismatch instead of an image.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sha256Of } from '../../api/evidence/store';
import type { IncidentState } from '../../domain/model/state';
import { asToken, eventually, type Person } from '../api/harness';
import { exe, pdf, png } from '../helpers/evidence-files';
import { screenshot, signInThrough, useAppAndBrowser } from './chromium';

const { app, browser } = useAppAndBrowser();
const shot = png(64, 48, [220, 40, 40], 'browser');
const report = pdf('现场检查报告');

async function signIn(who: Person, path: string): Promise<Page> {
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  return signInThrough(await context.newPage(), app().baseUrl, path, who);
}
const stateOf = async (id: string): Promise<IncidentState> => (await asToken(app().baseUrl, 'monitor')('GET', `/api/incidents/${id}`)).body.state;

describe('evidence on the pages', () => {
  let workflowId: string;

  it('a monitor attaches a screenshot of the post at registration; a disguised file is refused with the reason', async () => {
    const page = await signIn('monitor', '/incidents/new');
    await page.waitForSelector('#f-channel option[value=weibo]', { state: 'attached' });
    await page.setInputFiles('.evidence-input', { name: '伪装.png', mimeType: 'image/png', buffer: exe() });
    await expect.poll(() => page.textContent('[data-error-for="attachments"]')).toContain('不接受的文件类型');
    await page.setInputFiles('.evidence-input', { name: '帖文截图.png', mimeType: 'image/png', buffer: shot });
    await page.waitForSelector(`.evidence-picked li[data-sha256="${sha256Of(shot)}"]`);
    expect(await page.textContent('[data-error-for="attachments"]')).toBe('');

    await page.fill('#f-title', '网传某校食堂饭菜变质');
    await page.fill('#f-summary', '有网民在微博发帖称某校食堂饭菜变质，帖文可能很快删除。');
    await page.fill('#f-sourceUrls', 'https://weibo.example/post/9');
    await page.selectOption('#f-channel', 'weibo');
    await page.selectOption('#f-category', 'hype');
    await page.fill('#f-department', '后勤处');
    await page.click('#submit');
    await page.waitForURL(/\/incidents\/incident-\d{8}-[0-9a-f]{10}$/);
    workflowId = page.url().split('/').pop()!;

    const thumb = await page.waitForSelector(`#evidence img.evidence-thumb[data-sha256="${sha256Of(shot)}"]`);
    await expect.poll(() => thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(64);
    expect(await page.textContent('#evidence')).toContain(`SHA-256 ${sha256Of(shot)}`);
    expect(await page.textContent('#evidence')).toContain('帖文截图.png');
    await screenshot(page, 'evidence-registration');
    expect((await stateOf(workflowId)).incident.attachments).toEqual([expect.objectContaining({ sha256: sha256Of(shot), type: 'image/png', by: expect.objectContaining({ id: 'monitor' }) })]);
  });

  it('the department attaches its inspection report to the findings from the decision form', async () => {
    await eventually(async () => (await stateOf(workflowId)).pendingDecisions.some((p) => p.name === 'findingsSubmitted'));
    const page = await signIn('handler', `/incidents/${workflowId}`);
    const form = page.locator('form[data-decision=findingsSubmitted]');
    await form.locator('select[name=verdict]').selectOption('unfounded');
    await form.locator('textarea[name=facts]').fill('经现场检查，饭菜正常。');
    await form.locator('.evidence-input').setInputFiles({ name: '现场检查报告.pdf', mimeType: 'application/pdf', buffer: report });
    await form.locator(`.evidence-picked li[data-sha256="${sha256Of(report)}"]`).waitFor();
    await form.locator('button[type=submit]').click();
    await eventually(async () => (await stateOf(workflowId)).findings?.attachments?.[0]?.sha256 === sha256Of(report));
    await page.waitForSelector(`#evidence li[data-sha256="${sha256Of(report)}"]`);
    expect(await page.textContent(`#evidence li[data-sha256="${sha256Of(report)}"]`)).toContain('核查结论');
  });

  it('a file altered on disk shows as a hash mismatch, not as the image', async () => {
    const path = join(app().worker.dataDir, 'evidence', sha256Of(shot));
    const sealed = await readFile(path);
    sealed[sealed.length - 30]! ^= 0xff;
    await writeFile(path, sealed);
    const page = await signIn('approver', `/incidents/${workflowId}`);
    const item = page.locator(`#evidence li[data-sha256="${sha256Of(shot)}"]`);
    await item.locator('[data-problem=mismatch]').waitFor();
    expect(await item.locator('img').count()).toBe(0);
    expect(await item.textContent()).toContain('校验不符');
    await screenshot(page, 'evidence-mismatch');
  });
});
