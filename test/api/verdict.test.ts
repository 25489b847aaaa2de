// The API answers a decision with the workflow's own verdict (the `verdict` Update), not with its
// pre-check's guess: 200 and the state showing it, or the 4xx of the workflow's reason; 202 with
// where to follow it only when no worker answers within the bound.
import { randomUUID } from 'node:crypto';
import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../domain/rules/signature';
import type { IncidentState } from '../../domain/model/state';
import { type RunningWorker, startWorker } from '../helpers/temporal';
import { PLAN_FIELDS } from '../workflows/driver';
import { TEST_KEY } from '../workflows/fixtures';
import { asToken, baseDeps, eventually, incidentBody, listen, type Listening, TEST_SIGNER, testUsers } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

let app: LiveApp;
const extra: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  app = await startLiveApp();
});
afterAll(async () => {
  for (const x of extra.reverse()) await x.close();
  await app?.teardown();
});

/** Another API on the same incidents, with its own deps (a signer, a client, a bound). */
async function otherApi(overrides: Parameters<typeof baseDeps>[2], client = app.env.client): Promise<Listening> {
  const api = await listen(baseDeps(client, await testUsers(), { taskQueue: app.worker.taskQueue, dataDir: app.worker.dataDir, ...overrides }));
  extra.push(api);
  return api;
}

/** A new incident through the API, its plan drafted by the office: awaiting leadership's decision on it. */
async function newIncident(baseUrl = app.baseUrl): Promise<{ id: string; approvePlan: { approve: true; draftHash: string } }> {
  const created = await asToken(baseUrl, 'monitor')('POST', '/api/incidents', incidentBody(), { 'idempotency-key': randomUUID() });
  expect(created.status).toBe(201);
  const id = created.body.workflowId as string;
  const pendingOn = async (name: string) => ((await asToken(baseUrl, 'monitor')('GET', `/api/incidents/${id}`)).body.state as IncidentState).pendingDecisions.find((p) => p.name === name);
  await eventually(() => pendingOn('planDrafted'));
  expect((await asToken(baseUrl, 'office')('POST', `/api/incidents/${id}/decisions/planDrafted`, PLAN_FIELDS)).status).toBe(200);
  const decision = await eventually(() => pendingOn('planDecided'));
  // the approval names the version drafted, as the page does
  return { id, approvePlan: { approve: true, draftHash: decision!.draftHash! } };
}

describe('a decision answered with the workflow\'s verdict', () => {
  it('applied: 200 with the state that shows it', async () => {
    const { id, approvePlan } = await newIncident();
    const res = await asToken(app.baseUrl, 'approver')('POST', `/api/incidents/${id}/decisions/planDecided`, approvePlan);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('applied');
    const state = res.body.state as IncidentState;
    expect(state.plan?.decision).toBe('approved');
    expect(state.pendingDecisions.map((p) => p.name)).not.toContain('planDecided');
    expect(state.timeline.some((e) => e.decision === 'planDecided' && e.kind !== 'rejected')).toBe(true);
  });

  it('the same one-shot decision twice at once, both past the pre-check: one 200, one 409 not-pending from the workflow', async () => {
    // deterministic: neither signal goes out before both requests passed their pre-check
    let arrived = 0;
    let release!: () => void;
    const both = new Promise<void>((r) => (release = r));
    const barrier: WorkflowClientInterceptor = {
      async signal(input, next) {
        if (++arrived === 2) release();
        await both;
        return next(input);
      },
    };
    const racing = await otherApi({}, new Client({ connection: app.env.connection, namespace: app.env.namespace, interceptors: { workflow: [barrier] } }));
    const { id, approvePlan } = await newIncident();
    const approver = asToken(racing.baseUrl, 'approver');
    const replies = await Promise.all([1, 2].map(() => approver('POST', `/api/incidents/${id}/decisions/planDecided`, approvePlan)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = replies.find((r) => r.status === 409)!.body.error;
    expect(refused.code).toBe('not-pending');
    expect(refused.message).toContain('目前不在待办之列');
    const state = (await approver('GET', `/api/incidents/${id}`)).body.state as IncidentState;
    expect(state.timeline.filter((e) => e.decision === 'planDecided').map((e) => e.kind === 'rejected')).toEqual([false, true]);
  });

  it('refused by the workflow only: the 4xx of the workflow\'s reason', async () => {
    // an API whose private key under the trusted key id is not the one the organisation trusts:
    // its pre-check (which verifies no signature) passes, the workflow's verification does not
    const wrongKey = { ...TEST_SIGNER, privateKeys: [{ keyId: TEST_KEY.keyId, privateKey: generateSigningKey().privateKey }] };
    const misconfigured = await otherApi({ signer: wrongKey });
    const { id, approvePlan } = await newIncident();
    const res = await asToken(misconfigured.baseUrl, 'approver')('POST', `/api/incidents/${id}/decisions/planDecided`, approvePlan);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('untrusted-key');
    expect(res.body.error.message).toContain('签名无效');
    const state = (await asToken(app.baseUrl, 'approver')('GET', `/api/incidents/${id}`)).body.state as IncidentState;
    expect(state.plan?.decision).toBeUndefined();
    expect(state.timeline.find((e) => e.decision === 'planDecided')).toMatchObject({ kind: 'rejected', text: expect.stringContaining('签名无效') });
  });

  it('no worker to answer: 202 with where to follow it, within the bound; applied once a worker is back', async () => {
    const { id, approvePlan } = await newIncident();
    // deterministic: the pre-check's query is answered, then the worker stops just before the
    // signal goes out, so nothing can answer the verdict Update
    let signalledAt = 0;
    const stopBeforeSignal: WorkflowClientInterceptor = {
      async signal(input, next) {
        await app.worker.stop();
        signalledAt = performance.now();
        return next(input);
      },
    };
    const client = new Client({ connection: app.env.connection, namespace: app.env.namespace, interceptors: { workflow: [stopBeforeSignal] } });
    const bound = 800;
    const stopping = await otherApi({ verdictTimeoutMs: bound }, client);
    const res = await asToken(stopping.baseUrl, 'approver')('POST', `/api/incidents/${id}/decisions/planDecided`, approvePlan);
    const waited = performance.now() - signalledAt;
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ outcome: 'pending', follow: `/api/incidents/${id}`, name: 'planDecided', workflowId: id });
    expect(waited).toBeGreaterThanOrEqual(bound - 50);
    expect(waited).toBeLessThan(bound + 2_000);

    // the decision was sent, not lost: a worker back on the queue applies it
    const back: RunningWorker = await startWorker(app.env, { taskQueue: app.worker.taskQueue, dataDir: app.worker.dataDir });
    extra.unshift({ close: () => back.stop() });
    const state = await eventually(async () => {
      const page = await asToken(app.baseUrl, 'approver')('GET', res.body.follow);
      return page.status === 200 && (page.body.state as IncidentState).plan?.decision === 'approved' && page.body.state;
    }, 30_000);
    expect(state.timeline.some((e: IncidentState['timeline'][number]) => e.decision === 'planDecided' && e.kind !== 'rejected')).toBe(true);
  });
});
