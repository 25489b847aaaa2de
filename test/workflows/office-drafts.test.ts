// On the real dev server: the office drafts the handling plan and the responses, leadership decides
// on what was drafted, never its drafter, and a response counts only once approved.
import { describe, expect, it } from 'vitest';
import type { UserRef } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { useServerAndWorker } from '../helpers/temporal';
import { PLAN_FIELDS, send, sendAsSeen, waitForState } from './driver';
import { incidentInput, METRICS_FOR, people } from './fixtures';

const running = useServerAndWorker();

const start = (severity: keyof typeof METRICS_FOR, category: 'hype' | 'inquiry') => {
  const input = incidentInput({ fields: { metrics: METRICS_FOR[severity], category } });
  return running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: `office-drafts-${input.requestId}`, args: [input] });
};

const both: UserRef = { id: 'dual', name: '兼任主任', roles: ['handler', 'approver'] };
const refusals = (s: IncidentState, name: string) => s.timeline.filter((e) => e.kind === 'rejected' && e.decision === name).map((e) => e.text);
const pendingNames = (s: IncidentState) => s.pendingDecisions.map((p) => p.name);

describe('the handling plan', () => {
  it('is drafted by the office, returned with a reason, re-drafted and approved by someone other than its drafter', async () => {
    const handle = await start('major', 'hype');
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { channel: 'written', to: '上级' } });
    let s = await waitForState(handle, (x) => x.reports.length === 1);
    expect(pendingNames(s)).toContain('planDrafted');
    expect(pendingNames(s)).not.toContain('planDecided');

    await send(handle, { name: 'planDrafted', by: both, fields: PLAN_FIELDS });
    s = await waitForState(handle, (x) => pendingNames(x).includes('planDecided'));
    expect(s.plan).toMatchObject({ ...PLAN_FIELDS, revision: 1, draftedBy: { id: both.id } });
    const first = s.plan!.draftHash!;
    expect(s.pendingDecisions.find((p) => p.name === 'planDecided')).toMatchObject({ excludedUsers: [both.id], draftHash: first });

    // the drafter cannot decide; an empty return is refused, naming the field
    await sendAsSeen(handle, { name: 'planDecided', by: both, fields: { approve: true } });
    await sendAsSeen(handle, { name: 'planDecided', by: people.leader, fields: { approve: false, comment: '' } });
    s = await waitForState(handle, (x) => refusals(x, 'planDecided').length === 2);
    expect(refusals(s, 'planDecided')[0]).toContain('不得由起草或提交者本人决定');
    expect(refusals(s, 'planDecided')[1]).toContain('意见：退回处置方案须说明理由');
    expect(s.plan?.decision).toBeUndefined();

    await sendAsSeen(handle, { name: 'planDecided', by: people.leader, fields: { approve: false, comment: '口径需与县委一致' } });
    s = await waitForState(handle, (x) => x.plan?.decision === 'rejected');
    expect(s.plan?.comment).toBe('口径需与县委一致');
    expect(pendingNames(s)).toContain('planDrafted');
    expect(s.steps.monitor.status).toBe('active');

    await send(handle, { name: 'planDrafted', by: both, fields: { ...PLAN_FIELDS, messageLine: '按县委统一口径' } });
    s = await waitForState(handle, (x) => x.plan?.revision === 2);
    expect(s.plan).toMatchObject({ previous: { messageLine: PLAN_FIELDS.messageLine }, messageLine: '按县委统一口径' });
    // a decision naming the version returned is not applied to the new one
    await send(handle, { name: 'planDecided', by: people.leader2, fields: { approve: true, draftHash: first } });
    s = await waitForState(handle, (x) => refusals(x, 'planDecided').length === 3);
    expect(refusals(s, 'planDecided')[2]).toContain('所审版本已变更');

    await sendAsSeen(handle, { name: 'planDecided', by: people.leader2, fields: { approve: true } });
    s = await waitForState(handle, (x) => x.steps.monitor.status === 'done' && x.documents.some((d) => d.name === 'special-2'));
    expect(s.plan).toMatchObject({ decision: 'approved', approvedBy: { id: people.leader2.id }, revision: 2 });
    expect(s.plan?.decisions?.map((d) => d.approve)).toEqual([false, true]);
    // the first edition of the 专报 stays beside the second, which carries the approved plan
    expect(s.documents.map((d) => d.name)).toEqual(expect.arrayContaining(['special', 'special-2']));
    expect(s.documents.find((d) => d.name === 'special-2')?.title).toContain('第2版');
    await handle.terminate('test done');
  });
});

describe('a response', () => {
  it('counts, and meets the initial-response and reply deadlines, only once someone other than its drafter approved it', async () => {
    const handle = await start('general', 'inquiry');
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { channel: 'written', to: '上级' } });
    await waitForState(handle, (x) => x.steps.verify.status === 'active');
    await send(handle, { name: 'findingsSubmitted', by: people.handler, fields: { verdict: 'unfounded', facts: '经核实，帖文所述不实。' } });
    await waitForState(handle, (x) => !!x.findings);
    await sendAsSeen(handle, { name: 'findingsReviewed', by: people.office, fields: { accept: true } });

    await send(handle, { name: 'responseRecorded', by: both, fields: { kind: 'netizenReply', content: '经核实，网传情况不实。', channel: '留言板' } });
    let s = await waitForState(handle, (x) => x.responses.length === 1 && x.steps.verify.status === 'done');
    const met = (x: IncidentState, kind: string) => x.deadlines.find((d) => d.kind === kind)?.metAt;
    expect(s.responses[0]).toMatchObject({ no: 1, status: 'drafted' });
    expect(met(s, 'initialResponse')).toBeUndefined();
    expect(met(s, 'netizenReply')).toBeUndefined();
    // the facts are established, yet guidance waits for leadership's approval of the response
    expect(s.steps.guide.status).toBe('active');

    await sendAsSeen(handle, { name: 'responseApproved', by: both, fields: { responseNo: 1, approve: true } });
    await sendAsSeen(handle, { name: 'responseApproved', by: people.handler, fields: { responseNo: 1, approve: true } });
    s = await waitForState(handle, (x) => refusals(x, 'responseApproved').length === 2);
    expect(refusals(s, 'responseApproved').join('\n')).toContain('不得由起草或提交者本人决定');
    expect(refusals(s, 'responseApproved').join('\n')).toContain('须由分管领导决定');
    expect(s.responses[0]?.status).toBe('drafted');

    await sendAsSeen(handle, { name: 'responseApproved', by: people.leader, fields: { responseNo: 1, approve: true } });
    s = await waitForState(handle, (x) => x.steps.guide.status === 'done');
    expect(s.responses[0]).toMatchObject({ status: 'approved', decisions: [{ approve: true, by: { id: people.leader.id } }] });
    expect(met(s, 'initialResponse')).toBe(s.responses[0]?.approvedAt);
    expect(met(s, 'netizenReply')).toBe(s.responses[0]?.approvedAt);
    await handle.terminate('test done');
  });
});
