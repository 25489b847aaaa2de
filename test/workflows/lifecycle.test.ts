// Full lifecycles on a real dev server: every severity and every category from registration to
// the approved summary, driven by the scripted duty team. With RECORD_HISTORIES=1 the runs are
// saved under test/replay/histories for the replay test (each server is fresh, so the ids are
// plain names: the replay must run under the same id, which signed decisions are bound to).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from './record';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { SA } from '../../workflows/incident/definitions';
import type { Category, Severity } from '../../domain/model/schema';
import { type RunningWorker, startTestServer, startWorker } from '../helpers/temporal';
import { driveToEnd, type Scenario } from './driver';
import { fastPolicy, incidentInput, METRICS_FOR } from './fixtures';

let env: TestWorkflowEnvironment;
let worker: RunningWorker;

beforeAll(async () => {
  env = await startTestServer();
  worker = await startWorker(env);
});
afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

async function lifecycle(name: string, severity: Severity, category: Category, scenario: Scenario) {
  const input = incidentInput({ fields: { metrics: METRICS_FOR[severity], category }, policy: fastPolicy({ bulletin: 2 }) });
  const handle = await env.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `lifecycle-${name}`, args: [input] });
  const observed: string[] = [];
  const final = await driveToEnd(handle, scenario, { onState: (s) => observed.at(-1) !== s.currentStep && observed.push(s.currentStep) });
  await recordHistory(handle);
  return { handle, final, observed };
}

describe('a full lifecycle', () => {
  it.each([
    ['general', 'inquiry'],
    ['significant', 'suggestion'],
    ['major', 'hype'],
    ['critical', 'fabrication'],
  ] as const)('%s %s incident runs all seven steps to an approved summary', async (severity, category) => {
    const scenario: Scenario = { verdict: severity === 'critical' ? 'partial' : 'confirmed', releases: severity === 'critical' ? 3 : 1, metricsUpdates: severity === 'critical' ? 10 : 1 };
    const { handle, final, observed } = await lifecycle(`${severity}-${category}`, severity, category, scenario);
    // the query shows the incident moving through the steps in order
    const order = ['monitor', 'verify', 'track', 'summarize'];
    const seen = observed.filter((s) => order.includes(s));
    // a general item needs no report upward: step 1 may be over before the first query
    expect(seen).toEqual(severity === 'general' && seen[0] !== 'monitor' ? order.slice(1) : order);

    expect(final.closed?.outcome).toBe('completed');
    expect(final.currentStep).toBe('closed');
    expect(final.severity).toBe(severity);
    for (const [step, st] of Object.entries(final.steps)) {
      expect([step, st.status]).toEqual([step, step === 'publish' && severity === 'general' ? 'skipped' : 'done']);
    }
    // step 3–5 started together once verification started (三同步)
    expect(new Set(['verify', 'coordinate', 'guide', 'publish'].map((s) => final.steps[s as 'verify'].startedAt)).size).toBe(1);
    expect(final.documents.map((d) => d.name)).toEqual(expect.arrayContaining(['special', 'summary']));
    expect(final.releases.filter((r) => r.status === 'published')).toHaveLength(severity === 'general' ? 0 : scenario.releases);
    expect(final.deadlines.every((d) => d.metAt || d.cancelled || d.kind === 'writtenReport')).toBe(true);
    expect(final.timeline.filter((e) => e.kind === 'rejected')).toEqual([]);
    if (severity === 'major' || severity === 'critical') {
      // drafted by the office, approved by leadership, and sent again in the 专报's second edition
      expect(final.plan).toMatchObject({ decision: 'approved', draftedBy: { roles: ['handler'] }, approvedBy: { roles: ['approver'] } });
      expect(final.documents.map((d) => d.name)).toContain('special-2');
    }
    // the responses that counted were approved by leadership
    expect(final.responses.length).toBeGreaterThan(0);
    expect(final.responses.every((r) => r.status === 'approved')).toBe(true);

    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(SA.stage)).toBe('closed');
    expect(described.typedSearchAttributes.get(SA.severity)).toBe(severity);
    expect(described.typedSearchAttributes.get(SA.category)).toBe(category);
    expect(described.typedSearchAttributes.get(SA.breached)).toBe(false);
  });

  it('partially confirmed findings require a correction before coordination ends', async () => {
    const { final } = await lifecycle('significant-hype-partial', 'significant', 'hype', { verdict: 'partial', releases: 1, metricsUpdates: 0 });
    expect(final.actions.map((a) => a.kind)).toContain('correction');
  });
});
