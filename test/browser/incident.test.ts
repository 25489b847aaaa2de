// The web pages in headless Chromium against the real API, dev server and worker: an operator
// registers an incident (with a title that would run script if it were ever parsed as HTML), the
// office drafts the plan, and leadership approves the plan and a release from the incident page,
// each shown on its form with what changed since it was returned, and sees the steps advance.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, eventually, incidentBody, type Call, type Person } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import type { IncidentState } from '../../domain/model/state';
import { launchChromium, screenshot, signInThrough } from './chromium';
import { driveUntil } from '../workflows/driver';
import { METRICS_FOR } from '../workflows/fixtures';

const XSS_TITLE = '<img src=x onerror=alert(1)> 网传某校食堂饭菜变质';

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
  return signInThrough(page, app.baseUrl, path, who);
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
    // in the page's language and in plain words naming the field, not zod's
    await expect.poll(() => page.textContent('[data-error-for="title"]')).toBe('标题：不能为空');
    expect(await page.textContent('[data-error-for="sourceUrls"]')).toBe('来源链接第 1 项：须为 http 或 https 链接');
    expect(await page.textContent('[data-error-for="summary"]')).toBe('内容摘要：不能为空');
    expect(await page.textContent('[data-error-for="department"]')).toBe('责任部门：不能为空');
    await screenshot(page, 'new-incident-errors');

    await page.fill('#f-title', XSS_TITLE);
    await page.fill('#f-summary', '有网民在微博发帖称某校食堂饭菜变质，引发家长关注。');
    await page.fill('#f-sourceUrls', 'https://weibo.example/post/1');
    await page.selectOption('#f-channel', 'weibo');
    await page.selectOption('#f-category', 'hype');
    await page.fill('#f-department', '后勤处');
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
    // a major incident is told to leadership and the superior authority at once; no channel is
    // configured for either here, and the page says so instead of showing it as sent
    const registered = page.locator('#notices li[data-kind="registered"]');
    await registered.waitFor({ timeout: 20_000 });
    expect(await registered.getAttribute('class')).toBe('undelivered');
    expect(await registered.locator('.badge.undelivered').textContent()).toBe('未送达：分管领导、上级主管部门');
    expect(await page.textContent('#undelivered-count')).toMatch(/^\d+ 则通知未送达$/);
    expect(await page.locator('#timeline li.tl-notified .badge.undelivered').count()).toBeGreaterThan(0);
    // major: 24-hour duty is on until it is stable
    expect(await page.textContent('#duty24h-badge')).toBe('24小时值班');
    expect(await page.textContent('#timeline li.tl-duty')).toContain('启动24小时网上舆情值班');
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
    expect(await form.locator('p.owed').textContent()).toBe('按预案尚须报送：党政办、上级业务部门、同级网信部门');
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
    await expect.poll(() => form.locator('p.owed').textContent(), { timeout: 15_000 }).toBe('按预案尚须报送：同级网信部门');
  });

  it('the office drafts the plan on the page; returned with a reason, it comes back to the form filled in, the reason shown', async () => {
    await decide('handler', workflowId, 'reportFiled', { channel: 'written', to: '县委宣传部' });
    const page = await signIn('office', `/incidents/${workflowId}`);
    const form = page.locator('details[data-decision="planDrafted"] form');
    await form.waitFor({ timeout: 20_000 });
    await form.locator('[name=measures]').fill('后勤处当日核实并整改。');
    await form.locator('[name=messageLine]').fill('高度重视、正在核实。');
    await form.locator('[name=assignments]').fill('后勤处：核实整改\n宣传部：起草通稿');
    await form.locator('[name=publicationPlan]').fill('核实后24小时内发布。');
    await form.locator('button[type=submit]').click();
    await eventually(async () => (await stateOf(workflowId)).plan?.draftedBy?.id === 'office');
    expect((await stateOf(workflowId)).plan?.assignments).toEqual([
      { who: '后勤处', task: '核实整改' },
      { who: '宣传部', task: '起草通稿' },
    ]);
    await page.locator('#plan article.plan[data-status="drafted"]').waitFor({ timeout: 15_000 });

    await decide('approver', workflowId, 'planDecided', { approve: false, comment: '口径需与县委一致' });
    const again = page.locator('details[data-decision="planDrafted"]');
    await again.waitFor({ timeout: 20_000 });
    expect(await again.locator('.subject .returned').textContent()).toBe('退回理由：口径需与县委一致');
    expect(await again.locator('[name=assignments]').inputValue()).toBe('后勤处：核实整改\n宣传部：起草通稿');
    await again.locator('[name=messageLine]').fill('高度重视、正在核实，按县委统一口径发布。');
    await again.locator('button[type=submit]').click();
    await eventually(async () => (await stateOf(workflowId)).plan?.revision === 2);
  });

  it('leadership decides on the plan it sees on the form, with what changed since it was returned', async () => {
    const page = await signIn('approver', `/incidents/${workflowId}`);
    const decision = page.locator('details[data-decision="planDecided"]');
    await decision.waitFor({ timeout: 20_000 });
    const subject = decision.locator('.subject');
    expect(await subject.textContent()).toContain('后勤处当日核实并整改。');
    expect(await subject.locator('ul.assignments li').allTextContents()).toEqual(['后勤处：核实整改', '宣传部：起草通稿']);
    expect(await subject.locator('.change').count()).toBe(1);
    expect(await subject.locator('.change .diff-del').textContent()).toContain('高度重视、正在核实。');
    expect(await subject.locator('.change .diff-add').textContent()).toContain('按县委统一口径发布');
    await screenshot(page, 'plan-decision');

    // an empty return is refused at once, beside the field it needs, in plain words naming it
    await decision.locator('button.return').click();
    await expect.poll(() => decision.locator('[data-error-for="comment"]').textContent()).toBe('意见：退回处置方案须说明理由');
    await decision.locator('button.approve').click();
    await expect.poll(() => page.getAttribute('li.step[data-step="monitor"]', 'class'), { timeout: 15_000 }).toContain('done');
    expect(await page.getAttribute('li.step[data-step="verify"]', 'class')).toContain('active');
    expect((await stateOf(workflowId)).plan).toMatchObject({ decision: 'approved', approvedBy: { id: 'approver' }, revision: 2 });
    await page.locator('#plan article.plan[data-status="approved"]').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await stateOf(workflowId)).documents.map((d) => d.name), { timeout: 15_000 }).toContain('special-2');
  });

  it('an approver approves a re-drafted release, shown what changed since it was returned, and sees the steps advance', async () => {
    await pending(workflowId, 'findingsSubmitted');
    await decide('handler', workflowId, 'findingsSubmitted', { verdict: 'unfounded', facts: '经核实，帖文所述与事实不符。' });
    const page = await signIn('approver', `/incidents/${workflowId}`);
    await pending(workflowId, 'findingsReviewed');
    // the findings' facts and evidence are on the form that reviews them
    const review = page.locator('details[data-decision="findingsReviewed"] .subject');
    await review.waitFor({ timeout: 20_000 });
    expect(await review.textContent()).toContain('经核实，帖文所述与事实不符。');
    await decide('office', workflowId, 'findingsReviewed', { accept: true });

    await pending(workflowId, 'releaseDrafted');
    const release = { kind: 'facts', title: '关于网传食堂问题的情况通报', channels: ['官方微博'] };
    await decide('handler', workflowId, 'releaseDrafted', { ...release, body: '经核查，网传情况不实。' });
    await pending(workflowId, 'releaseReviewed');
    await decide('office', workflowId, 'releaseReviewed', { releaseNo: 1, approve: false, comment: '补充整改措施' });
    await pending(workflowId, 'releaseDrafted');
    await decide('handler', workflowId, 'releaseDrafted', { ...release, releaseNo: 1, body: '经核查，网传情况不实。\n学校已对食堂开展全面检查。' });
    await pending(workflowId, 'releaseReviewed');
    await decide('office', workflowId, 'releaseReviewed', { releaseNo: 1, approve: true });

    const approval = page.locator('details[data-decision="releaseApproved"]');
    await approval.waitFor({ timeout: 20_000 });
    const subject = approval.locator('.subject');
    expect(await subject.locator('.returned').textContent()).toBe('退回理由：补充整改措施');
    expect(await subject.locator('.change').count()).toBe(1);
    expect(await subject.locator('.change[data-field="field.body"] .diff-same').textContent()).toContain('经核查，网传情况不实。');
    expect(await subject.locator('.change[data-field="field.body"] .diff-add').textContent()).toContain('学校已对食堂开展全面检查。');
    await screenshot(page, 'release-approval-changes');
    await approval.locator('button.approve').click();
    await page.locator('article.release[data-status="published"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('article.release .reviews li').count()).toBe(3);
    await expect.poll(() => page.getAttribute('li.step[data-step="publish"]', 'class'), { timeout: 15_000 }).toMatch(/done|active/);
    expect(await page.locator('#documents a').count()).toBeGreaterThan(0);

    // a response counts once leadership approves the text shown on the form
    await decide('office', workflowId, 'responseRecorded', { kind: 'statement', content: '学校已关注并核实，情况如通报所述。', channel: '官方微博' });
    const response = page.locator('details[data-decision="responseApproved"]');
    await response.waitFor({ timeout: 20_000 });
    expect(await response.locator('.subject .body').textContent()).toBe('学校已关注并核实，情况如通报所述。');
    expect(await page.getAttribute('li.step[data-step="guide"]', 'class')).toContain('active');
    await response.locator('button.approve').click();
    await page.locator('#responses li[data-status="approved"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getAttribute('li.step[data-step="guide"]', 'class'), { timeout: 15_000 }).toContain('done');
    await screenshot(page, 'incident-page');
  });

  it('switches to English, to Traditional and back to Simplified, each from the header menu', async () => {
    const page = await signIn('approver', `/incidents/${workflowId}`);
    await page.waitForSelector('#incident-title');
    expect(await page.textContent('h2[data-i18n="inc.progress"]')).toBe('处置进度');
    // the codes' labels come from the one table in /api/meta, in the page's language
    expect(await page.textContent('li.step[data-step="monitor"] .name')).toBe('舆情监测研判');
    expect(await page.textContent('#deadlines tr[data-kind="report"] td')).toBe('上报期限');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    await page.selectOption('#lang-select', 'en');
    await expect.poll(() => page.textContent('h2[data-i18n="inc.progress"]')).toBe('Progress');
    expect(await page.textContent('li.step[data-step="verify"] .name')).toBe('Verify');
    expect(await page.textContent('li.step[data-step="monitor"] .name')).toBe('Monitor and assess');
    expect(await page.textContent('#deadlines tr[data-kind="report"] td')).toBe('Report upward');
    expect(await page.textContent('#duty24h-badge')).toBe('24-hour duty');
    await page.selectOption('#lang-select', 'zh-Hant');
    await expect.poll(() => page.textContent('h2[data-i18n="inc.progress"]')).toBe('處置進度');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hant');
    expect(await page.textContent('li.step[data-step="monitor"] .name')).toBe('輿情監測研判');
    expect(await page.textContent('#deadlines tr[data-kind="report"] td')).toBe('上報期限');
    expect(await page.textContent('#duty24h-badge')).toBe('24小時值班');
    await page.selectOption('#lang-select', 'zh-Hans');
    await expect.poll(() => page.textContent('h2[data-i18n="inc.progress"]')).toBe('处置进度');
  });

  it('never ran the script in the title', () => {
    expect(dialogs).toEqual([]);
  });
});

