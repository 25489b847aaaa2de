// 24-hour duty (24小时网上舆情值班) on a real dev server and worker: a critical incident switches it
// on at once, the roster's uncovered office hours are warned to the office, every notice meanwhile
// says the duty is on, and stabilisation switches it off; a general incident never has it.
import { defaultPayloadConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentState } from '../../domain/model/state';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { startReceiver } from '../activities/receiver';
import { shiftsAround, writeRoster } from '../helpers/duty-files';
import { type RunningWorker, startTestServer, startWorker } from '../helpers/temporal';
import { driveUntil, send, waitForState } from './driver';
import { incidentInput, METRICS_FOR, people } from './fixtures';

let env: TestWorkflowEnvironment;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let worker: RunningWorker;
const startedAt = Date.now();
const { shifts, dates } = shiftsAround(startedAt);

beforeAll(async () => {
  env = await startTestServer();
  receiver = await startReceiver();
  worker = await startWorker(env, { env: { YUQING_NOTIFY_WEBHOOK_URL_HANDLER: receiver.url, YUQING_NOTIFY_WEBHOOK_URL_APPROVER: receiver.url } });
  // the office's night is staffed, its day shift is not: the next 24 hours have a gap where the night ends
  writeRoster(worker.dataDir, { shifts, entries: dates.map((date) => ({ date, shift: 'night' as const, people: ['wang'] })) });
});
afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await receiver?.close();
});

const start = (metrics: (typeof METRICS_FOR)[keyof typeof METRICS_FOR], prefix: string) => {
  const input = incidentInput({ fields: { metrics, category: 'fabrication' } });
  return env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `${prefix}-${input.requestId}`, args: [input] });
};
const dutyLines = (s: IncidentState) => s.timeline.filter((e) => e.kind === 'duty').map((e) => e.text);
const arrivals = (workflowId: string) => receiver.accepted().filter((r) => r.body.workflowId === workflowId).map((r) => r.body);

describe('24-hour duty', () => {
  it('a critical incident switches it on, warns the office of the uncovered hours, and stabilisation switches it off', async () => {
    const handle = await start(METRICS_FOR.critical, 'duty-on');
    const on = await waitForState(handle, (s) => !!s.duty24h?.checkedAt);
    expect(on.duty24h!.until).toBeUndefined();
    expect(dutyLines(on)[0]).toBe('启动24小时网上舆情值班（重大及以上舆情，至平稳为止）');
    // the night ends two hours from now: the hour it ends in is the first one nobody covers
    const nightEnds = shifts.night.end;
    const firstGap = `${nightEnds.slice(0, 2)}:00–`;
    expect(dutyLines(on)[1]).toMatch(/^值班表未排满：\d\d-\d\d /);
    expect(dutyLines(on)[1]).toContain(firstGap);

    const warning = await waitFor(() => arrivals(handle.workflowId).find((b) => b.event === 'dutyGap'));
    expect(warning).toMatchObject({ roles: ['handler'], idempotencyKey: `${handle.workflowId}:dutyGap:${on.duty24h!.checkedAt}` });
    expect(warning.title).toBe('24小时值班：未来24小时有时段无人值班');
    expect(warning.markdown).toContain(`值班表未安排值班人员的时段（北京时间）：`);
    expect(warning.markdown).toContain(firstGap);
    // the registration went out with the duty on, and says so
    const registered = await waitFor(() => arrivals(handle.workflowId).find((b) => b.event === 'registered'));
    expect(registered.markdown).toContain('**24小时网上舆情值班中**');

    const meta = await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata');
    expect(meta.currentDetails.split('\\\n')[0]).toContain('**24小时值班中**');
    // one check when it switched on; the next one is a day away, on a timer the Temporal UI names
    const timers = await waitFor(async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      const summaries = events.filter((e) => e.timerStartedEventAttributes).map((e) => e.userMetadata?.summary && defaultPayloadConverter.fromPayload<string>(e.userMetadata.summary));
      return summaries.includes('24小时值班：明日复查值班表') ? events.filter((e) => e.timerStartedEventAttributes) : undefined;
    });
    const daily = timers.find((e) => defaultPayloadConverter.fromPayload<string>(e.userMetadata!.summary!) === '24小时值班：明日复查值班表')!;
    expect(Number(daily.timerStartedEventAttributes!.startToFireTimeout!.seconds)).toBeGreaterThan(86_000);

    const stable = await driveUntil(handle, (s) => !!s.stabilisedAt, { verdict: 'confirmed', releases: 1, metricsUpdates: 0 }, { timeoutMs: 90_000 });
    const off = stable.duty24h?.until ? stable : await waitForState(handle, (s) => !!s.duty24h?.until);
    expect(off.duty24h!.since).toBe(on.duty24h!.since);
    expect(dutyLines(off).at(-1)).toBe('结束24小时网上舆情值班（舆情已平稳）');
    expect(arrivals(handle.workflowId).filter((b) => b.event === 'dutyGap')).toHaveLength(1);
    const later = (await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata')).currentDetails;
    expect(later).not.toContain('24小时值班中');
    await handle.terminate('test done');
  });

  it('de-escalation below major switches it off; a general incident never has it', async () => {
    const major = await start(METRICS_FOR.critical, 'duty-down');
    await waitForState(major, (s) => !!s.duty24h);
    await send(major, { name: 'deescalate', by: people.leader, fields: { severity: 'significant', reason: '热度回落，转载减少' } });
    const down = await waitForState(major, (s) => !!s.duty24h?.until);
    expect(dutyLines(down).at(-1)).toBe('结束24小时网上舆情值班（已降至重大以下）');
    await major.terminate('test done');

    const general = await start(METRICS_FOR.general, 'duty-never');
    await send(general, { name: 'escalate', by: people.handler, fields: { severity: 'significant', reason: '评论增多' } });
    const s = await waitForState(general, (x) => x.severity === 'significant');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await waitForState(general, () => true);
    expect(s.duty24h).toBeUndefined();
    expect(after.duty24h).toBeUndefined();
    expect(dutyLines(after)).toEqual([]);
    expect(arrivals(general.workflowId).some((b) => b.event === 'dutyGap' || String(b.markdown).includes('24小时'))).toBe(false);
    // a rise to major switches it on from then, and the escalation notice already says so
    await send(general, { name: 'escalate', by: people.handler, fields: { severity: 'major', reason: '央媒转载' } });
    const risen = await waitForState(general, (x) => !!x.duty24h);
    // switched on, then (in the same task or the next) the roster checked
    expect(dutyLines(risen)[0]).toBe('启动24小时网上舆情值班（重大及以上舆情，至平稳为止）');
    expect(dutyLines(risen).slice(1).every((line) => line.startsWith('值班表未排满'))).toBe(true);
    const escalation = await waitFor(() => arrivals(general.workflowId).find((b) => b.event === 'escalation' && b.title === '较大升为重大'));
    expect(escalation.markdown).toContain('**24小时网上舆情值班中**');
    await general.terminate('test done');
  });
});

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
