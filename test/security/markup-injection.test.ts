// Attack: an alert's title, department and source URLs come from outside. Registered through the
// API on a running worker, their Markdown and HTML must stay text: in the Temporal UI (the dev
// server's, in Chromium), in the chat robots' Markdown and in the e-mail, no element the attacker
// wrote and no link but the system's own may appear.
import type { AddressInfo } from 'node:net';
import { defaultPayloadConverter } from '@temporalio/common';
import { type ParsedMail, simpleParser } from 'mailparser';
import { Marked, type Token } from 'marked';
import type { Browser, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, incidentBody } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { contacts } from '../activities/channels/fixtures';
import { notifyConfig, startRobot } from '../activities/channels/robots';
import { launchChromium } from '../browser/chromium';
import { freePort } from '../helpers/ports';
import { nextDecision, send, waitForState } from '../workflows/driver';
import { fastPolicy, METRICS_FOR } from '../workflows/fixtures';

const PHISH = '[请点此重新登入](https://phish.example/login)';
// the summary keeps the first 39 characters: the script link and the tag come first
const TITLE = `[登入](javascript:alert(1))<img src=x onerror=alert(2)>${PHISH}<b>粗</b>`;
const DEPARTMENT = '<u>后勤处</u>';
const SOURCES = ['https://a.example/x>[再登入](javascript:alert(3))', 'https://a.example/y><img src=x onerror=alert(4)>', 'https://a.example/z)](javascript:alert(5))'];

let app: LiveApp;
let browser: Browser;
let uiPort: number;
let robots: Record<'wecom' | 'dingtalk' | 'feishu', Awaited<ReturnType<typeof startRobot>>>;
let smtp: { close(): Promise<void>; mails: ParsedMail[] };

async function startSmtp(): Promise<{ port: number; close(): Promise<void>; mails: ParsedMail[] }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

