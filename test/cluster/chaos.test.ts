// The cluster's promise (SPEC §9 "nothing is lost"), tested by breaking it for real: a worker, the
// Temporal server and PostgreSQL are each killed while incidents are mid-flight. Every incident
// must still close, every acknowledged decision must be in its history, and no release may reach
// the publishing system twice. Releases go to a real webhook receiver, the organisation's view.
import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { incidentWorkflowId } from '../../domain/rules/ids';
import type { IncidentState } from '../../domain/model/state';
import { startReceiver } from '../activities/receiver';
import type { Scenario } from '../workflows/driver';
import { fastPolicy, fields, incidentInput, METRICS_FOR } from '../workflows/fixtures';
import { startTestCluster, type TestCluster } from './fixture';
import { Fleet, lostAndUnexpected, signalsInHistory } from './fleet';

const SCENARIO: Scenario = { verdict: 'confirmed', releases: 2, metricsUpdates: 1 };
const DRIVE_MS = 240_000;

let tc: TestCluster;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  tc = await startTestCluster({
    workers: 2,
    api: true,
    // debug: the SDK's own workflow and activity lines, whose fields the log test checks
    env: { LOG_LEVEL: 'debug', YUQING_PUBLISH_CHANNEL: 'webhook', YUQING_PUBLISH_WEBHOOK_URL: receiver.url },
  });
});
afterAll(async () => {
  await tc?.stop();
  await receiver?.close();
});

/** with the API's own ids, so the API can read them too */
async function startIncidents(count: number): Promise<WorkflowHandle[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const input = incidentInput({ fields: { metrics: METRICS_FOR.significant, category: 'inquiry' }, policy: fastPolicy() });
      const workflowId = incidentWorkflowId(input.requestId, input.incident.discoveredAt);
      return tc.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: tc.taskQueue, workflowId, args: [input] });
    }),
  );
}

/** Drives all incidents; `midFlight` runs once `after` decisions have been acknowledged. */
async function driveThrough(handles: WorkflowHandle[], after: number, midFlight: () => Promise<void>): Promise<{ fleet: Fleet; finals: IncidentState[]; trouble: Promise<void> }> {
  const fleet = new Fleet();
  const deadline = Date.now() + DRIVE_MS;
  const driving = Promise.all(handles.map((h) => fleet.drive(h, SCENARIO, deadline)));
  while (fleet.decisions < after) await sleep(100);
  const trouble = midFlight();
  const finals = await driving;
  return { fleet, finals, trouble };
}

async function expectNothingLost(handles: WorkflowHandle[], fleet: Fleet, finals: IncidentState[]): Promise<void> {
  for (const [i, handle] of handles.entries()) {
    expect([handle.workflowId, finals[i]!.closed?.outcome]).toEqual([handle.workflowId, 'completed']);
    const { lost, unexpected } = lostAndUnexpected(fleet.acknowledged.get(handle.workflowId) ?? [], fleet.attempted.get(handle.workflowId) ?? [], await signalsInHistory(handle));
    expect({ workflowId: handle.workflowId, lost, unexpected }).toEqual({ workflowId: handle.workflowId, lost: [], unexpected: [] });
    expect(finals[i]!.releases.filter((r) => r.status === 'published')).toHaveLength(SCENARIO.releases);
  }
}

/**
 * Each published release reached the receiver once. The one tolerated exception is the crash
 * window the ledger documents: a delivery made by the killed worker in the instant before the kill,
 * redelivered by the survivor with the same Idempotency-Key so the receiver can drop it.
 */
function expectPublishedOnce(handles: WorkflowHandle[], killedAt?: number): void {
  const ids = new Set(handles.map((h) => h.workflowId));
  const byRelease = new Map<string, { key: string; at: number }[]>();
  for (const r of receiver.accepted()) {
    if (!ids.has(r.body.workflowId)) continue;
    const release = `${r.body.workflowId}#${r.body.release.no}`;
    byRelease.set(release, [...(byRelease.get(release) ?? []), { key: String(r.headers['idempotency-key']), at: Date.parse(r.body.publishedAt) }]);
  }
  expect(byRelease.size).toBe(handles.length * SCENARIO.releases);
  for (const [release, deliveries] of byRelease) {
    expect([release, new Set(deliveries.map((d) => d.key)).size]).toEqual([release, 1]);
    const explained = killedAt !== undefined && deliveries.length === 2 && Math.abs(deliveries[0]!.at - killedAt) < 2_000;
    if (!explained) expect([release, deliveries.length]).toEqual([release, 1]);
  }
}

