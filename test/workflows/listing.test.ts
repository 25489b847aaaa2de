// What the lists read from visibility, kept by the workflow itself: the next deadline and its kind,
// the roles whose decision it awaits, whether a deadline is due within the hour (search
// attributes), and what the lists show (the memo). They move as decisions are taken and as time
// passes, and nothing is upserted when nothing moved.
import { describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { INCIDENT_WORKFLOW, SA } from '../../workflows/incident/definitions';
import { LISTING_MEMO, type Listing } from '../../domain/incident/listing';
import { useServerAndWorker } from '../helpers/temporal';
import { send, waitForState } from './driver';
import { fastPolicy, incidentInput, METRICS_FOR, people } from './fixtures';

const running = useServerAndWorker();

const start = (input: ReturnType<typeof incidentInput>) =>
  running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: `listing-${input.requestId}`, args: [input] });

async function shown(handle: WorkflowHandle) {
  const d = await handle.describe();
  const sa = d.typedSearchAttributes;
  return {
    next: sa.get(SA.nextDeadline)?.toISOString(),
    kind: sa.get(SA.nextDeadlineKind),
    roles: sa.get(SA.awaitingRoles),
    dueSoon: sa.get(SA.dueSoon),
    listing: d.memo?.[LISTING_MEMO] as Listing | undefined,
  };
}

/** Polls describe until `done` holds: the attributes are written with the workflow task. */
async function until(handle: WorkflowHandle, done: (s: Awaited<ReturnType<typeof shown>>) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const s = await shown(handle);
    if (done(s)) return s;
    if (Date.now() > deadline) throw new Error(`not reached: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const upserts = async (handle: WorkflowHandle) => {
  const { events } = await handle.fetchHistory();
  return (events ?? []).filter((e) => e.upsertWorkflowSearchAttributesEventAttributes || e.workflowPropertiesModifiedEventAttributes).length;
};

describe('what the lists read from visibility', () => {
  it('follows decisions: the next deadline and its kind, the roles awaited, the awaited decisions in the memo', async () => {
    const input = incidentInput({ fields: { metrics: METRICS_FOR.significant }, policy: fastPolicy({ seconds: 7200, overrides: { report: { amount: 5400, unit: 'seconds' } } }) });
    const handle = await start(input);
    const first = await until(handle, (s) => s.kind !== undefined);
    const state = await waitForState(handle, () => true);
    const report = state.deadlines.find((d) => d.kind === 'report')!;
    expect(first).toMatchObject({ kind: 'report', next: report.dueAt, dueSoon: false });
    expect(first.roles).toContain('handler');
    expect(first.listing?.nextDeadline).toEqual({ kind: 'report', label: report.label, dueAt: report.dueAt, breached: false });
    expect(first.listing?.awaited.map((a) => a.name)).toContain('reportFiled');

    // a refused decision changes nothing the lists show: no upsert
    const before = await upserts(handle);
    await handle.signal('planDecided', { nonsense: true });
    await waitForState(handle, (s) => s.timeline.some((e) => e.kind === 'rejected'));
    expect(await upserts(handle)).toBe(before);

    await send(handle, { name: 'reportFiled', by: people.handler, fields: { kind: 'first', channel: 'written', recipients: ['superiorDepartment'] } });
    const after = await until(handle, (s) => s.kind !== 'report');
    expect(after.listing?.awaited.map((a) => a.name)).not.toContain('reportFiled');
    expect(Date.parse(after.next!)).toBeGreaterThan(Date.parse(report.dueAt));
    await handle.terminate('test done');
  });

  it('flips due-soon by a timer an hour before the deadline, and off once it has passed', async () => {
    // the report falls due an hour and 4 s after the start, everything else in two hours
    const input = incidentInput({ fields: { metrics: METRICS_FOR.significant }, policy: fastPolicy({ seconds: 7200, overrides: { report: { amount: 3604, unit: 'seconds' } } }) });
    const handle = await start(input);
    expect((await until(handle, (s) => s.dueSoon !== undefined)).dueSoon).toBe(false);
    const soon = await until(handle, (s) => s.dueSoon === true);
    expect(soon.kind).toBe('report');
    await handle.terminate('test done');

    // a report due in 2 s, then breached: no longer due soon, and the badge keeps the breached report
    const short = incidentInput({ fields: { metrics: METRICS_FOR.significant }, policy: fastPolicy({ seconds: 7200, overrides: { report: { amount: 2, unit: 'seconds' } } }) });
    const breaching = await start(short);
    await waitForState(breaching, (s) => s.breachCount > 0);
    const passed = await until(breaching, (s) => s.dueSoon === false && s.listing?.nextDeadline?.breached === true);
    expect(passed.kind).toBe('report');
    expect(passed.listing?.awaited.find((a) => a.name === 'reportFiled')?.deadline).toMatchObject({ kind: 'report', breached: true });
    await breaching.terminate('test done');
  });
});