describe('tracking and a returned summary on the incident page', () => {
  let workflowId: string;

  it('shows the next bulletin among the deadlines, and the office issues one at once from the page', async () => {
    const res = await api('monitor')('POST', '/api/incidents', incidentBody({ category: 'inquiry', metrics: METRICS_FOR.significant }));
    expect(res.status).toBe(201);
    workflowId = res.body.workflowId;
    // the scripted duty team (signing with the key the API signs with) takes it to tracking
    const handle = app.env.client.workflow.getHandle(workflowId);
    await driveUntil(handle, (s) => s.steps.track.status === 'active' && !!s.tracking?.next);

    const page = await signIn('office', `/incidents/${workflowId}`);
    const row = page.locator('#deadlines tr[data-kind="bulletin"]');
    await row.waitFor();
    expect(await row.locator('td').first().textContent()).toBe('网络舆情通报 第1期');
    expect(await row.locator('td').nth(1).textContent()).toBe('自动生成');
    expect(await row.locator('[data-due]').count()).toBe(1);

    const form = page.locator('details[data-decision="bulletinIssued"]');
    await form.locator('summary').click();
    await form.locator('button[type=submit]').click();
    await page.locator('#documents a').filter({ hasText: '查看' }).nth(1).waitFor({ timeout: 20_000 });
    await expect.poll(() => row.locator('td').first().textContent(), { timeout: 15_000 }).toBe('网络舆情通报 第2期');
    expect((await stateOf(workflowId)).tracking?.issued).toMatchObject([{ no: 1, by: { id: 'office' } }]);
    await screenshot(page, 'incident-tracking');
  });

  it('a returned summary comes back prefilled with the draft and the reason, its deadline reads returned, and a bad resubmission is refused in Chinese', async () => {
    await driveUntil(app.env.client.workflow.getHandle(workflowId), (s) => s.pendingDecisions.some((p) => p.name === 'summarySubmitted'));
    await decide('handler', workflowId, 'summarySubmitted', { lessons: '及时核实、快报事实。', body: '一、基本情况……' });
    await pending(workflowId, 'summaryDecided');
    await decide('approver', workflowId, 'summaryDecided', { approve: false, comment: '请补充问责情况' });

    const page = await signIn('handler', `/incidents/${workflowId}`);
    const form = page.locator('form[data-decision="summarySubmitted"]');
    await form.waitFor({ timeout: 15_000 });
    expect(await form.locator('textarea[name=lessons]').inputValue()).toBe('及时核实、快报事实。');
    expect(await form.locator('textarea[name=body]').inputValue()).toBe('一、基本情况……');
    expect(await form.locator('.returned-reason').textContent()).toMatch(/^退回理由：请补充问责情况 — 王主任 /);
    expect(await page.textContent('#deadlines tr[data-kind="summary"]')).toContain('已退回');
    expect(await page.locator('#deadlines tr[data-kind="summary"] .badge.ok').count()).toBe(0);

    await form.locator('textarea[name=lessons]').fill('');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => form.locator('[data-error-for="lessons"]').textContent()).toBe('经验教训：不能为空');
    expect(await form.locator('p.error[role=alert]').textContent()).toBe('出错了：经验教训：不能为空');
    await screenshot(page, 'incident-summary-returned');

    await form.locator('textarea[name=lessons]').fill('及时核实、快报事实，依规问责。');
    await form.locator('button[type=submit]').click();
    await expect.poll(async () => (await stateOf(workflowId)).summary?.lessons, { timeout: 15_000 }).toBe('及时核实、快报事实，依规问责。');
    const summary = (await stateOf(workflowId)).deadlines.find((d) => d.kind === 'summary');
    expect(summary?.metAt).toBeDefined();
    expect(summary?.returnedAt).toBeUndefined();
  });
});
