// People are told when they must act, on a real dev server and worker: the office and leadership
// have a webhook (a local receiver), the superior authority has none. What arrives there, what the
// incident records, and that each event arrives once, through retries and a worker restart.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeKind } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { startReceiver } from '../activities/receiver';
import { type RunningWorker, startTestServer, startWorker } from '../helpers/temporal';
import { driveToEnd, driveUntil, send, waitForState } from './driver';
import { fastPolicy, incidentInput, METRICS_FOR, people } from './fixtures';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
interface Arrival {
  event: NoticeKind;
  roles: string[];
  title: string;
  idempotencyKey: string;
  workflowId: string;
  deadline?: { label: string; dueAt: string };
  at: number;
}

let env: TestWorkflowEnvironment;
let receiver: Receiver;
let worker: RunningWorker;

/** the webhook the office, the monitors and leadership share; the superior authority has none */
const channelsFor = (url: string) => ({ YUQING_NOTIFY_WEBHOOK_URL_HANDLER: url, YUQING_NOTIFY_WEBHOOK_URL_APPROVER: url, YUQING_NOTIFY_WEBHOOK_URL_MONITOR: url });

beforeAll(async () => {
  env = await startTestServer();
  receiver = await startReceiver();
  worker = await startWorker(env, { env: channelsFor(receiver.url) });
});
afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await receiver?.close();
});

function arrivals(r: Receiver, workflowId: string): Arrival[] {
  return r.accepted().flatMap((x) => (x.body.workflowId === workflowId ? [{ ...x.body, at: x.at }] : []));
}

async function eventually<T>(probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const arrived = (r: Receiver, workflowId: string, match: (a: Arrival) => boolean, timeoutMs?: number) =>
  eventually(() => arrivals(r, workflowId).find(match), timeoutMs);

const start = (input: ReturnType<typeof incidentInput>, prefix: string, taskQueue = worker.taskQueue) =>
  env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue, workflowId: `${prefix}-${input.requestId}`, args: [input] });

const told = (s: IncidentState) => (s.notices ?? []).map((n) => `${n.kind} ${n.title} → ${n.roles.join(',')}`).sort();