beforeAll(async () => {
  uiPort = await freePort();
  const [wecom, dingtalk, feishu, mail] = await Promise.all([startRobot('wecom'), startRobot('dingtalk'), startRobot('feishu'), startSmtp()]);
  robots = { wecom, dingtalk, feishu };
  smtp = mail;
  const config = await notifyConfig({
    channels: {
      wecom: { type: 'wecom', webhook: { env: 'WECOM_WEBHOOK' } },
      dingtalk: { type: 'dingtalk', webhook: { env: 'DINGTALK_WEBHOOK' } },
      feishu: { type: 'feishu', webhook: { env: 'FEISHU_WEBHOOK' } },
      mail: { type: 'email', host: '127.0.0.1', port: mail.port, tls: 'none', from: '舆情系统 <yuqing@school.example>' },
    },
    routes: [{ roles: ['approver'], events: ['breach'], channels: ['wecom', 'dingtalk', 'feishu', 'mail'] }],
    contacts,
  });
  [app, browser] = await Promise.all([
    startLiveApp({
      server: { uiPort },
      // the report deadline passes at once, so the leadership hears of the breach
      deps: { policy: () => fastPolicy({ overrides: { report: { amount: 2, unit: 'seconds' } } }) },
      workerEnv: { YUQING_NOTIFY_CONFIG: config, WECOM_WEBHOOK: wecom.webhook, DINGTALK_WEBHOOK: dingtalk.webhook, FEISHU_WEBHOOK: feishu.webhook },
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.teardown();
  await Promise.all([...Object.values(robots ?? {}).map((r) => r.close()), smtp?.close()]);
});

async function register(): Promise<string> {
  const res = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', incidentBody({ title: TITLE, department: DEPARTMENT, sourceUrls: SOURCES, metrics: METRICS_FOR.significant }));
  expect(res.status).toBe(201);
  return res.body.workflowId;
}

/** The frames in which the UI renders Markdown (/render?content=…). */
const markdownFrames = (page: Page) => page.frames().filter((f) => f.url().includes('/render?'));

/** Links and raw HTML a Markdown text would render as, read by a CommonMark/GFM parser. */
function markup(markdown: string): { links: string[]; html: string[] } {
  const found = { links: [] as string[], html: [] as string[] };
  new Marked().walkTokens(new Marked().lexer(markdown), (t: Token) => {
    if (t.type === 'link') found.links.push(`${t.text} -> ${t.href}`);
    if (t.type === 'html') found.html.push(t.raw);
  });
  return found;
}

describe('outside text in Markdown and HTML', () => {
  let workflowId: string;
  beforeAll(async () => {
    workflowId = await register();
  });

  it('the Temporal UI renders the summary and details as text, with the source URLs as their own links only', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1600 }, locale: 'zh-TW' });
    await page.goto(`http://127.0.0.1:${uiPort}/namespaces/default/workflows/${encodeURIComponent(workflowId)}`);
    await page.getByRole('tab', { name: 'User Metadata' }).click();
    // wait until the summary and the details both show
    await expect
      .poll(async () => {
        const texts = await Promise.all(markdownFrames(page).map((f) => f.locator('body').textContent().catch(() => '')));
        return texts.some((t) => t?.includes('【较大】')) && texts.some((t) => t?.includes('报告人'));
      }, { timeout: 30_000 })
      .toBe(true);
    const frames = markdownFrames(page);
    const found = await Promise.all(
      frames.map(async (f) => ({
        scriptLinks: await f.locator('a[href^="javascript:" i]').count(),
        injected: await f.locator('img, b, u, script, iframe').count(),
        hrefs: await f.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')),
        text: (await f.locator('body').textContent()) ?? '',
      })),
    );
    expect(found.map((f) => f.scriptLinks)).toEqual(frames.map(() => 0));
    expect(found.map((f) => f.injected)).toEqual(frames.map(() => 0));
    // the only links are the three sources, each whole
    const hrefs = found.flatMap((f) => f.hrefs);
    expect(hrefs).toHaveLength(SOURCES.length);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/a\.example\/[xyz][^<>\s"]*$/);
    // and what the attacker wrote is still there to read
    expect(found.some((f) => f.text.includes('登入') && f.text.includes('后勤处'))).toBe(true);
    await page.close();
  });

  it('the breach notice in WeCom, DingTalk and Feishu links only to the incident page', async () => {
    const handle = app.env.client.workflow.getHandle(workflowId);
    await waitForState(handle, (s) => s.timeline.some((e) => e.kind === 'notified' && e.text.includes('上报期限已过')));
    for (const [platform, robot] of Object.entries(robots)) {
      const [text] = robot.shown();
      expect([platform, text]).toEqual([platform, expect.stringContaining('请点此重新登入')]);
      const { links, html } = markup(text!);
      expect([platform, links]).toEqual([platform, [`打开事件页 -> http://127.0.0.1:3000/incidents/${workflowId}`]]);
      // Feishu's own mentions, <at id=…></at>, are the only tags
      expect([platform, html.filter((tag) => !/^<\/?at( id=ou_\w+)?>$/.test(tag))]).toEqual([platform, []]);
    }
  });

  it('a release titled with markup is named as text in its publish activity\'s summary', async () => {
    const handle = app.env.client.workflow.getHandle(workflowId);
    const scenario = { verdict: 'confirmed' as const, releases: 1, metricsUpdates: 0 };
    let s = await waitForState(handle, () => true);
    while (!s.releases.some((r) => r.status === 'published')) {
      const step = nextDecision(s, scenario);
      if (step?.name === 'releaseDrafted') step.fields.title = TITLE;
      const seen = s.timeline.length;
      if (step) await send(handle, step);
      s = await waitForState(handle, (n) => (step ? n.timeline.slice(seen).some((e) => e.decision === step.name) : n.timeline.length > seen) || n.releases.some((r) => r.status === 'published'));
    }
    const events = (await handle.fetchHistory()).events ?? [];
    const summaries = events
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'publishRelease')
      .map((e) => defaultPayloadConverter.fromPayload<string>(e.userMetadata!.summary!));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toContain('请点此重新登入');
    expect(markup(summaries[0]!)).toEqual({ links: [], html: [] });
  });

  it('the breach e-mail has no element from the title and links only to the incident page', async () => {
    await expect.poll(() => smtp.mails.length, { timeout: 15_000 }).toBe(1);
    const html = smtp.mails[0]!.html || '';
    expect(html).toContain('请点此重新登入');
    expect([...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1])).toEqual([`http://127.0.0.1:3000/incidents/${workflowId}`]);
    expect(html).not.toMatch(/<(img|b|u)[\s>]/);
  });
});
