// Decisions sent straight to Temporal (as from the Temporal UI or CLI): the workflow checks every
// one itself, records what it refuses, and never fails on a bad one.
import { describe, expect, it } from 'vitest';
import { decisionSignals, INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import type { IncidentState } from '../../domain/model/state';
import { useServerAndWorker } from '../helpers/temporal';
import { approvePlan, driveToEnd, send, sendAsSeen, waitForState } from './driver';
import { incidentInput, METRICS_FOR, people } from './fixtures';
import { recordHistory } from './record';

const running = useServerAndWorker();

const start = (input = incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' } })) =>
  running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: `decisions-${input.requestId}`, args: [input] });

const rejections = (s: { timeline: { kind: string; text: string; decision?: string }[] }) => s.timeline.filter((e) => e.kind === 'rejected');

async function toPublishStep(handle: Awaited<ReturnType<typeof start>>) {
  await send(handle, { name: 'reportFiled', by: people.handler, fields: { channel: 'written', to: '上级' } });
  await approvePlan(handle);
  return waitForState(handle, (s) => s.steps.publish.status === 'active');
}

describe('decisions sent to Temporal directly', () => {
  it('malformed and out-of-step signals are recorded as rejected and the incident carries on', async () => {
    const input = incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' } });
    input.policy.signing.unsignedDecisions = 'accept-marked';
    const handle = await start(input);
    await handle.signal(decisionSignals.planDecided, 'not an object');
    await handle.signal(decisionSignals.reportFiled, { by: people.handler, channel: 'carrier pigeon', to: '上级' });
    await handle.signal(decisionSignals.stabilised, { by: people.leader, reason: '平稳' });
    await handle.signal(decisionSignals.planDecided, { by: people.handler, approve: true });
    const s = await waitForState(handle, (x) => rejections(x).length === 4);
    // signals that arrive before the workflow's first task are dispatched in the order their
    // handlers are registered, not the order they were sent: compare by decision
    const why = (name: string) => rejections(s).filter((e) => e.decision === name).map((e) => e.text).join('\n');
    expect(why('planDecided')).toContain('请求内容：格式不符');
    expect(why('planDecided')).toContain('须由分管领导决定');
    expect(why('reportFiled')).toContain('渠道：须为以下之一：口头、书面');
    expect(why('stabilised')).toContain('目前不在待办之列');
    expect(s.reports).toEqual([]);
    expect(s.plan).toBeUndefined();

    const progressed = await toPublishStep(handle);
    expect(progressed.steps.monitor.status).toBe('done');
    const desc = await handle.describe();
    expect(desc.status.name).toBe('RUNNING');
    await handle.terminate('test done');
  });

  it('the drafter cannot approve their own release; a returned release goes back to drafting', async () => {
    const handle = await start();
    await toPublishStep(handle);
    const both = { id: 'dual', name: '兼任主任', roles: ['handler', 'approver'] as ('handler' | 'approver')[] };
    await send(handle, { name: 'releaseDrafted', by: both, fields: { kind: 'facts', title: '情况通报', body: '经核查……', channels: ['官网'] } });
    await sendAsSeen(handle, { name: 'releaseReviewed', by: both, fields: { releaseNo: 1, approve: true } });
    let s = await waitForState(handle, (x) => rejections(x).length === 1);
    expect(rejections(s)[0]?.text).toContain('不得由起草或提交者本人决定');
    expect(s.releases[0]?.status).toBe('drafted');

    await sendAsSeen(handle, { name: 'releaseReviewed', by: people.office, fields: { releaseNo: 1, approve: false, comment: '原因表述过早' } });
    s = await waitForState(handle, (x) => x.releases[0]?.status === 'returned');
    expect(s.pendingDecisions.find((p) => p.name === 'releaseDrafted' && p.releaseNo === 1)).toBeDefined();

    await send(handle, { name: 'releaseDrafted', by: both, fields: { releaseNo: 1, kind: 'facts', title: '情况通报（修改）', body: '经核查……', channels: ['官网'] } });
    await sendAsSeen(handle, { name: 'releaseReviewed', by: people.office, fields: { releaseNo: 1, approve: true } });
    await sendAsSeen(handle, { name: 'releaseApproved', by: both, fields: { releaseNo: 1, approve: true } });
    s = await waitForState(handle, (x) => rejections(x).length === 2);
    expect(s.releases[0]?.status).toBe('reviewed');
    await sendAsSeen(handle, { name: 'releaseApproved', by: people.leader, fields: { releaseNo: 1, approve: true } });
    s = await waitForState(handle, (x) => x.releases[0]?.status === 'published');
    expect(s.releases).toHaveLength(1);
    expect(s.releases[0]?.reviews.map((r) => [r.stage, r.approve])).toEqual([
      ['review', false],
      ['review', true],
      ['approval', true],
    ]);
    expect(s.releases[0]?.publishedRefs?.length).toBeGreaterThan(0);
    await handle.terminate('test done');
  });

  it('leadership can withdraw an incident at any step; it ends cleanly with the reason', async () => {
    const handle = await start();
    await send(handle, { name: 'withdraw', by: people.handler, fields: { reason: '重复' } });
    await send(handle, { name: 'withdraw', by: people.leader, fields: { reason: '与本单位无关' } });
    const final: IncidentState = await handle.result();
    expect(final.closed).toMatchObject({ outcome: 'withdrawn', reason: '与本单位无关' });
    expect(final.deadlines.filter((d) => !d.metAt).every((d) => d.cancelled)).toBe(true);
    expect(rejections(final)).toHaveLength(1);
    expect(final.timeline.some((e) => e.text.includes('归档'))).toBe(true);
  });

  it('a reply extension, once approved, moves the reply deadline to the longer term', async () => {
    const input = incidentInput({ fields: { metrics: METRICS_FOR.general, category: 'inquiry' } });
    input.policy.deadlines.netizenReply.general = { amount: 100, unit: 'seconds' };
    input.policy.deadlines.netizenReplyExtended.general = { amount: 1000, unit: 'seconds' };
    const handle = await start(input);
    await send(handle, { name: 'replyExtensionRequested', by: people.handler, fields: { reason: '需跨部门调查' } });
    await send(handle, { name: 'replyExtensionDecided', by: people.leader, fields: { approve: true } });
    const s = await waitForState(handle, (x) => x.replyExtension?.decision === 'approved');
    const reply = s.deadlines.find((d) => d.kind === 'netizenReply')!;
    expect(Date.parse(reply.dueAt) - Date.parse(reply.startedAt)).toBe(1000_000);
    expect(s.pendingDecisions.some((p) => p.name === 'replyExtensionRequested')).toBe(false);
    await driveToEnd(handle);
  });
});

