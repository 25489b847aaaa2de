// Incidents as the benchmarks run them: the four severities in turn, each with the lifecycle
// tests' scenario, driven by the scripted duty team (test/workflows/driver.ts) as the right people.
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import type { Category, Severity } from '../../domain/model/schema';
import { driveToEnd, type Scenario } from '../../test/workflows/driver';
import { incidentInput, METRICS_FOR } from '../../test/workflows/fixtures';

export const SEVERITIES = ['general', 'significant', 'major', 'critical'] as const satisfies readonly Severity[];

const CATEGORY: Record<Severity, Category> = { general: 'inquiry', significant: 'suggestion', major: 'hype', critical: 'fabrication' };

/** The reference shapes: a critical incident has 3 releases and 10 metrics updates. */
export const SCENARIO: Record<Severity, Scenario> = {
  general: { verdict: 'confirmed', releases: 1, metricsUpdates: 1 },
  significant: { verdict: 'confirmed', releases: 1, metricsUpdates: 1 },
  major: { verdict: 'confirmed', releases: 1, metricsUpdates: 1 },
  critical: { verdict: 'partial', releases: 3, metricsUpdates: 10 },
};

export function startIncident(client: Client, taskQueue: string, severity: Severity): Promise<WorkflowHandle> {
  const input = incidentInput({ fields: { metrics: METRICS_FOR[severity], category: CATEGORY[severity] } });
  return client.workflow.start(INCIDENT_WORKFLOW, { taskQueue, workflowId: `bench-${severity}-${randomUUID()}`, args: [input] });
}

/** Starts and drives one incident to its approved summary; `latencies` gets each decision's decision-to-visible time. */
export async function runIncident(client: Client, taskQueue: string, severity: Severity, latencies?: number[]): Promise<WorkflowHandle> {
  const handle = await startIncident(client, taskQueue, severity);
  const final = await driveToEnd(handle, SCENARIO[severity], { timeoutMs: 600_000, onDecision: (_, ms) => latencies?.push(ms) });
  if (final.closed?.outcome !== 'completed') throw new Error(`${handle.workflowId} ended ${final.closed?.outcome}`);
  return handle;
}

export interface ServerCost {
  stateTransitions: number;
  historyEvents: number;
}

/** What the run cost the server, from describe(): its state transitions and history length. */
export async function serverCost(handle: Pick<WorkflowHandle, 'describe'>): Promise<ServerCost> {
  const d = await handle.describe();
  return { stateTransitions: Number(d.raw.workflowExecutionInfo?.stateTransitionCount ?? NaN), historyEvents: d.historyLength };
}
