// The web pages in headless Chromium against the real API, dev server and worker: an operator
// registers an incident (with a title that would run script if it were ever parsed as HTML), an
// approver approves the plan and a release from the incident page and sees the steps advance.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, eventually, password, type Call, type Person } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import type { IncidentState } from '../../domain/model/state';
import { launchChromium, screenshot } from './chromium';

const XSS_TITLE = '<img src=x onerror=alert(1)> 網傳某校食堂飯菜變質';

let app: LiveApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startLiveApp(), launchChromium()]);
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await app?.teardown();
});

async function signIn(who: Person, path = '/'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-TW' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(app.baseUrl + path);
  await page.waitForURL(/\/login\?next=/);
  await page.fill('input[name=name]', who);
  await page.fill('input[name=password]', password(who));
  await page.click('button[type=submit]');
  await page.waitForURL((url) => url.pathname === path);
  return page;
}

const api = (who: Person): Call => asToken(app.baseUrl, who);
const stateOf = async (id: string): Promise<IncidentState> => (await api('monitor')('GET', `/api/incidents/${id}`)).body.state;
async function decide(who: Person, id: string, name: string, body: object) {
  // a review names the version it was shown, as the page does from the pending decision
  const releaseNo = (body as { releaseNo?: number }).releaseNo;
  const draftHash = (await stateOf(id)).pendingDecisions.find((p) => p.name === name && p.releaseNo === releaseNo)?.draftHash;
  const res = await api(who)('POST', `/api/incidents/${id}/decisions/${name}`, draftHash ? { draftHash, ...body } : body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
const pending = (id: string, name: string) => eventually(async () => (await stateOf(id)).pendingDecisions.some((p) => p.name === name));

describe('the web pages', () => {
  let workflowId: string;

  it('an operator signs in, sees server errors beside the fields, registers an incident and lands on its page', async () => {
    const page = await signIn('monitor', '/incidents/new');
    await page.waitForSelector('#f-channel option[value=weibo]', { state: 'attached' });

    await page.fill('#f-sourceUrls', 'ftp://not-http');
    await page.click('#submit');
    // in the page's language and in plain words, not zod's
    await expect.poll(() => page.textContent('[data-error-for="title"]')).toBe('必填');
    expect(await page.textContent('[data-error-for="sourceUrls"]')).toBe('須為 http 或 https 鏈接');
    expect(await page.textContent('[data-error-for="summary"]')).toBe('必填');
    await screenshot(page, 'new-incident-errors');

    await page.fill('#f-title', XSS_TITLE);
    await page.fill('#f-summary', '有網民在微博發帖稱某校食堂飯菜變質，引發家長關注。');
    await page.fill('#f-sourceUrls', 'https://weibo.example/post/1');
    await page.selectOption('#f-channel', 'weibo');
    await page.selectOption('#f-category', 'hype');
    await page.fill('#f-department', '後勤處');
    await page.fill('#f-views', '1500');
    await page.click('#submit');
    await page.waitForURL(/\/incidents\/incident-\d{8}-[0-9a-f]{10}$/);
    workflowId = page.url().split('/').pop()!;

    await page.waitForSelector('#incident-title');
    expect(await page.textContent('#incident-title')).toBe(XSS_TITLE);
    expect(await page.locator('#incident-title img').count()).toBe(0);
    expect(await page.getAttribute('#temporal-link', 'href')).toBe(`http://127.0.0.1:8233/namespaces/default/workflows/${workflowId}`);
    expect(await page.getAttribute('li.step[data-step="monitor"]', 'class')).toContain('active');
    // a monitor may not approve: the plan shows under "waiting for others", not as a form
    expect(await page.locator('details[data-decision="planDecided"]').count()).toBe(0);
  });

  it('lists the incident with its badges, the title still inert', async () => {
    const page = await signIn('monitor', '/');
    const row = page.locator(`tr[data-workflow-id="${workflowId}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('a.title').textContent()).toBe(XSS_TITLE);
    expect(await page.locator('#incidents img').count()).toBe(0);
    expect(await row.locator('.badge.sev-major').count()).toBe(1);
    expect(await row.locator('[data-due]').count()).toBe(1);
    await screenshot(page, 'incident-list');
  });

  it('a handler reports upward from the page: the form ticks whom the grade still owes', async () => {
    const page = await signIn('handler', `/incidents/${workflowId}`);
    const form = page.locator('details[data-decision="reportFiled"]');
    await form.locator('input[name="recipients"]').first().waitFor();
    expect(await form.getAttribute('open')).not.toBeNull();
    expect(await form.locator('p.owed').textContent()).toBe('按預案尚須報送：黨政辦、上級業務部門、同級網信部門');
    const ticked = async () => Promise.all((await form.locator('input[name="recipients"]:checked').all()).map((box) => box.getAttribute('value')));
    expect(await ticked()).toEqual(['partyOffice', 'superiorDepartment', 'cyberspace']);
    // the old free-text field is kept for old payloads only: not on the form
    expect(await form.locator('[name="to"]').count()).toBe(0);
    await form.locator('input[name="recipients"][value="cyberspace"]').uncheck();
    await form.locator('select[name="channel"]').selectOption('written');
    await form.locator('button[type=submit]').click();
    const s = await eventually(async () => {
      const x = await stateOf(workflowId);
      return x.reports.length === 1 && x;
    });
    // an empty optional field is left out rather than refused
    expect(s.reports[0]).toMatchObject({ kind: 'first', recipients: ['partyOffice', 'superiorDepartment'], channel: 'written', document: 'special', by: { id: 'handler' } });
    expect(s.reports[0]?.otherRecipient).toBeUndefined();
    expect(s.reportsOwed).toEqual(['cyberspace']);
    await expect.poll(() => form.locator('p.owed').textContent(), { timeout: 15_000 }).toBe('按預案尚須報送：同級網信部門');
  });

  it('an approver approves the plan and a release on the incident page and sees the steps advance', async () => {
    const page = await signIn('approver', `/incidents/${workflowId}`);

    await page.click('details[data-decision="planDecided"] button.approve');
    await expect.poll(() => page.getAttribute('li.step[data-step="monitor"]', 'class'), { timeout: 15_000 }).toContain('done');
    expect(await page.getAttribute('li.step[data-step="verify"]', 'class')).toContain('active');
    expect((await stateOf(workflowId)).plan).toMatchObject({ decision: 'approved', approvedBy: { id: 'approver' } });

    await pending(workflowId, 'findingsSubmitted');
    await decide('handler', workflowId, 'findingsSubmitted', { verdict: 'unfounded', facts: '經核實，帖文所述與事實不符。' });
    await decide('office', workflowId, 'findingsReviewed', { accept: true });
    await pending(workflowId, 'releaseDrafted');
    await decide('handler', workflowId, 'releaseDrafted', { kind: 'facts', title: '關於網傳食堂問題的情況通報', body: '經核查，網傳情況不實。', channels: ['官方微博'] });
    await pending(workflowId, 'releaseReviewed');
    await decide('office', workflowId, 'releaseReviewed', { releaseNo: 1, approve: true });

    const approve = page.locator('details[data-decision="releaseApproved"] button.approve');
    await approve.waitFor({ timeout: 20_000 });
    await approve.click();
    await page.locator('article.release[data-status="published"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('article.release .reviews li').count()).toBe(2);
    await expect.poll(() => page.getAttribute('li.step[data-step="publish"]', 'class'), { timeout: 15_000 }).toMatch(/done|active/);
    expect(await page.locator('#documents a').count()).toBeGreaterThan(0);
    await screenshot(page, 'incident-page');
  });

  it('switches to English and back', async () => {
    const page = await signIn('approver', `/incidents/${workflowId}`);
    await page.waitForSelector('#incident-title');
    expect(await page.textContent('h2')).toBe('處置進度');
    // the codes' labels come from the one table in /api/meta, in the page's language
    expect(await page.textContent('li.step[data-step="monitor"] .name')).toBe('輿情監測研判');
    expect(await page.textContent('#deadlines tr[data-kind="report"] td')).toBe('上報期限');
    await page.click('#lang-toggle');
    await expect.poll(() => page.textContent('h2')).toBe('Progress');
    expect(await page.textContent('li.step[data-step="verify"] .name')).toBe('Verify');
    expect(await page.textContent('li.step[data-step="monitor"] .name')).toBe('Monitor and assess');
    expect(await page.textContent('#deadlines tr[data-kind="report"] td')).toBe('Report upward');
    await page.click('#lang-toggle');
    await expect.poll(() => page.textContent('h2')).toBe('處置進度');
  });

  it('never ran the script in the title', () => {
    expect(dialogs).toEqual([]);
  });
});
