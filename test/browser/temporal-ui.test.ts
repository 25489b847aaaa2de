// The Temporal Web UI as people read an incident there: the dev server's UI in headless Chromium,
// on the page of one incident registered through the API and taken past its first decisions. The
// screenshots (test/artifacts/temporal-ui-incident.png, and -history.png of its event timeline)
// are the artifacts the issue asks for. Then the roll-up a Schedule would run, as the web page's
// list shows it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, asToken, incidentBody } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { freePort } from '../helpers/ports';
import { send, waitForState } from '../workflows/driver';
import { fastPolicy, METRICS_FOR, people } from '../workflows/fixtures';
import { ROLLUP_WORKFLOW } from '../../workflows/rollup/definitions';
import type { rollupWorkflow } from '../../workflows/rollup/workflow';
import { launchChromium, screenshot } from './chromium';

let app: LiveApp;
let browser: Browser;
let uiPort: number;

beforeAll(async () => {
  uiPort = await freePort();
  // the test key in the policy lets the scripted duty team's decisions through, signed
  [app, browser] = await Promise.all([startLiveApp({ server: { uiPort }, deps: { policy: () => fastPolicy() } }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.teardown();
});

/** The UI renders each Markdown text in a frame of its own (/render?content=…): wait until one shows it; its whole text. */
async function rendered(page: Page, selector: string, text: string | RegExp): Promise<string> {
  let shown = '';
  await expect
    .poll(async () => {
      for (const frame of page.frames().filter((f) => f.url().includes('/render?'))) {
        const found = frame.locator(selector, { hasText: text });
        if ((await found.count()) > 0) {
          shown = (await found.first().textContent()) ?? '';
          return true;
        }
      }
      return false;
    }, { timeout: 15_000 })
    .toBe(true);
  return shown;
}

describe('the Temporal UI page of an incident', () => {
  it('shows the incident summary, its current details and what each event did', async () => {
    const res = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', incidentBody({ category: 'hype', metrics: METRICS_FOR.major, department: '宣传部' }));
    expect(res.status).toBe(201);
    const handle = app.env.client.workflow.getHandle(res.body.workflowId);
    await waitForState(handle, (s) => s.documents.some((d) => d.name === 'special'));
    // forwarded first: the deadline watcher then sleeps on the report upward, and after it on the initial response
    await send(handle, { name: 'forwarded', by: people.handler, fields: { department: '宣传部', channel: 'written' } });
    await waitForState(handle, (s) => !!s.deadlines.find((d) => d.kind === 'forward')?.metAt);
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { kind: 'first', channel: 'verbal', recipients: ['partyOffice', 'superiorDepartment', 'cyberspace'] } });
    await waitForState(handle, (s) => s.reports.length === 1);

    const page = await browser.newPage({ viewport: { width: 1440, height: 1600 }, locale: 'zh-TW' });
    await page.goto(`http://127.0.0.1:${uiPort}/namespaces/default/workflows/${encodeURIComponent(handle.workflowId)}`);
    // the event timeline names what each activity and timer is for, in the workflow's own words
    await page.getByText('renderDocument • 生成《舆情专报》').filter({ visible: true }).first().waitFor({ timeout: 30_000 });
    await page.getByText(/^上报期限 至 \d\d-\d\d \d\d:\d\d$/).filter({ visible: true }).first().waitFor();
    await screenshot(page, 'temporal-ui-incident-history');
    // the summary, the details given at start and the current details, each rendered as Markdown
    await page.getByRole('tab', { name: 'User Metadata' }).click();
    await rendered(page, 'p', '【重大】网传某校食堂饭菜变质 · 宣传部');
    await rendered(page, 'strong', '报告人');
    await rendered(page, 'p', /下一期限：初步回应期限 \d{4}-\d\d-\d\d \d\d:\d\d（剩/);
    // the office drafts the plan; the verbal report still owes a written one; forwarding, done, is not awaited again
    const details = await rendered(page, 'p', /待决定：.*登记上报（办公室及责任部门或分管领导）.*拟定处置方案（办公室及责任部门）/);
    expect(details).not.toContain('登记转达');
    expect(details).not.toContain('审批处置方案');
    const path = await screenshot(page, 'temporal-ui-incident');
    console.log(`Temporal UI screenshot: ${path}`);
    await page.close();
  });

  it('the web page lists the weekly report and opens it', async () => {
    const report = await app.env.client.workflow.execute<typeof rollupWorkflow>(ROLLUP_WORKFLOW, {
      taskQueue: app.worker.taskQueue,
      workflowId: `rollup-weekly-${Date.now()}`,
      args: [{ kind: 'weekly' }],
    });
    const { cookie } = await asSession(app.baseUrl, 'monitor');
    const [name, value] = cookie.split('=') as [string, string];
    const context = await browser.newContext({ locale: 'zh-TW' });
    await context.addCookies([{ name, value, url: app.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/`);
    const line = page.locator(`#reports li[data-report="${report.name}"]`);
    await line.waitFor();
    expect(await line.textContent()).toContain(`《网络舆情周报》 ${report.label}`);
    await page.goto(app.baseUrl + (await line.getByRole('link', { name: '查看' }).getAttribute('href'))!);
    expect(await page.locator('h1').textContent()).toBe('《网络舆情周报》');
    await context.close();
  });
});