async function api(path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${tc.api!.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${tc.api!.token}`, 'content-type': 'application/json', ...init.headers },
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

describe('on the PostgreSQL-backed cluster', () => {
  it('finishes 30 incidents on the other worker when one is SIGKILLed mid-flight', async () => {
    const handles = await startIncidents(30);
    const [victim, survivor] = tc.workers as [TestCluster['workers'][0], TestCluster['workers'][0]];
    let killedAt = 0;
    const { fleet, finals } = await driveThrough(handles, 90, async () => {
      killedAt = Date.now();
      victim.process.kill('SIGKILL');
      await victim.exited;
    });
    await expectNothingLost(handles, fleet, finals);
    expectPublishedOnce(handles, killedAt);

    // the survivor did the work after the kill: every workflow task completed later is its own
    const late = new Set<string>();
    for (const handle of handles) {
      for (const e of (await handle.fetchHistory()).events ?? []) {
        const identity = e.workflowTaskCompletedEventAttributes?.identity;
        if (identity && Number(e.eventTime?.seconds ?? 0) * 1000 > killedAt + 1_000) late.add(identity.split('@')[0]!);
      }
    }
    expect([...late]).toEqual([String(survivor.process.pid)]);
    // back to two workers for what follows
    await tc.startWorker('worker-3');
  });

  it('rides out a SIGKILLed Temporal server, restarted; meanwhile the API answers 503, not 500', async () => {
    const handles = await startIncidents(10);
    const whileDown: { path: string; status: number; code?: string }[] = [];
    const { fleet, finals, trouble } = await driveThrough(handles, 30, async () => {
      tc.cluster.server.process.kill('SIGKILL');
      await tc.cluster.server.exited;
      for (const [path, init] of [
        ['/readyz', {}],
        [`/api/incidents/${handles[0]!.workflowId}`, {}],
        ['/api/incidents', { method: 'POST', headers: { 'idempotency-key': 'while-server-down-1' }, body: JSON.stringify(fields()) }],
      ] as const) {
        const { status, body } = await api(path, init);
        whileDown.push({ path, status, code: body?.error?.code });
      }
      await tc.cluster.restartServer();
    });
    await trouble;
    expect(whileDown.map((r) => [r.path, r.status, r.code])).toEqual(whileDown.map((r) => [r.path, 503, 'temporal-unavailable']));
    await expectNothingLost(handles, fleet, finals);
    expectPublishedOnce(handles);
    expect((await api('/readyz')).status).toBe(200);
  });

  it('rides out PostgreSQL stopped and started again mid-flight', async () => {
    const pg = tc.cluster.privatePostgres!;
    const handles = await startIncidents(10);
    let startDuringOutage: { status: number; code?: string } | undefined;
    const { fleet, finals, trouble } = await driveThrough(handles, 30, async () => {
      await pg.stop();
      const { status, body } = await api('/api/incidents', { method: 'POST', headers: { 'idempotency-key': 'while-postgres-down-1' }, body: JSON.stringify(fields()) });
      startDuringOutage = { status, code: body?.error?.code };
      await sleep(3_000);
      await pg.start();
    });
    await trouble;
    expect(startDuringOutage).toEqual({ status: 503, code: 'temporal-unavailable' });
    await expectNothingLost(handles, fleet, finals);
    expectPublishedOnce(handles);
  });

  it('exposes worker and API metrics, and logs JSON lines with workflow and run ids', async () => {
    const survivorMetrics = await (await fetch(tc.workerMetrics.get('worker-2')!)).text();
    const completed = /^temporal_workflow_completed_total\{[^}]*task_queue="yuqing-incidents"[^}]*\} (\d+)/m.exec(survivorMetrics);
    expect(Number(completed?.[1])).toBeGreaterThan(0);
    expect(survivorMetrics).toMatch(/^temporal_activity_execution_latency_bucket\{/m);

    // this test reads its own requests' figures, not what earlier tests happened to leave behind
    expect((await api('/readyz')).status).toBe(200);
    const apiMetrics = await (await fetch(`${tc.api!.url}/metrics`)).text();
    expect(apiMetrics).toMatch(/^yuqing_http_requests_total\{method="GET",route="\/readyz",status="503"\} [1-9]/m);
    expect(apiMetrics).toMatch(/^yuqing_http_requests_total\{method="POST",route="\/api\/incidents",status="503"\} [1-9]/m);
    expect(apiMetrics).toMatch(/^yuqing_http_request_duration_seconds_bucket\{le="0.05",method="GET",route="\/readyz",status="200"\}/m);
    expect(apiMetrics).toMatch(/^process_cpu_seconds_total /m);

    const parsed = tc.lines.map(({ from, line }) => ({ from, entry: JSON.parse(line) as Record<string, unknown> }));
    const ids = { workflowId: expect.any(String), runId: expect.any(String) };
    const workflowLine = parsed.find(({ entry }) => entry.msg === 'Workflow completed')?.entry;
    expect(workflowLine).toMatchObject({ time: expect.any(String), level: 'debug', service: 'worker', workflowType: 'incidentWorkflow', ...ids });
    const activityLine = parsed.find(({ entry }) => entry.msg === 'Activity completed' && entry.activityType === 'publishRelease')?.entry;
    expect(activityLine).toMatchObject({ service: 'worker', durationMs: expect.any(Number), ...ids });
    expect(parsed.find(({ from, entry }) => from === 'api' && entry.msg === 'api ready')?.entry).toMatchObject({ service: 'api', level: 'info' });
  });
});