describe('items posted by a monitoring system', () => {
  const alert = () => {
    const input = incidentInput({ fields: { metrics: METRICS_FOR.general, category: 'inquiry' } });
    return { ...input, origin: { sourceSystem: '舆情监测平台', url: 'https://weibo.example/post/9', seenAt: input.incident.discoveredAt } };
  };

  it('wait in step 1 for a monitor to confirm them, with a category and a grade', async () => {
    const handle = await start(alert());
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { channel: 'written', to: '上级' } });
    let s = await waitForState(handle, (x) => x.reports.length === 1);
    expect(s.steps.monitor.status).toBe('active');
    expect(s.pendingDecisions.map((p) => p.name)).toContain('assessed');
    expect(s.deadlines.some((d) => d.kind === 'netizenReply')).toBe(false);

    await send(handle, { name: 'assessed', by: people.monitor, fields: { confirm: true } });
    await send(handle, { name: 'assessed', by: people.monitor, fields: { confirm: true, category: 'fabrication', severity: 'significant', title: '网传某校食堂事件' } });
    s = await waitForState(handle, (x) => x.steps.verify.status === 'active');
    expect(rejections(s)[0]?.text).toBe('拒收「研判」：类别：确认须填类别，排除须说明理由');
    expect(s).toMatchObject({ category: 'fabrication', severity: 'significant', incident: { title: '网传某校食堂事件' } });
    await handle.terminate('test done');
  });

  it('end when the monitor dismisses them, with the reason', async () => {
    const handle = await start(alert());
    await send(handle, { name: 'assessed', by: people.monitor, fields: { confirm: false, reason: '与本单位无关' } });
    const final: IncidentState = await handle.result();
    expect(final.closed).toMatchObject({ outcome: 'dismissed', reason: '与本单位无关' });
    expect(final.deadlines.every((d) => d.cancelled || d.metAt)).toBe(true);
  });
});

describe('a growing incident', () => {
  it('goes through the major process again when it rises to major after step 1, at whatever step', async () => {
    // a fixed id, so its history can be kept for the replay test (recordHistory)
    const input = { ...incidentInput({ fields: { metrics: METRICS_FOR.significant, category: 'hype' } }), requestId: 'growing-incident' };
    const handle = await running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: 'decisions-growing-incident', args: [input] });
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { channel: 'written', to: '上级' } });
    let s = await waitForState(handle, (x) => x.steps.coordinate.status === 'active');
    expect(s.pendingDecisions.map((p) => p.name)).not.toContain('planDecided');

    await send(handle, { name: 'metricsUpdated', by: people.monitor, fields: { metrics: METRICS_FOR.major } });
    s = await waitForState(handle, (x) => x.severity === 'major');
    const names = s.pendingDecisions.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['reportFiled', 'planDrafted', 'findingsSubmitted']));
    expect(names).not.toContain('actionRecorded');
    const report = s.deadlines.filter((d) => d.kind === 'report').at(-1)!;
    expect(Date.parse(report.startedAt)).toBe(Date.parse(s.escalations.at(-1)!.at));

    // coordination does not count before leadership approves the plan again
    await send(handle, { name: 'actionRecorded', by: people.handler, fields: { kind: 'correction', description: '更正' } });
    s = await waitForState(handle, (x) => rejections(x).some((e) => e.decision === 'actionRecorded'));
    expect(s.actions).toEqual([]);
    await approvePlan(handle);
    s = await waitForState(handle, (x) => x.pendingDecisions.some((p) => p.name === 'actionRecorded'));
    expect(s.plan).toMatchObject({ decision: 'approved' });
    const final = await driveToEnd(handle);
    expect(final.closed?.outcome).toBe('completed');
    expect(final.reports).toHaveLength(2);
    await recordHistory(handle);
  });
});
