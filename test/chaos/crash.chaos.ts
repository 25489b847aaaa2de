// SPEC §9 "nothing is lost": 50 incidents at different steps, decisions in flight and releases
// being published, when the worker process or the Temporal dev server (SQLite file) is SIGKILLed.
// After a new worker, or the server restarted on the same file, every incident finishes, every
// decision sent before the kill is in its history and was applied, and the publishing system
// received each release once per Idempotency-Key at a real webhook receiver (exactly once when the
// worker survives; a killed worker may send one it had just sent again, under the same key).
import type { WorkflowHandle } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import type { DecisionName } from '../../domain/decisions/index';
import type { Severity } from '../../domain/model/schema';
import { startReceiver } from '../activities/receiver';
import type { Scenario } from '../workflows/driver';
import { incidentInput, METRICS_FOR } from '../workflows/fixtures';
import { driveSome, driveThrough, sendNext, signalsInHistory } from './drive';
import { startChaosStack, type ChaosStack } from './stack';

const INCIDENTS = 50;
const SEVERITIES: Severity[] = ['general', 'significant', 'major', 'critical'];
/** two releases each, so publishing is under way at many incidents when the kill lands */
const SCENARIO: Scenario = { verdict: 'confirmed', releases: 2, metricsUpdates: 1 };

let stack: ChaosStack | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await stack?.stop();
  await receiver?.close();
});

async function startIncidents(s: ChaosStack): Promise<WorkflowHandle[]> {
  return Promise.all(
    Array.from({ length: INCIDENTS }, (_, i) => {
      const input = incidentInput({ fields: { metrics: METRICS_FOR[SEVERITIES[i % 4]!], category: 'hype' } });
      return s.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: s.taskQueue, workflowId: `chaos-${i}-${input.requestId}`, args: [input] });
    }),
  );
}

describe('a SIGKILL mid-flight loses nothing', () => {
  it.each(['worker', 'dev server'] as const)('%s killed with 50 incidents in flight: all finish, no decision lost, no release published twice', async (victim) => {
    receiver = await startReceiver();
    stack = await startChaosStack({ YUQING_PUBLISH_CHANNEL: 'webhook', YUQING_PUBLISH_WEBHOOK_URL: receiver.url });
    const s = stack;
    const handles = await startIncidents(s);

    // each incident a different distance into its life, from the report upward to its releases
    const sentBeforeKill = new Map<string, DecisionName[]>();
    await Promise.all(handles.map(async (h, i) => sentBeforeKill.set(h.workflowId, await driveSome(h, SCENARIO, 2 + (i % 9)))));
    // one more each, not yet taken by the workflow when the kill lands
    await Promise.all(
      handles.map(async (h) => {
        const name = await sendNext(h, SCENARIO);
        if (name) sentBeforeKill.get(h.workflowId)!.push(name);
      }),
    );
    const workerPid = s.worker().pid;
    if (victim === 'worker') {
      await s.worker().kill();
      // the kill must have caught work half done, or the test proves nothing
      const raw = await Promise.all(handles.map(async (h) => (await h.describe()).raw));
      expect(raw.filter((d) => d.pendingWorkflowTask || d.pendingActivities?.length).length).toBeGreaterThan(0);
      await s.startWorker();
    } else {
      await s.server.kill();
      await s.server.restart();
    }

    const finals = await Promise.all(handles.map((h) => driveThrough(h, SCENARIO, 480_000)));

    for (const [i, h] of handles.entries()) {
      const final = finals[i]!;
      const sent = sentBeforeKill.get(h.workflowId)!;
      expect(final.closed?.outcome, h.workflowId).toBe('completed');
      expect((await signalsInHistory(h)).slice(0, sent.length), h.workflowId).toEqual(sent);
      const taken = final.timeline.flatMap((e) => (e.decision && e.kind !== 'rejected' ? [e.decision] : []));
      expect(taken.slice(0, sent.length), h.workflowId).toEqual(sent);
      expect(final.timeline.filter((e) => e.kind === 'rejected'), h.workflowId).toEqual([]);
    }
    const published = finals.flatMap((f) => f.releases.filter((r) => r.status === 'published').map((r) => `${f.workflowId}:release:${r.no}`));
    expect(published).toHaveLength(INCIDENTS * SCENARIO.releases);
    const deliveries = receiver.accepted().map((r) => String(r.headers['idempotency-key']));
    // a worker killed after its POST landed but before its ledger recorded it sends that release
    // again under the same key, which a receiver honouring Idempotency-Key ignores (activities/ledger.ts);
    // with the worker alive, its ledger answers every retry and nothing is sent twice
    expect([...new Set(deliveries)].sort()).toEqual([...published].sort());
    if (victim === 'dev server') expect(deliveries.sort()).toEqual(published.sort());
    // the worker rode out the server's absence; the killed worker was replaced
    expect(s.worker().pid === workerPid).toBe(victim === 'dev server');
  });
});