describe('notices', () => {
  it('a critical incident is told at once to leadership and the superior authority; the superior, with no channel, shows as not reached', async () => {
    const startedAt = Date.now();
    const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.critical, category: 'fabrication' } }), 'registered');
    const registered = await arrived(receiver, handle.workflowId, (a) => a.event === 'registered');
    expect(registered.at - startedAt).toBeLessThan(10_000);
    expect(registered).toMatchObject({ roles: ['approver', 'superior'], title: '特别重大舆情（一级响应）已登记', idempotencyKey: `${handle.workflowId}:registered`, deadline: { label: '上报期限' } });

    const s = await waitForState(handle, (x) => (x.notices ?? []).some((n) => n.kind === 'registered'));
    expect(s.notices!.find((n) => n.kind === 'registered')).toMatchObject({ roles: ['approver', 'superior'], channels: ['webhook:monitor,handler,approver'], undelivered: ['superior'] });
    const line = s.timeline.find((e) => e.kind === 'notified' && e.text.includes('已登记'))!;
    expect(line).toMatchObject({ undelivered: true, text: '通知 分管领导、上级主管部门：特别重大舆情（一级响应）已登记（webhook:monitor,handler,approver）；未送达：上级主管部门未设定接收渠道' });
    await handle.terminate('test done');
  });

  it('a pending decision is told once to the roles that may take it, not again on unrelated updates, and again when it is awaited anew', async () => {
    const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.significant, category: 'hype' } }), 'decision');
    const reportNeeded = (a: Arrival) => a.event === 'decisionNeeded' && a.title === '待登记上报';
    const first = await arrived(receiver, handle.workflowId, reportNeeded);
    expect(first.roles).toEqual(['handler', 'approver']);

    for (let views = 601; views <= 603; views++) await send(handle, { name: 'metricsUpdated', by: people.monitor, fields: { metrics: { ...METRICS_FOR.significant, views } } });
    await waitForState(handle, (s) => s.metricsHistory.length === 4);
    // reported to the one recipient significant owes: no longer awaited; the rise to major owes a
    // report to the new grade's recipients, asked for again under a new key
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { kind: 'first', channel: 'written', recipients: ['superiorDepartment'] } });
    await waitForState(handle, (s) => s.reports.length === 1 && !s.pendingDecisions.some((p) => p.name === 'reportFiled' && p.expected));
    await send(handle, { name: 'metricsUpdated', by: people.monitor, fields: { metrics: METRICS_FOR.major } });
    await eventually(() => (arrivals(receiver, handle.workflowId).filter(reportNeeded).length === 2 ? true : undefined));
    // major needs a plan, which the office drafts first
    const plan = await arrived(receiver, handle.workflowId, (a) => a.event === 'decisionNeeded' && a.title === '待拟定处置方案');
    expect(plan.roles).toEqual(['handler']);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const asked = arrivals(receiver, handle.workflowId).filter(reportNeeded);
    expect(asked).toHaveLength(2);
    expect(new Set(asked.map((a) => a.idempotencyKey)).size).toBe(2);
    await handle.terminate('test done');
  });

  it('the office is reminded before the report deadline passes, then leadership told of the breach', async () => {
    const handle = await start(incidentInput({ policy: fastPolicy({ overrides: { report: { amount: 8, unit: 'seconds' } } }) }), 'due-soon');
    const reminder = await arrived(receiver, handle.workflowId, (a) => a.event === 'dueSoon');
    const s = await waitForState(handle, (x) => x.deadlines.some((d) => d.kind === 'report' && d.remindedFor));
    const report = s.deadlines.find((d) => d.kind === 'report')!;
    expect(reminder).toMatchObject({ roles: ['handler'], idempotencyKey: `${handle.workflowId}:dueSoon:report@${report.dueAt}`, deadline: { label: '上报期限', dueAt: report.dueAt } });
    // halfway: four of the eight seconds
    expect(reminder.at).toBeLessThan(Date.parse(report.dueAt));
    expect(reminder.at).toBeGreaterThanOrEqual(Date.parse(report.startedAt) + 4000);
    const breach = await arrived(receiver, handle.workflowId, (a) => a.event === 'breach');
    expect(breach.roles).toEqual(['approver']);
    expect(arrivals(receiver, handle.workflowId).filter((a) => a.event === 'dueSoon')).toHaveLength(1);
    await handle.terminate('test done');
  });

  it('a rise in grade is told to the office, leadership and the superior authority', async () => {
    const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.general, category: 'hype' } }), 'escalation');
    await send(handle, { name: 'escalate', by: people.handler, fields: { severity: 'critical', reason: '央媒转载' } });
    const escalation = await arrived(receiver, handle.workflowId, (a) => a.event === 'escalation');
    expect(escalation).toMatchObject({ roles: ['handler', 'approver', 'superior'], title: '一般升为特别重大', idempotencyKey: `${handle.workflowId}:escalation:0` });
    await handle.terminate('test done');
  });

  it('a critical incident from registration to archive: every notice once, the last one (closed) in the archived state', async () => {
    const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.critical, category: 'fabrication' } }), 'lifecycle');
    const final = await driveToEnd(handle, { verdict: 'confirmed', releases: 1, metricsUpdates: 0 });
    expect(final.closed?.outcome).toBe('completed');
    expect(told(final)).toEqual(
      [
        'registered 特别重大舆情（一级响应）已登记 → approver,superior',
        // awaited from registration: forwarding, the report, the plan's draft, a first response
        'decisionNeeded 待登记转达 → handler',
        'decisionNeeded 待登记上报 → handler,approver',
        'decisionNeeded 待拟定处置方案 → handler',
        'decisionNeeded 待登记回应引导 → handler,approver',
        'decisionNeeded 待审批处置方案 → approver',
        'decisionNeeded 待提交核查结论 → handler',
        'decisionNeeded 待起草通稿 → handler',
        'decisionNeeded 待审核核查结论 → handler,approver',
        // the accountability a confirmed fabrication needs before coordination ends
        'decisionNeeded 待登记处置措施 → handler,approver',
        'decisionNeeded 待审定回应 → approver',
        'decisionNeeded 待办公室审改（第1号通稿） → handler,approver',
        'decisionNeeded 待领导审定（第1号通稿） → approver',
        'published 第1号通稿《情况通报（1）》已发布 → handler,approver,superior',
        // once, after the first bulletin: not while tracking starts
        'decisionNeeded 待确认平稳 → approver',
        'decisionNeeded 待提交总结 → handler',
        'decisionNeeded 待审批总结 → approver',
        'closed 处置完毕，总结已批准，结案归档 → handler,approver,superior',
        // 24-hour duty switched on with it, and the worker has no roster: every hour is a gap
        'dutyGap 24小时值班：未来24小时有时段无人值班 → handler',
      ].sort(),
    );
    const keys = arrivals(receiver, handle.workflowId).map((a) => a.idempotencyKey);
    expect(keys).toHaveLength(19);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining([`${handle.workflowId}:published:1`, `${handle.workflowId}:closed`]));
  });

  it('a withdrawal is told as the end', async () => {
    const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' } }), 'withdrawn');
    await send(handle, { name: 'withdraw', by: people.leader, fields: { reason: '重复登记' } });
    const final: IncidentState = await handle.result();
    // notices go out side by side, so the one told first may be filed after it; the archive waits for all
    expect(final.notices?.filter((n) => n.kind === 'closed')).toEqual([expect.objectContaining({ title: '已撤销：重复登记', roles: ['handler', 'approver', 'superior'], undelivered: ['superior'] })]);
    expect((await arrived(receiver, handle.workflowId, (a) => a.event === 'closed')).idempotencyKey).toBe(`${handle.workflowId}:closed`);
  });

  it('each notice arrives once through a failing receiver’s retries and a worker restart', async () => {
    // the first two deliveries fail: Temporal retries them, the ledger keeps what succeeded
    const flaky = await startReceiver([500, 503]);
    const first = await startWorker(env, { env: channelsFor(flaky.url) });
    let second: RunningWorker | undefined;
    try {
      const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.critical, category: 'fabrication' } }), 'restart', first.taskQueue);
      // forwarded, reported, the plan drafted and approved: the findings are awaited
      await driveUntil(handle, (s) => s.pendingDecisions.some((p) => p.name === 'findingsSubmitted' && p.expected));
      await arrived(flaky, handle.workflowId, (a) => a.title === '待提交核查结论');
      await first.stop();
      second = await startWorker(env, { taskQueue: first.taskQueue, dataDir: first.dataDir, env: channelsFor(flaky.url) });
      const final = await driveToEnd(handle, { verdict: 'confirmed', releases: 1, metricsUpdates: 0 });
      expect(final.closed?.outcome).toBe('completed');
      expect(flaky.received.filter((r) => r.status >= 500)).toHaveLength(2);
      const keys = arrivals(flaky, handle.workflowId).map((a) => a.idempotencyKey);
      // the 18 of a straight run at least (a restart's timing may make a decision awaited anew, told
      // under its own key), each the one the incident recorded; the one delivery in flight when the
      // worker stopped may arrive again after it (the ledger's documented window), under the same
      // Idempotency-Key, which is what lets the receiver drop it
      const distinct = new Set(keys);
      expect(distinct.size).toBeGreaterThanOrEqual(18);
      expect(keys.length - distinct.size).toBeLessThanOrEqual(1);
      expect(final.notices).toHaveLength(distinct.size);
    } finally {
      await second?.stop();
      await first.stop();
      await flaky.close();
    }
  });
});
