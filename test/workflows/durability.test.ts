// An incident outlives its worker and its own history: a new worker picks it up where the old
// one stopped, and long tracking continues as new with the whole state carried over.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { SA } from '../../workflows/incident/definitions';
import { startTestServer, startWorker } from '../helpers/temporal';
import { approvePlan, driveToEnd, send, waitForState } from './driver';
import { fastPolicy, incidentInput, METRICS_FOR, people } from './fixtures';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await startTestServer();
});
afterAll(async () => {
  await env?.teardown();
});

describe('durability', () => {
  it('a worker restarted mid-incident finishes it', async () => {
    const first = await startWorker(env);
    const input = incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' } });
    const handle = await env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: first.taskQueue, workflowId: `restart-${input.requestId}`, args: [input] });
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { channel: 'written', to: '上级' } });
    await approvePlan(handle);
    await waitForState(handle, (s) => s.steps.verify.status === 'active');
    await first.stop();

    // decisions sent while no worker runs wait in the history
    await send(handle, { name: 'findingsSubmitted', by: people.handler, fields: { verdict: 'unfounded', facts: '纯属捏造' } });
    const second = await startWorker(env, { taskQueue: first.taskQueue, dataDir: first.dataDir });
    try {
      const final = await driveToEnd(handle);
      expect(final.closed?.outcome).toBe('completed');
      expect(final.findings?.verdict).toBe('unfounded');
      expect(final.timeline.filter((e) => e.decision === 'planDecided')).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  it('tracking continues as new when the history grows, keeping state, timeline and search attributes', async () => {
    const worker = await startWorker(env);
    try {
      const input = incidentInput({ fields: { metrics: METRICS_FOR.significant, category: 'hype' }, policy: fastPolicy({ continueAsNewAfterEvents: 60 }) });
      const handle = await env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `can-${input.requestId}`, args: [input] });
      const firstRun = (await handle.describe()).runId;
      const final = await driveToEnd(handle, { verdict: 'confirmed', releases: 1, metricsUpdates: 25 });

      expect(final.generation).toBeGreaterThanOrEqual(1);
      expect(final.timeline.filter((e) => e.kind === 'continued').length).toBe(final.generation);
      expect(final.timeline[0]?.kind).toBe('started');
      expect(final.metricsHistory).toHaveLength(26);
      expect(final.releases[0]?.status).toBe('published');
      expect(final.closed?.outcome).toBe('completed');
      const described = await env.client.workflow.getHandle(handle.workflowId).describe();
      expect(described.runId).not.toBe(firstRun);
      expect(described.typedSearchAttributes.get(SA.category)).toBe('hype');
      expect(described.typedSearchAttributes.get(SA.stage)).toBe('closed');
    } finally {
      await worker.stop();
    }
  });
});
