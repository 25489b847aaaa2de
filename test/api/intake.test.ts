// POST /api/intake/alerts on a real dev server with a real worker: however many times and by
// whichever system one item is posted, it is one incident, and the repeats reach it as metrics.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentState } from '../../domain/model/state';
import { anonymous, asToken, eventually, type Call } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

const DEPARTMENT = '宣传部';

let app: LiveApp;
let intake: Call;
let monitor: Call;

beforeAll(async () => {
  app = await startLiveApp({ deps: { intakeDepartment: DEPARTMENT } });
  intake = asToken(app.baseUrl, 'intake');
  monitor = asToken(app.baseUrl, 'monitor');
});
afterAll(async () => {
  await app?.teardown();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const views = (n: number) => ({ views: n, comments: 0, reposts: 0, mainstreamSites: 0, mainstreamMedia: false });

function alert(overrides: Record<string, unknown> = {}) {
  return {
    url: `https://bbs.example.cn/thread/${randomUUID()}`,
    channel: 'forum',
    excerpt: '网传某校食堂饭菜变质\n家长群里已经传开了',
    seenAt: minutesAgo(5),
    sourceSystem: '甲监测平台',
    ...overrides,
  };
}

const state = async (id: string): Promise<IncidentState> => {
  const res = await monitor('GET', `/api/incidents/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.state;
};

const history = async (id: string) => (await app.env.client.workflow.getHandle(id).fetchHistory()).events ?? [];
const signalsIn = async (id: string) => (await history(id)).filter((e) => e.workflowExecutionSignaledEventAttributes).length;
const runsOf = async (id: string) => {
  const runs = [];
  for await (const info of app.env.client.workflow.list({ query: `WorkflowId = '${id}'` })) runs.push(info.runId);
  return runs;
};

describe('POST /api/intake/alerts', () => {
  it('starts one incident for one item posted three ways, and the repeats update its metrics', async () => {
    const seenAt = minutesAgo(30);
    const first = await intake('POST', '/api/intake/alerts', alert({
      url: 'https://m.weibo.cn/status/4404101091169383?from=timeline&utm_source=wechat#comments',
      channel: 'weibo',
      seenAt,
      metrics: views(100),
    }));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ created: true, closed: false });
    const id = first.body.workflowId as string;
    expect(id).toMatch(/^alert-[0-9a-f]{16}$/);
    expect(first.headers.get('location')).toBe(`/api/incidents/${id}`);

    // the same system again, from the desktop page with its share parameters
    const again = await intake('POST', '/api/intake/alerts', alert({ url: 'https://weibo.com/3086148515/I1IGF4Ud1?share_token=x7&utm_medium=app', channel: 'weibo', seenAt: minutesAgo(10), metrics: views(600) }));
    // another system, a day's worth of clock later: the id does not depend on when it was seen
    const other = await intake('POST', '/api/intake/alerts', alert({ url: 'https://www.weibo.com/3086148515/I1IGF4Ud1/', channel: 'weibo', seenAt: minutesAgo(1), sourceSystem: '乙舆情系统', metrics: views(1200) }));
    for (const repeat of [again, other]) {
      expect(repeat.status, JSON.stringify(repeat.body)).toBe(200);
      expect(repeat.body).toMatchObject({ workflowId: id, created: false, closed: false });
    }

    const s = await eventually(async () => {
      const x = await state(id);
      return x.metricsHistory.at(-1)?.metrics.views === 1200 && x;
    });
    // one at the start, then one update per post (the first post's own included)
    expect(s.metricsHistory.map((m) => m.metrics.views)).toEqual([100, 100, 600, 1200]);
    expect(s.severity).toBe('major');
    expect(s.origin).toEqual({ sourceSystem: '甲监测平台', url: 'https://m.weibo.cn/status/I1IGF4Ud1', seenAt });
    expect(s.incident).toMatchObject({ discoveredAt: seenAt, department: DEPARTMENT, category: 'inquiry', title: '网传某校食堂饭菜变质', sourceUrls: ['https://m.weibo.cn/status/I1IGF4Ud1'] });
    // the deadlines run from when the item was seen, not from when it reached us (forwarding to the
    // department at every grade; a general item's report upward, once its grade needs one, from the rise)
    expect(s.deadlines.find((d) => d.kind === 'forward')?.startedAt).toBe(seenAt);
    expect(s.pendingDecisions.map((p) => p.name)).toContain('assessed');
    expect(await signalsIn(id)).toBe(3);
    expect(await eventually(async () => (await runsOf(id)).length > 0 && runsOf(id))).toHaveLength(1);
  });

  it('answers two systems posting a new item at the same moment with one 201 and one 200', async () => {
    const url = `https://news.example.cn/a/${randomUUID()}`;
    const [a, b] = await Promise.all([
      intake('POST', '/api/intake/alerts', alert({ url: `${url}?utm_source=a`, metrics: views(10) })),
      intake('POST', '/api/intake/alerts', alert({ url: `${url}/`, sourceSystem: '乙舆情系统', metrics: views(20) })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.workflowId).toBe(b.body.workflowId);
    // both posts' metrics reach the incident; a signal that arrives while a workflow task is running
    // is held by the server and written to the history only when that task completes
    const s = await eventually(async () => {
      const x = await state(a.body.workflowId);
      return x.metricsHistory.length === 3 && x;
    });
    expect(s.metricsHistory.slice(1).map((m) => m.metrics.views).sort((p, q) => p - q)).toEqual([10, 20]);
    expect(await signalsIn(a.body.workflowId)).toBe(2);
  });

  it('leaves a running incident alone when a repeat carries no metrics', async () => {
    const body = alert();
    const first = await intake('POST', '/api/intake/alerts', body);
    expect(first.status).toBe(201);
    const repeat = await intake('POST', '/api/intake/alerts', { ...body, seenAt: minutesAgo(1) });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ workflowId: first.body.workflowId, created: false, closed: false });
    const s = await state(first.body.workflowId);
    expect(s.metricsHistory).toHaveLength(1);
    expect(s.incident.discoveredAt).toBe(body.seenAt);
    expect(await signalsIn(first.body.workflowId)).toBe(0);
  });

  it('does not reopen an item the monitor dismissed: a later sighting is answered closed and changes nothing', async () => {
    const body = alert({ metrics: views(50) });
    const first = await intake('POST', '/api/intake/alerts', body);
    const id = first.body.workflowId as string;
    await eventually(async () => (await state(id)).pendingDecisions.some((p) => p.name === 'assessed'));
    const dismissed = await monitor('POST', `/api/incidents/${id}/decisions/assessed`, { confirm: false, reason: '与本单位无关' });
    expect(dismissed.status, JSON.stringify(dismissed.body)).toBe(200);
    await app.env.client.workflow.getHandle(id).result();
    const eventsBefore = (await history(id)).length;

    const later = await intake('POST', '/api/intake/alerts', { ...body, metrics: views(5000), seenAt: minutesAgo(0) });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    expect(later.body).toMatchObject({ workflowId: id, created: false, closed: true });
    expect(await runsOf(id)).toHaveLength(1);
    expect((await history(id)).length).toBe(eventsBefore);
  });

  it('takes alerts only from the intake role, and names each bad field and its rule', async () => {
    expect((await anonymous(app.baseUrl)('POST', '/api/intake/alerts', alert())).status).toBe(401);
    const forbidden = await monitor('POST', '/api/intake/alerts', alert());
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');

    const bad = await intake('POST', '/api/intake/alerts', alert({ url: 'ftp://bbs.example.cn/1', seenAt: new Date(Date.now() + 3_600_000).toISOString(), channel: 'radio', sourceSystem: '' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { field: string }) => i.field).sort()).toEqual(['channel', 'sourceSystem', 'url']);
    // the future check runs once the shape is right
    const future = await intake('POST', '/api/intake/alerts', alert({ seenAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(future.status).toBe(400);
    expect(future.body.error.issues).toEqual([{ field: 'seenAt', rule: 'must not be in the future', message: '监测时间：不能晚于现在' }]);
  });
});
