// Deadlines as durable timers: a missed one is recorded, the level above is told, the search
// attribute is set, and the late event still counts; an escalation pulls pending deadlines in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { SA } from '../../workflows/incident/definitions';
import { useServerAndWorker } from '../helpers/temporal';
import { send, waitForState } from './driver';
import { fastPolicy, incidentInput, METRICS_FOR, people } from './fixtures';

const running = useServerAndWorker();

const start = (input: ReturnType<typeof incidentInput>) =>
  running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: `deadline-${input.requestId}`, args: [input] });

describe('deadlines', () => {
  it('a missed report deadline is a breach: recorded, the leadership notified, the attribute set; the late report is accepted', async () => {
    // significant: the lowest grade with a report deadline (a general item's report is 酌情适时)
    const input = incidentInput({ fields: { metrics: METRICS_FOR.significant }, policy: fastPolicy({ overrides: { report: { amount: 2, unit: 'seconds' } } }) });
    const handle = await start(input);

    // the incident's other notices (its registration, the decisions awaited) are in the timeline too
    const breachNotice = (e: { kind: string; text: string }) => e.kind === 'notified' && e.text.includes('上报期限已过');
    const breached = await waitForState(handle, (s) => s.breachCount > 0 && s.timeline.some(breachNotice));
    const report = breached.deadlines.find((d) => d.kind === 'report')!;
    expect(report.breachedAt).toBeDefined();
    expect(report.metAt).toBeUndefined();
    expect(breached.timeline.find((e) => e.kind === 'breach')?.text).toContain('上报期限已过');
    // no chat robot, mailbox or webhook is configured for leadership: the notice reached no one, and says so
    expect(breached.timeline.find(breachNotice)?.text).toMatch(/：未送达（分管领导未设定接收渠道）$/);
    // the responsible role is the office (handler); the level above is leadership
    const notices = readFileSync(join(running.worker().dataDir, 'incidents', handle.workflowId, 'notices.log'), 'utf8');
    expect(notices).toContain('上报期限已过');
    expect(notices).toContain('approver');
    expect((await handle.describe()).typedSearchAttributes.get(SA.breached)).toBe(true);

    await send(handle, { name: 'reportFiled', by: people.handler, fields: { kind: 'first', channel: 'written', recipients: ['superiorDepartment'] } });
    const late = await waitForState(handle, (s) => s.reports.length === 1);
    expect(late.reports[0]?.late).toBe(true);
    const met = late.deadlines.find((d) => d.kind === 'report')!;
    expect(met.metAt).toBeDefined();
    expect(met.lateByMinutes).toBeGreaterThanOrEqual(1);
    expect(late.timeline.some((e) => e.kind === 'late' && e.text.includes('上报期限逾期'))).toBe(true);
    expect(late.steps.monitor.status).toBe('done');
    await handle.terminate('test done');
  });

  it('a deadline leadership misses goes up to the superior authority, the top of the escalation chain', async () => {
    const input = incidentInput({ fields: { metrics: METRICS_FOR.significant }, policy: fastPolicy({ overrides: { authoritativeRelease: { amount: 2, unit: 'seconds' } } }) });
    const handle = await start(input);
    const breached = await waitForState(handle, (s) => s.timeline.some((e) => e.kind === 'notified' && e.text.includes('权威信息发布期限已过')));
    expect(breached.deadlines.find((d) => d.kind === 'authoritativeRelease')?.breachedAt).toBeDefined();
    expect(breached.timeline.find((e) => e.kind === 'notified' && e.text.includes('权威信息发布期限已过'))?.text).toMatch(/^通知 上级主管部门：权威信息发布期限已过/);
    const notices = readFileSync(join(running.worker().dataDir, 'incidents', handle.workflowId, 'notices.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(notices.find((n) => n.title === '权威信息发布期限已过')?.roles).toEqual(['superior']);
    await handle.terminate('test done');
  });

  it('an escalation pulls pending deadlines in and adds the ones the higher grade has', async () => {
    const policy = fastPolicy();
    policy.deadlines.report = { general: { amount: 3600, unit: 'seconds' }, significant: { amount: 1800, unit: 'seconds' }, major: { amount: 900, unit: 'seconds' }, critical: { amount: 600, unit: 'seconds' } };
    const input = incidentInput({ fields: { metrics: METRICS_FOR.general, category: 'hype' }, policy });
    const handle = await start(input);
    const before = await waitForState(handle, (s) => s.deadlines.length > 0);
    const due = (s: typeof before, kind: string) => Date.parse(s.deadlines.find((d) => d.kind === kind)!.dueAt);
    expect(before.deadlines.some((d) => d.kind === 'authoritativeRelease')).toBe(false);

    await send(handle, { name: 'escalate', by: people.handler, fields: { severity: 'critical', reason: '央媒转载' } });
    const after = await waitForState(handle, (s) => s.severity === 'critical');
    expect(due(before, 'report') - due(after, 'report')).toBe((3600 - 600) * 1000);
    expect(after.deadlines.some((d) => d.kind === 'authoritativeRelease')).toBe(true);
    expect(after.escalations[0]).toMatchObject({ from: 'general', to: 'critical', reason: '央媒转载' });
    expect(after.pendingDecisions.some((p) => p.name === 'planDrafted')).toBe(true);
    expect((await handle.describe()).typedSearchAttributes.get(SA.severity)).toBe('critical');

    // de-escalation lowers the grade but keeps the promises already made
    await send(handle, { name: 'deescalate', by: people.leader, fields: { severity: 'significant', reason: '经研判影响有限' } });
    const lowered = await waitForState(handle, (s) => s.severity === 'significant');
    expect(due(lowered, 'report')).toBe(due(after, 'report'));
    await handle.terminate('test done');
  });

  it('a metrics update that grades higher escalates on its own', async () => {
    const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.general, category: 'hype' } }));
    await send(handle, { name: 'metricsUpdated', by: people.monitor, fields: { metrics: METRICS_FOR.major } });
    const s = await waitForState(handle, (x) => x.severity === 'major');
    expect(s.escalations[0]?.by).toBe('metrics');
    expect(s.responseLevel).toBe('II');
    await handle.terminate('test done');
  });
});
