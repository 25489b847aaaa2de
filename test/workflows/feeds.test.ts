// The feed watcher on a real dev server: a local feed server serves fixture RSS, Atom and JSON
// feeds (Simplified Chinese, as mainland sites write), the rules are written in Traditional
// characters, and triggering the Schedule's run posts the matches through the real intake API.
// Exactly the matching items become incidents, each once; a second run starts none.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, WorkflowFailedError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../config/env';
import { type FeedsConfig, loadFeedsConfig } from '../../config/feeds';
import { ensureFeedSchedule, FEED_SCHEDULE_ID } from '../../workers/feed-schedule';
import { INCIDENT_WORKFLOW, stateQuery } from '../../workflows/incident/definitions';
import { FEED_WATCH_WORKFLOW, type FeedWatchResult } from '../../workflows/feed-watch/definitions';
import { alertWorkflowId, normaliseItemUrl } from '../../domain/rules/intake-url';
import { baseDeps, eventually, listen, testUsers, token, type Listening } from '../api/harness';
import { type RunningWorker, startTestServer, startWorker } from '../helpers/temporal';
import { waitForState } from './driver';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>某县论坛</title><link>https://bbs.example.cn/</link><description>热帖</description>
<item><title>某县中学食堂饭菜变质</title><link>https://bbs.example.cn/thread/101?utm_source=rss&amp;from=feed</link><description><![CDATA[<p>家长反映孩子午饭后<b>腹泻</b></p>]]></description><pubDate>${daysAgo(0.1).toUTCString()}</pubDate></item>
<item><title>县医院急诊排长队</title><link>https://bbs.example.cn/thread/102</link><description>等了四个小时</description></item>
<item><title>县教育局招聘教师公告</title><link>https://bbs.example.cn/thread/103</link><description>面向应届学生</description></item>
<item><title>本地天气预报</title><link>https://bbs.example.cn/thread/104</link><description>明日小雨</description></item>
<item><title>去年的医院旧闻</title><link>https://bbs.example.cn/thread/105</link><description>旧事</description><pubDate>${daysAgo(30).toUTCString()}</pubDate></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>新闻</title><id>urn:news</id><updated>${daysAgo(0).toISOString()}</updated>
<entry><title>市第二医院收费不透明</title><link href="https://news.example.cn/a/202"/><id>urn:202</id><updated>${daysAgo(0.2).toISOString()}</updated><summary>患者质疑</summary></entry>
<entry><title>转载：某县中学食堂饭菜变质</title><link rel="alternate" href="https://BBS.example.cn/thread/101/?spm=a1.b2#reply"/><id>urn:101</id><updated>${daysAgo(0.1).toISOString()}</updated><summary>转载</summary></entry>
</feed>`;

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: '微博热议',
  items: [
    { id: '1', url: 'https://weibo.com/3086148515/I1IGF4Ud1?refer_flag=1', content_text: '多名学生家长聚集在校门口', date_published: daysAgo(0.05).toISOString() },
    { id: '2', url: 'mailto:tips@example.cn', title: '医院线索' },
  ],
});

const FEEDS: Record<string, { type: string; body: string }> = {
  '/forum.xml': { type: 'application/rss+xml', body: RSS },
  '/news.atom': { type: 'application/atom+xml', body: ATOM },
  '/weibo.json': { type: 'application/feed+json', body: JSON_FEED },
  '/broken': { type: 'text/html', body: '<html><body>维护中</body></html>' },
};

const MATCHES = {
  'https://bbs.example.cn/thread/101': '教育局',
  'https://bbs.example.cn/thread/102': '卫健委',
  'https://news.example.cn/a/202': '卫健委',
  'https://m.weibo.cn/status/I1IGF4Ud1': '教育局',
};

let drillAccounts: string[] = [];
let env: TestWorkflowEnvironment;
let api: Listening;
let feedServer: Server;
let worker: RunningWorker;
let feeds: FeedsConfig;
const taskQueue = `feeds-${randomUUID()}`;

beforeAll(async () => {
  env = await startTestServer();
  // the feed watcher's intake account may post drills only while a test puts it in drill.fromIntake
  const policy = baseDeps(env.client, await testUsers()).policy;
  api = await listen(baseDeps(env.client, await testUsers(), { taskQueue, policy: (now) => ({ ...policy(now), drill: { ...policy(now).drill, fromIntake: drillAccounts } }) }));
  feedServer = createServer((req, res) => {
    const feed = FEEDS[req.url ?? ''];
    res.writeHead(feed ? 200 : 404, { 'content-type': `${feed?.type ?? 'text/plain'}; charset=utf-8` }).end(feed?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;

  const dir = mkdtempSync(join(tmpdir(), 'yuqing-feeds-'));
  const file = join(dir, 'feeds.json');
  writeFileSync(
    file,
    JSON.stringify({
      // far longer than the test: only the triggered runs happen
      intervalMinutes: 1440,
      intake: { apiUrl: api.baseUrl, token: { env: 'YUQING_TEST_INTAKE_TOKEN' } },
      feeds: [
        { name: 'forum', url: `${base}/forum.xml`, channel: 'forum', sourceSystem: '某县论坛' },
        { name: 'news', url: `${base}/news.atom` },
        { name: 'weibo', url: `${base}/weibo.json`, channel: 'weibo' },
        { name: 'broken', url: `${base}/broken` },
        { name: 'forum-drill', url: `${base}/forum.xml`, channel: 'forum', sourceSystem: '演练论坛', drill: true },
      ],
      rules: [
        { department: '教育局', include: ['食堂 变质', '学生'], exclude: ['招聘'] },
        { department: '卫健委', include: ['医院'] },
      ],
    }),
  );
  const settings = { YUQING_FEEDS_CONFIG: file, YUQING_TEST_INTAKE_TOKEN: token('intake') };
  feeds = loadFeedsConfig(loadEnv(settings), settings)!;
  worker = await startWorker(env, { taskQueue, env: settings });
});
afterAll(async () => {
  await worker?.stop();
  await api?.close();
  feedServer?.close();
  await env?.teardown();
});

async function incidentIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const info of env.client.workflow.list({ query: `WorkflowType = '${INCIDENT_WORKFLOW}' AND TaskQueue = '${taskQueue}'` })) ids.push(info.workflowId);
  return ids.sort();
}

/** Triggers the Schedule and waits for the pass it started to finish. */
async function triggerPass(): Promise<FeedWatchResult> {
  const schedule = env.client.schedule.getHandle(FEED_SCHEDULE_ID);
  const before = (await schedule.describe()).info.recentActions.length;
  await schedule.trigger();
  const action = await eventually(async () => (await schedule.describe()).info.recentActions[before]);
  return env.client.workflow.getHandle(action.action.workflow.workflowId).result();
}

const created = (r: FeedWatchResult) => r.polled.flatMap((p) => p.created).sort();

describe('the feed watcher', () => {
  it('keeps one Schedule, polling at the configured interval and never overlapping', async () => {
    // only the readable feeds: the broken one has a test of its own
    const readable = { ...feeds, feeds: feeds.feeds.filter((f) => f.name !== 'broken' && !f.drill) };
    await ensureFeedSchedule(env.client, { taskQueue, feeds: readable });
    await ensureFeedSchedule(env.client, { taskQueue, feeds: readable });
    const schedules = [];
    for await (const s of env.client.schedule.list()) schedules.push(s.scheduleId);
    expect(schedules.filter((id) => id === FEED_SCHEDULE_ID)).toHaveLength(1);
    const described = await env.client.schedule.getHandle(FEED_SCHEDULE_ID).describe();
    expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(described.spec.intervals?.[0]?.every).toBe(1440 * 60_000);
    expect(described.action).toMatchObject({ workflowType: FEED_WATCH_WORKFLOW, args: [{ feeds: ['forum', 'news', 'weibo'] }] });
  });

  it('starts exactly the incidents the rules claim, each once, and a second run starts none', async () => {
    const first = await triggerPass();
    const expected = Object.keys(MATCHES).map((url) => alertWorkflowId(normaliseItemUrl(url))).sort();
    expect(created(first)).toEqual(expected);
    const forum = first.polled.find((p) => p.feed === 'forum')!;
    // 食堂+变质 and 医院 match; 招聘 excludes the job notice; the weather and a month-old item do not count
    expect(forum).toMatchObject({ items: 5, matched: 2 });
    // the Atom reprint of thread 101 is the same item: no second incident
    expect(first.polled.find((p) => p.feed === 'news')).toMatchObject({ matched: 2, repeated: 1 });
    expect(first.polled.find((p) => p.feed === 'weibo')?.skipped).toEqual([{ item: '医院线索', reason: 'no http(s) link' }]);
    expect(await eventually(async () => (await incidentIds()).length >= expected.length && incidentIds())).toEqual(expected);

    for (const [url, department] of Object.entries(MATCHES)) {
      const s = await env.client.workflow.getHandle(alertWorkflowId(url)).query(stateQuery);
      expect(s.incident.department, url).toBe(department);
      expect(s.origin?.url).toBe(url);
      expect(s.pendingDecisions.map((p) => p.name)).toContain('assessed');
    }
    // once the alert has asked its monitor for 研判, nothing more is owed until someone decides
    const thread101 = await waitForState(env.client.workflow.getHandle(alertWorkflowId(normaliseItemUrl('https://bbs.example.cn/thread/101'))), (s) =>
      (s.notices ?? []).some((n) => n.kind === 'decisionNeeded'),
    );
    expect(thread101.origin?.sourceSystem).toBe('某县论坛');
    expect(thread101.incident).toMatchObject({ title: '某县中学食堂饭菜变质', excerpt: '家长反映孩子午饭后 腹泻', channel: 'forum' });

    const second = await triggerPass();
    expect(created(second)).toEqual([]);
    expect(second.polled.reduce((n, p) => n + p.repeated, 0)).toBe(5);
    expect(await incidentIds()).toEqual(expected);
    // nothing reached the running incidents either: the feed sends no metrics
    const after = await env.client.workflow.getHandle(thread101.workflowId).query(stateQuery);
    expect(after.metricsHistory).toHaveLength(1);
    // no decision taken or refused since (the incident's own notices and timers may have added lines)
    const decided = (t: typeof after.timeline) => t.filter((e) => e.kind === 'decision' || e.kind === 'rejected');
    expect(decided(after.timeline)).toEqual(decided(thread101.timeline));
  });

  it('polls the other feeds when one is unreadable, and fails the pass naming it', async () => {
    const handle = await env.client.workflow.start(FEED_WATCH_WORKFLOW, { taskQueue, workflowId: `feed-watch-${randomUUID()}`, args: [{ feeds: ['forum', 'broken'] }] });
    const failure = await handle.result().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect(String((failure as WorkflowFailedError).cause?.message)).toMatch(/^feeds not polled: broken \(feed broken: not an RSS, Atom, RDF or JSON feed/);
    const history = await handle.fetchHistory();
    const completedPolls = history.events?.filter((e) => e.activityTaskCompletedEventAttributes).length;
    expect(completedPolls).toBe(1);
  });

  it('writes its Temporal texts in the organisation\'s script: the Schedule\'s, and each pass\'s summaries and details', async () => {
    const readable = { ...feeds, feeds: feeds.feeds.filter((f) => f.name !== 'broken' && !f.drill) };
    await ensureFeedSchedule(env.client, { taskQueue, feeds: readable, script: 'zh-Hant' });
    const described = await env.client.schedule.getHandle(FEED_SCHEDULE_ID).describe();
    expect(described.action).toMatchObject({ args: [{ feeds: ['forum', 'news', 'weibo'], script: 'zh-Hant' }] });
    expect(described.action.staticSummary).toBe('訂閱源巡檢');
    expect(described.state.note).toBe('每 1440 分鐘巡檢 3 個訂閱源');

    const handle = await env.client.workflow.start(FEED_WATCH_WORKFLOW, { taskQueue, workflowId: `feed-watch-${randomUUID()}`, args: [{ feeds: ['forum'], script: 'zh-Hant' }] });
    await handle.result();
    const events = (await handle.fetchHistory()).events ?? [];
    const summaries = events.map((e) => e.userMetadata?.summary).filter((p) => p).map((p) => defaultPayloadConverter.fromPayload<string>(p!));
    expect(summaries).toContain('抓取訂閱源 forum');
    const meta = await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata');
    expect(meta.currentDetails).toMatch(/^\*\*訂閱源巡檢\*\* 共 1 個訂閱源，命中 2 條，新登記 0 件$/);

    // a pass started without a script (a Schedule from before it was set) writes Simplified, as it always did
    const plain = await env.client.workflow.start(FEED_WATCH_WORKFLOW, { taskQueue, workflowId: `feed-watch-${randomUUID()}`, args: [{ feeds: ['forum'] }] });
    await plain.result();
    expect((await plain.query<{ currentDetails: string }>('__temporal_workflow_metadata')).currentDetails).toMatch(/^\*\*订阅源巡检\*\*/);
  });

  it('posts a practice feed\'s matches as drills beside the real incidents, once its account may', async () => {
    const run = () => env.client.workflow.execute(FEED_WATCH_WORKFLOW, { taskQueue, workflowId: `feed-watch-${randomUUID()}`, args: [{ feeds: ['forum-drill'] }] });
    drillAccounts = [];
    const refused = await run().catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(WorkflowFailedError);
    expect(String((refused as WorkflowFailedError).cause?.message)).toMatch(/drill\.fromIntake/);

    drillAccounts = ['intake'];
    const passed = (await run()) as FeedWatchResult;
    const real = ['https://bbs.example.cn/thread/101', 'https://bbs.example.cn/thread/102'].map((url) => alertWorkflowId(normaliseItemUrl(url)));
    expect(passed.polled[0]?.created.sort()).toEqual(real.map((id) => `drill-${id}`).sort());
    for (const id of real) {
      const drill = await env.client.workflow.getHandle(`drill-${id}`).query(stateQuery);
      expect(drill.drill).toBe(true);
      expect(drill.timeline[0]?.text).toContain('监测系统「演练论坛」');
      // the real incident of the same item is untouched and still real
      expect((await env.client.workflow.getHandle(id).query(stateQuery)).drill).toBeUndefined();
    }
  });

  it('removes the Schedule when no feeds are configured', async () => {
    await ensureFeedSchedule(env.client, { taskQueue, feeds: undefined });
    await expect(env.client.schedule.getHandle(FEED_SCHEDULE_ID).describe()).rejects.toThrow(ScheduleNotFoundError);
    // and every later worker start without feeds finds nothing to remove
    await ensureFeedSchedule(env.client, { taskQueue, feeds: undefined });
  });
});
