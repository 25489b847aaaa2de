// The reports upward as the plans require, on a real dev server: the recipients a grade owes, many
// reports (first, written follow-up, 续报, final), forwarding to the department, an inquiry's 当日
// opinion, and a general item that needs no report but may file one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeDue } from '../../domain/rules/deadlines';
import type { IncidentState } from '../../domain/model/state';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { useServerAndWorker } from '../helpers/temporal';
import { approvePlan, driveToEnd, send, waitForState } from './driver';
import { fastPolicy, incidentInput, METRICS_FOR, people } from './fixtures';

const running = useServerAndWorker();

const start = (input: ReturnType<typeof incidentInput>) =>
  running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: `reports-${input.requestId}`, args: [input] });

const reportOccasion = (s: IncidentState) => s.pendingDecisions.find((p) => p.name === 'reportFiled');
const deadline = (s: IncidentState, kind: string) => s.deadlines.find((d) => d.kind === kind);
const document = (s: IncidentState, name: string) => readFileSync(join(running.worker().dataDir, s.documents.find((d) => d.name === name)!.paths.markdown), 'utf8');

describe('reports upward on the real server', () => {
  it('a critical sensitive incident owes five recipients; reports to some leave the rest pending; 续报 and final come later', async () => {
    const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.critical, category: 'hype', sensitive: { topics: ['food'], seriousImpact: false } } }));
    let s = await waitForState(handle, (x) => x.documents.some((d) => d.name === 'special'));
    expect(s.reportsOwed).toEqual(['partyOffice', 'superiorDepartment', 'cyberspace', 'propaganda', 'police']);
    expect(reportOccasion(s)?.owed).toEqual(s.reportsOwed);
    // the special report says whom the grade requires before anyone is reported to
    expect(document(s, 'special')).toContain('按预案尚须报送：党政办、上级业务部门、同级网信部门、宣传部门网宣、公安网警。');

    await send(handle, { name: 'forwarded', by: people.handler, fields: { department: '后勤处', channel: 'verbal', note: '电话通知' } });
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { kind: 'first', channel: 'verbal', recipients: ['partyOffice', 'superiorDepartment'], document: 'special' } });
    s = await waitForState(handle, (x) => x.reports.length === 1 && !!deadline(x, 'forward')?.metAt);
    expect(s.forwards).toMatchObject([{ department: '后勤处', channel: 'verbal', by: { id: people.handler.id } }]);
    expect(deadline(s, 'report')?.metAt).toBeDefined();
    expect(s.reportsOwed).toEqual(['cyberspace', 'propaganda', 'police']);
    expect(reportOccasion(s)).toMatchObject({ owed: ['cyberspace', 'propaganda', 'police'] });
    expect(reportOccasion(s)?.standing).toBeUndefined();
    expect(deadline(s, 'writtenReport')?.metAt).toBeUndefined();

    await send(handle, { name: 'reportFiled', by: people.handler, fields: { kind: 'writtenFollowUp', channel: 'written', recipients: ['partyOffice', 'superiorDepartment', 'cyberspace', 'propaganda', 'police'], document: 'special' } });
    s = await waitForState(handle, (x) => x.reports.length === 2);
    expect(s.reportsOwed).toEqual([]);
    expect(deadline(s, 'writtenReport')?.metAt).toBeDefined();
    expect(reportOccasion(s)).toMatchObject({ standing: true });

    await approvePlan(handle);
    s = await waitForState(handle, (x) => x.steps.verify.status === 'active');
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { kind: 'progress', channel: 'written', recipients: ['superiorDepartment', 'police'], document: 'bulletin', bulletinNo: 1 } });
    await send(handle, { name: 'reportFiled', by: people.leader, fields: { kind: 'final', channel: 'written', recipients: ['other'], otherRecipient: '市委办公室', document: 'none' } });
    s = await waitForState(handle, (x) => x.reports.length === 4);
    // notices may be filed after it: the report's own entry, the last of its kind
    expect(s.timeline.filter((e) => e.decision === 'reportFiled').at(-1)?.text).toBe('登记上报｜终报，书面上报 市委办公室');

    const final = await driveToEnd(handle, { verdict: 'confirmed', releases: 1, metricsUpdates: 0 });
    expect(final.timeline.filter((e) => e.kind === 'rejected')).toEqual([]);
    // nothing was owed any more: the scripted team filed no further report
    expect(final.reports.map((r) => r.kind)).toEqual(['first', 'writtenFollowUp', 'progress', 'final']);
    const summary = document(final, 'summary');
    expect(summary).toContain('| 时间 | 类别 | 报送对象 | 方式 | 所附文件 | 报送人 | 情况 |');
    expect(summary).toMatch(/\| 书面补报 \| 党政办、上级业务部门、同级网信部门、宣传部门网宣、公安网警 \| 书面 \| 《舆情专报》 \| 经办小李 \| 按时 \|/);
    expect(summary).toMatch(/\| 续报 \| 上级业务部门、公安网警 \| 书面 \| 《网络舆情通报》第1期 \| 经办小李 \| 按时 \|/);
    expect(summary).not.toContain('尚须报送');
  });

  it('the forwarding deadline opens from discovery and is met by the forwarding', async () => {
    const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' } }));
    let s = await waitForState(handle, (x) => !!deadline(x, 'forward'));
    expect(deadline(s, 'forward')).toMatchObject({ responsible: 'handler', startedAt: new Date(Date.parse(s.incident.discoveredAt)).toISOString() });
    expect(s.pendingDecisions.find((p) => p.name === 'forwarded')?.standing).toBeUndefined();
    await send(handle, { name: 'forwarded', by: people.leader, fields: { department: '后勤处', channel: 'written' } });
    await send(handle, { name: 'forwarded', by: people.handler, fields: { department: '后勤处', channel: 'written' } });
    s = await waitForState(handle, (x) => !!deadline(x, 'forward')?.metAt);
    expect(s.timeline.find((e) => e.kind === 'rejected' && e.decision === 'forwarded')?.text).toContain('须由办公室及责任部门决定');
    expect(s.timeline.find((e) => e.kind === 'decision' && e.decision === 'forwarded')?.text).toBe('登记转达｜书面转达 后勤处');
    expect(s.pendingDecisions.find((p) => p.name === 'forwarded')).toMatchObject({ standing: true });
    await handle.terminate('test done');
  });

  it('an inquiry has its 当日 handling opinion deadline, met by the first recorded measure', async () => {
    const policy = fastPolicy({ overrides: { inquiryOpinion: { amount: 1, unit: 'workingDayClose' } } });
    const input = incidentInput({ fields: { metrics: METRICS_FOR.general, category: 'inquiry' }, policy });
    const handle = await start(input);
    let s = await waitForState(handle, (x) => x.steps.coordinate.status === 'active');
    const opinion = deadline(s, 'inquiryOpinion')!;
    expect(opinion).toMatchObject({ label: '当日处理意见期限', responsible: 'handler' });
    expect(Date.parse(opinion.dueAt)).toBe(computeDue(Date.parse(input.incident.discoveredAt), { amount: 1, unit: 'workingDayClose' }, policy.calendar).dueMs);
    await send(handle, { name: 'actionRecorded', by: people.handler, fields: { kind: 'reply', description: '已在原帖下答复' } });
    s = await waitForState(handle, (x) => !!deadline(x, 'inquiryOpinion')?.metAt);
    // the 答复 itself is met only by a response leadership approved, not by the measure recorded
    expect(deadline(s, 'netizenReply')).toMatchObject({ responsible: 'handler' });
    expect(deadline(s, 'netizenReply')?.metAt).toBeUndefined();
    await handle.terminate('test done');
  });

  it('a general incident has no report deadline and leaves step 1 without one, yet can file a report', async () => {
    const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.general, category: 'hype' } }));
    let s = await waitForState(handle, (x) => x.steps.verify.status === 'active');
    expect(s.steps.monitor.status).toBe('done');
    expect(deadline(s, 'report')).toBeUndefined();
    expect(s.reports).toEqual([]);
    expect(reportOccasion(s)).toMatchObject({ standing: true });
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { kind: 'first', channel: 'written', recipients: ['other'], otherRecipient: '分管副区长' } });
    s = await waitForState(handle, (x) => x.reports.length === 1);
    expect(s.reports[0]).toMatchObject({ kind: 'first', recipients: ['other'], otherRecipient: '分管副区长', late: false });
    expect(s.timeline.find((e) => e.decision === 'reportFiled')?.signed).toBe(true);
    await handle.terminate('test done');
  });
});
