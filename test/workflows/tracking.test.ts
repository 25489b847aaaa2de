// Steps 6 and 7 on a real dev server under the tracking-and-returns rules: the next bulletin in the
// state, one issued at once on request, no stabilisation of a significant incident before its first
// bulletin, and a returned summary that keeps its draft and reason while its deadline reads returned.
import { describe, expect, it } from 'vitest';
import type { IncidentState } from '../../domain/model/state';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { useServerAndWorker } from '../helpers/temporal';
import { driveUntil, send, sendAsSeen, waitForState } from './driver';
import { fastPolicy, incidentInput, METRICS_FOR, people } from './fixtures';

const running = useServerAndWorker();

/** bulletins every hour: none comes by itself while a test runs */
async function start(severity: keyof typeof METRICS_FOR) {
  const input = incidentInput({ fields: { metrics: METRICS_FOR[severity], category: 'hype' }, policy: fastPolicy({ bulletin: 3600 }) });
  return running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: `tracking-${input.requestId}`, args: [input] });
}

const rejections = (s: IncidentState) => s.timeline.filter((e) => e.kind === 'rejected');
const metadata = async (handle: Awaited<ReturnType<typeof start>>) => (await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata')).currentDetails;

describe('tracking', () => {
  it('shows the next bulletin, issues one at once, and stabilises a significant incident only after it', async () => {
    const handle = await start('significant');
    let s = await driveUntil(handle, (x) => x.steps.track.status === 'active' && !!x.tracking);
    const startedAt = Date.parse(s.steps.track.startedAt!);
    expect(s.tracking?.next).toMatchObject({ no: 1 });
    expect(Date.parse(s.tracking!.next!.dueAt) - startedAt).toBe(3600_000);
    expect(await metadata(handle)).toMatch(/下一期通报：网络舆情通报 第1期 .*（剩 /);
    expect(s.pendingDecisions.map((p) => p.name)).not.toContain('stabilised');

    await send(handle, { name: 'stabilised', by: people.leader, fields: { reason: '热度下降' } });
    s = await waitForState(handle, (x) => rejections(x).length === 1);
    expect(rejections(s)[0]?.text).toBe('拒收「确认平稳」：较大及以上的舆情须先发出第一期《网络舆情通报》，才能确认平稳');
    expect(s.stabilisedAt).toBeUndefined();

    await send(handle, { name: 'bulletinIssued', by: people.office, fields: { note: '上级要求即报' } });
    s = await waitForState(handle, (x) => x.documents.some((d) => d.name === 'bulletin-1') && x.tracking?.next?.no === 2);
    const issued = s.tracking!.issued[0]!;
    expect(issued).toMatchObject({ no: 1, by: { id: people.office.id }, note: '上级要求即报' });
    expect(issued.unsigned).toBeUndefined();
    expect(s.tracking?.requested).toBeUndefined();
    // the interval now counts from the bulletin issued at once
    expect(Date.parse(s.tracking!.next!.dueAt) - Date.parse(issued.at)).toBe(3600_000);
    expect(s.timeline.map((e) => e.text)).toEqual(expect.arrayContaining(['立即发出通报｜第1期（上级要求即报）', '生成《网络舆情通报》第1期']));
    expect(s.pendingDecisions.map((p) => p.name)).toContain('stabilised');

    await send(handle, { name: 'stabilised', by: people.leader, fields: { reason: '热度下降' } });
    s = await waitForState(handle, (x) => x.steps.summarize.status === 'active');
    expect(s.stabilisedAt).toBeDefined();
    expect(s.tracking?.next).toBeUndefined();
    expect(s.seq.bulletin).toBe(1);
    expect(await metadata(handle)).not.toContain('下一期通报');
    await handle.terminate('test done');
  });

  it('issues the scheduled bulletin by itself when the interval runs out', async () => {
    const input = incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' }, policy: fastPolicy({ bulletin: 2 }) });
    const handle = await running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: `tracking-${input.requestId}`, args: [input] });
    await driveUntil(handle, (x) => x.steps.track.status === 'active' && !!x.tracking);
    const s = await waitForState(handle, (x) => x.tracking?.next?.no === 3);
    expect(s.tracking!.issued.map((b) => [b.no, b.by])).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
    expect(s.documents.map((d) => d.name)).toEqual(expect.arrayContaining(['bulletin-1', 'bulletin-2']));
    await handle.terminate('test done');
  });
});

describe('a returned summary', () => {
  it('keeps the draft and the reason, reads returned in the deadlines, and still takes actions such as accountability', async () => {
    const handle = await start('general');
    let s = await driveUntil(handle, (x) => x.steps.summarize.status === 'active');
    await send(handle, { name: 'summarySubmitted', by: people.handler, fields: { lessons: '及时核实、快报事实。', body: '初稿正文' } });
    s = await waitForState(handle, (x) => x.pendingDecisions.some((p) => p.name === 'summaryDecided'));
    const submittedAt = s.summary!.submittedAt;
    expect(s.deadlines.find((d) => d.kind === 'summary')?.metAt).toBe(submittedAt);

    await sendAsSeen(handle, { name: 'summaryDecided', by: people.leader, fields: { approve: false } });
    s = await waitForState(handle, (x) => rejections(x).length === 1);
    expect(rejections(s)[0]?.text).toBe('拒收「审批总结」：意见：退回须说明理由');

    await sendAsSeen(handle, { name: 'summaryDecided', by: people.leader, fields: { approve: false, comment: '请补充问责情况' } });
    s = await waitForState(handle, (x) => x.summary?.decision === 'returned');
    expect(s.summary).toMatchObject({ lessons: '及时核实、快报事实。', body: '初稿正文', comment: '请补充问责情况', decidedBy: { id: people.leader.id } });
    const returned = s.deadlines.find((d) => d.kind === 'summary')!;
    expect(returned.returnedAt).toBe(s.summary!.decidedAt);
    expect(returned.metAt).toBeUndefined();
    expect(s.pendingDecisions.map((p) => p.name)).toEqual(expect.arrayContaining(['summarySubmitted', 'actionRecorded']));

    const actions = s.actions.length;
    await send(handle, { name: 'actionRecorded', by: people.handler, fields: { kind: 'accountability', description: '对值班人员诫勉谈话' } });
    s = await waitForState(handle, (x) => x.actions.length > actions);
    expect(s.actions.at(-1)).toMatchObject({ kind: 'accountability', description: '对值班人员诫勉谈话', by: { id: people.handler.id } });

    await send(handle, { name: 'summarySubmitted', by: people.handler, fields: { lessons: '及时核实、快报事实，依规问责。', body: '修改稿' } });
    s = await waitForState(handle, (x) => x.summary?.body === '修改稿');
    const met = s.deadlines.find((d) => d.kind === 'summary')!;
    expect(met.metAt).toBe(s.summary!.submittedAt);
    expect(met.returnedAt).toBeUndefined();
    await sendAsSeen(handle, { name: 'summaryDecided', by: people.leader, fields: { approve: true } });
    const final: IncidentState = await handle.result();
    expect(final.closed?.outcome).toBe('completed');
    expect(final.timeline.filter((e) => e.kind === 'breach')).toEqual([]);
  });
});
