// Drills (演练) through the API and the pages, on a real server, worker and Chromium: the form's box
// registers a drill, the API refuses a drill flag that is not a boolean, the list and the incident
// page mark it, and so does its summary in the Temporal UI; a real incident beside it is not marked.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { currentPolicy } from '../../config/policy';
import { signingPolicy } from '../../config/signing';
import { asToken, eventually, incidentBody, TEST_SIGNER, type Person } from '../api/harness';
import { signInThrough, useAppAndBrowser } from './chromium';

// the intake account may post drill alerts (drill.fromIntake)
const policy = (now: Date) => {
  const p = currentPolicy({ now });
  return { ...p, signing: signingPolicy(TEST_SIGNER), drill: { ...p.drill, fromIntake: ['intake'] } };
};
const { app, browser } = useAppAndBrowser({ deps: { policy } });

async function signIn(who: Person, path: string): Promise<Page> {
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  return signInThrough(await context.newPage(), app().baseUrl, path, who);
}

describe('a drill on the pages', () => {
  it('is registered from the form and marked in the list, on its page and in the Temporal UI summary', async () => {
    const monitor = asToken(app().baseUrl, 'monitor');
    const refused = await monitor('POST', '/api/incidents', incidentBody({ drill: 'yes' }), { 'idempotency-key': randomUUID() });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('drill');

    const department = `宣传部-${randomUUID().slice(0, 6)}`;
    const real = await monitor('POST', '/api/incidents', incidentBody({ department, title: '真实事件' }), { 'idempotency-key': randomUUID() });
    expect(real.status).toBe(201);

    const page = await signIn('monitor', '/incidents/new');
    await page.fill('[name=title]', '演练：网传某校食堂饭菜变质');
    await page.fill('[name=summary]', '演练用的事件。');
    await page.fill('[name=sourceUrls]', 'https://weibo.example/post/drill');
    await page.selectOption('[name=channel]', 'weibo');
    await page.fill('[name=department]', department);
    await page.selectOption('[name=category]', 'hype');
    await page.check('[name=drill]');
    await page.click('#submit');
    await page.waitForURL(/\/incidents\/incident-/);
    const drillId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.waitForSelector('#drill-banner');
    expect(await page.textContent('#drill-banner')).toContain('【演练】本事件为演练');
    expect(await page.textContent('.badges')).toContain('演练');

    const state = (await monitor('GET', `/api/incidents/${drillId}`)).body.state;
    expect(state.drill).toBe(true);
    // deadlines compressed by the default factor: a tenth of each span
    const { deadlines: realDeadlines } = (await monitor('GET', `/api/incidents/${real.body.workflowId}`)).body.state;
    type Due = { kind: string; dueAt: string; startedAt: string };
    const span = (d: Due) => Date.parse(d.dueAt) - Date.parse(d.startedAt);
    const forward = (ds: Due[]) => ds.find((d) => d.kind === 'forward')!;
    expect(span(forward(state.deadlines))).toBe(span(forward(realDeadlines)) / 10);

    const handle = app().env.client.workflow.getHandle(drillId);
    expect(await (await handle.describe()).staticSummary()).toMatch(/^【演练】【/);
    expect(await (await app().env.client.workflow.getHandle(real.body.workflowId).describe()).staticSummary()).not.toContain('演练');

    const rows = await eventually(async () => {
      await page.goto(`${app().baseUrl}/?department=${encodeURIComponent(department)}`);
      await page.waitForSelector('tbody tr', { timeout: 5_000 }).catch(() => undefined);
      const found = await page.$$eval('tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-workflow-id'), !!tr.querySelector('.badge.drill')]));
      return found.length === 2 && found;
    });
    expect(Object.fromEntries(rows)).toEqual({ [drillId]: true, [real.body.workflowId]: false });
  });

  it('from a monitoring system: its page says which system and account marked it a drill', async () => {
    const intake = asToken(app().baseUrl, 'intake');
    const posted = await intake('POST', '/api/intake/alerts', {
      url: `https://bbs.example.cn/thread/${randomUUID()}`,
      channel: 'forum',
      excerpt: '演练：网传某校食堂饭菜变质',
      seenAt: new Date(Date.now() - 60_000).toISOString(),
      sourceSystem: '甲监测平台',
      drill: true,
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const page = await signIn('monitor', `/incidents/${posted.body.workflowId}`);
    await page.waitForSelector('#drill-banner');
    const banner = await page.textContent('#drill-banner');
    expect(banner).toContain('【演练】本事件为演练');
    expect(banner).toContain('由监测系统「甲监测平台」（舆情监测平台, intake）推送时标为演练。');
  });
});
