// Attack: anyone who can reach Temporal sends one decision signal whose payload carries an extra
// field nested 100,000 levels deep, as the CLI would (plain JSON). Anything that walks it
// recursively (the canonical JSON under the signature hash) overflows the stack, on every replay of
// the workflow task, so the incident would be wedged for good: no query, no decision, no page.
// It must instead be refused like any malformed decision, and the incident go on.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateQuery } from '../../workflows/incident/definitions';
import { asToken, incidentBody } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { startWorker } from '../helpers/temporal';
import { approvePlan, waitForState } from '../workflows/driver';
import { people, TEST_KEY } from '../workflows/fixtures';

const DEPTH = 100_000;

/**
 * The payload as JSON text, built as text: JSON.stringify itself overflows at a few thousand
 * levels (as canonicalJson did at about 5,000), while JSON.parse, which decodes it in the worker,
 * does not. A plausible auth block under the real key id gets it past the key lookup to the hash.
 */
function deepReportJson(): string {
  const head = JSON.stringify({
    by: people.handler,
    channel: 'written',
    to: '上级宣传部',
    auth: { keyId: TEST_KEY.keyId, issuedAt: new Date().toISOString(), nonce: randomUUID(), signature: '00'.repeat(64) },
  });
  return `${head.slice(0, -1)},"extra":${'{"x":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}`;
}

let app: LiveApp;
beforeAll(async () => {
  app = await startLiveApp();
});
afterAll(() => app?.teardown());

describe('a decision payload nested 100,000 levels deep', () => {
  it('is refused and recorded; the incident answers and takes decisions afterwards, through the API too and after a replay', async () => {
    const created = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', incidentBody(), { 'idempotency-key': randomUUID() });
    expect(created.status).toBe(201);
    const id = created.body.workflowId as string;
    const handle = app.env.client.workflow.getHandle(id);
    await waitForState(handle, (s) => s.pendingDecisions.some((p) => p.name === 'reportFiled'));

    const json = deepReportJson();
    expect(json.length).toBeGreaterThan(6 * DEPTH);
    // straight to the frontend, as `temporal workflow signal --input` sends it
    await app.env.client.workflowService.signalWorkflowExecution({
      namespace: app.env.namespace ?? 'default',
      workflowExecution: { workflowId: id },
      signalName: 'reportFiled',
      input: { payloads: [{ metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode(json) }] },
      identity: 'attacker',
      requestId: randomUUID(),
    });

    // a wedged workflow task fails every query, so the deadline here is the test's verdict
    const refused = await waitForState(handle, (s) => s.timeline.some((e) => e.kind === 'rejected' && e.decision === 'reportFiled'), 15_000);
    const entry = refused.timeline.find((e) => e.kind === 'rejected')!;
    expect(entry.text).toContain('巢状超过');
    expect(refused.reports).toHaveLength(0);

    await approvePlan(handle);

    const page = await asToken(app.baseUrl, 'handler')('GET', `/api/incidents/${id}`);
    expect(page.status).toBe(200);
    expect(page.body.state.workflowId).toBe(id);
    const report = await asToken(app.baseUrl, 'handler')('POST', `/api/incidents/${id}/decisions/reportFiled`, { channel: 'written', to: '上级宣传部' });
    expect(report.status).toBe(200);
    expect(report.body.outcome).toBe('applied');
    expect((await handle.query(stateQuery)).reports).toHaveLength(1);

    // a worker with nothing cached replays the whole history, the deep signal included
    await app.worker.stop();
    const fresh = await startWorker(app.env, { taskQueue: app.worker.taskQueue, dataDir: app.worker.dataDir });
    try {
      const replayed = await handle.query(stateQuery);
      expect(replayed.reports).toHaveLength(1);
      expect(replayed.timeline.filter((e) => e.kind === 'rejected')).toHaveLength(1);
    } finally {
      await fresh.stop();
    }
  });
});
