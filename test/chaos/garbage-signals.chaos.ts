// SPEC §5: anything can arrive as a decision straight from the Temporal UI or CLI, and the
// workflow never fails on it: it records the rejection in the timeline and keeps going. A
// fast-check property throws garbage, forged and tampered signatures at every decision signal of
// a running incident on the real worker process; the incident must then still run to its end.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionSignals, INCIDENT_WORKFLOW, stateQuery } from '../../workflows/incident/definitions';
import { signDecision } from '../../domain/rules/signature';
import { DECISION_NAMES } from '../../domain/decisions/index';
import { driveToEnd, nextDecision, waitForState } from '../workflows/driver';
import { incidentInput, METRICS_FOR, people, TEST_KEY } from '../workflows/fixtures';
import { startChaosStack, type ChaosStack } from './stack';

let stack: ChaosStack;
beforeAll(async () => {
  stack = await startChaosStack();
});
afterAll(async () => {
  await stack?.stop();
});

const user = fc.oneof(
  fc.constantFrom(...Object.values(people)),
  fc.record({ id: fc.string(), name: fc.string(), roles: fc.array(fc.string()) }),
  fc.anything({ maxDepth: 2 }),
);
const auth = fc.record({
  keyId: fc.oneof(fc.constant(TEST_KEY.keyId), fc.string()),
  issuedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constant(new Date().toISOString()), fc.string()),
  nonce: fc.string({ minLength: 8 }),
  signature: fc.oneof(fc.stringMatching(/^[0-9a-f]{128}$/), fc.string()),
});
/** shaped like a decision, so it gets past the envelope to the signature and permission checks */
const lookalike = fc.record({ by: user, auth: fc.option(auth, { nil: undefined }), approve: fc.anything({ maxDepth: 1 }), releaseNo: fc.anything({ maxDepth: 1 }), verdict: fc.anything({ maxDepth: 1 }), reason: fc.anything({ maxDepth: 1 }) }, { requiredKeys: ['by'] });
const garbage = fc.oneof(fc.anything({ maxDepth: 3, withBigInt: false }), fc.jsonValue({ maxDepth: 3 }), lookalike);

describe('garbage decisions sent straight to Temporal', () => {
  it('are each recorded as rejected; the incident keeps running and then finishes', async () => {
    const input = incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' } });
    const handle = await stack.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: stack.taskQueue, workflowId: `garbage-${input.requestId}`, args: [input] });
    await waitForState(handle, (s) => s.pendingDecisions.some((p) => p.name === 'reportFiled'));
    let sent = 0;

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...DECISION_NAMES), garbage, async (name, payload) => {
        await handle.signal(decisionSignals[name], payload);
        sent++;
      }),
      { numRuns: 150 },
    );
    // a correctly signed decision altered after signing: the signature no longer matches
    const step = nextDecision(await handle.query(stateQuery))!;
    const signed = signDecision({ ...step.fields, by: step.by }, { workflowId: handle.workflowId, name: step.name, keyId: TEST_KEY.keyId, privateKey: TEST_KEY.privateKey, issuedAt: new Date().toISOString(), nonce: randomUUID() });
    await handle.signal(decisionSignals[step.name], { ...signed, by: people.leader });
    sent++;

    const s = await waitForState(handle, (st) => st.timeline.filter((e) => e.kind === 'rejected').length >= sent, 120_000);
    expect(s.timeline.filter((e) => e.kind === 'rejected')).toHaveLength(sent);
    expect(s.reports).toEqual([]);
    const described = await handle.describe();
    expect(described.status.name).toBe('RUNNING');
    const history = await handle.fetchHistory();
    expect(history.events?.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);

    const final = await driveToEnd(handle);
    expect(final.closed?.outcome).toBe('completed');
  });

  // A payload the worker cannot decode (not JSON, an unknown encoding, encrypted under a key it
  // does not hold) would fail the workflow task before any handler runs and stall the incident;
  // the worker's codec and payload converter hand it on as a marker the workflow rejects.
  it.each([
    ['not JSON', { encoding: 'json/plain' }, 'not json{'],
    ['encrypted under an unknown key', { encoding: 'binary/encrypted', 'encryption-key-id': 'not-ours' }, 'x'.repeat(40)],
  ])('an undecodable payload (%s) is recorded as rejected', async (_, metadata, data) => {
    const input = incidentInput({ fields: { metrics: METRICS_FOR.major, category: 'hype' } });
    const handle = await stack.client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: stack.taskQueue, workflowId: `undecodable-${input.requestId}`, args: [input] });
    await waitForState(handle, (s) => s.pendingDecisions.some((p) => p.name === 'reportFiled'));
    const payload = { metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v)])), data: Buffer.from(data) };
    await stack.client.workflowService.signalWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId: handle.workflowId }, signalName: 'reportFiled', input: { payloads: [payload] } });
    const s = await waitForState(handle, (st) => st.timeline.some((e) => e.kind === 'rejected'), 20_000);
    expect(s.timeline.find((e) => e.kind === 'rejected')?.text).toContain('无法解码');
    expect(s.reports).toEqual([]);
    expect((await handle.fetchHistory()).events?.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
  });
});
