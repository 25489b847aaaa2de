// Failure messages encrypted end to end on a real dev server (SPEC §9): a notice webhook refuses with
// a text of its own, and the notify activity's failure carries that text; a roll-up started with a
// bad input fails the workflow itself, in the sandbox. Read straight from Temporal, without the
// codec, the history holds neither message; through the codec endpoint, as the Temporal UI reads
// it, both decode. The workflow itself still reads the activity's message (its timeline quotes it).
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@temporalio/client';
import { loadDataConverter as loadSdkDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../../codec/encryption';
import { codecDataConverter, loadDataConverter } from '../../codec/key-ring';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { type RunningWorker, startTestServer, startWorker } from '../helpers/temporal';
import { waitForState } from '../workflows/driver';
import { fastPolicy, incidentInput } from '../workflows/fixtures';
import { asToken, baseDeps, eventually, listen, testUsers, type Listening } from './harness';

type Failure = temporal.api.failure.v1.IFailure;

const refusal = `收件人${randomUUID().slice(0, 8)}已停用`;
let receiver: Server;
let env: TestWorkflowEnvironment;
let worker: RunningWorker;
let client: Client;
let app: Listening;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume().on('end', () => res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(refusal));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const codec = new EncryptionCodec([{ keyId: 'test-payload-1', key: randomBytes(32) }]);
  env = await startTestServer();
  worker = await startWorker(env, { codec, env: { YUQING_NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify` } });
  client = new Client({ connection: env.connection, namespace: env.namespace, dataConverter: codecDataConverter(codec) });
  app = await listen(baseDeps(client, await testUsers(), { taskQueue: worker.taskQueue, dataDir: worker.dataDir }));
});
afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await env?.teardown();
  await new Promise((resolve) => receiver?.close(resolve));
});

/** The history as stored, fetched by a client that has no codec, with its wire bytes. */
async function rawHistory(workflowId: string): Promise<{ events: temporal.api.history.v1.IHistoryEvent[]; bytes: Buffer }> {
  const { history } = await env.client.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId } });
  return { events: history?.events ?? [], bytes: Buffer.from(temporal.api.history.v1.History.encode(history ?? {}).finish()) };
}

const b64 = (bytes?: Uint8Array | null) => Buffer.from(bytes ?? []).toString('base64');
const text = (bytes?: Uint8Array | null) => Buffer.from(bytes ?? []).toString('utf8');

/** What the Temporal UI does with a failure's encoded attributes: post them to the codec endpoint. */
async function decodedAttributes(failure: Failure): Promise<{ message: string; stack_trace: string }> {
  const p = failure.encodedAttributes!;
  const payloads = [{ metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(p.data) }];
  const res = await asToken(app.baseUrl, 'approver')('POST', '/codec/decode', { payloads });
  expect(res.status).toBe(200);
  const [plain] = res.body.payloads;
  expect(Buffer.from(plain.metadata.encoding, 'base64').toString()).toBe('json/plain');
  return JSON.parse(Buffer.from(plain.data, 'base64').toString());
}

function expectSealed(failure: Failure | null | undefined): asserts failure is Failure {
  expect(failure?.message).toBe('Encoded failure');
  expect(failure?.stackTrace).toBe('');
  expect(text(failure?.encodedAttributes?.metadata?.encoding)).toBe('binary/encrypted');
}

describe('failure messages with payload encryption on', () => {
  it('the data converter encodes them exactly when encryption is on', () => {
    const keys = JSON.stringify({ keys: [{ keyId: 'k1', key: randomBytes(32).toString('base64') }] });
    const on = loadSdkDataConverter(loadDataConverter('/nonexistent', { YUQING_PAYLOAD_KEYS: keys }, { worker: true }));
    expect(on.failureConverter.errorToFailure(new Error(refusal), on.payloadConverter).message).toBe('Encoded failure');
    expect(loadDataConverter('/nonexistent', { YUQING_ENCRYPTION: 'off' })).toBeUndefined();
  });

  it('an activity’s failure is stored as ciphertext, decodes through the codec endpoint, and reaches the workflow in clear', async () => {
    const input = incidentInput({ policy: fastPolicy({ overrides: { report: { amount: 2, unit: 'seconds' } } }) });
    const handle = await client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `failure-enc-${input.requestId}`, args: [input] });
    try {
      const state = await waitForState(handle, (s) => s.timeline.some((e) => e.kind === 'notified'));
      expect(state.timeline.find((e) => e.kind === 'notified')?.text).toContain(refusal);

      const failed = await eventually(async () => (await rawHistory(handle.workflowId)).events.find((e) => e.activityTaskFailedEventAttributes));
      const { bytes } = await rawHistory(handle.workflowId);
      expect(bytes.includes(Buffer.from(refusal)), 'the refusal in the stored history').toBe(false);
      const failure = failed.activityTaskFailedEventAttributes!.failure;
      expectSealed(failure);
      const attrs = await decodedAttributes(failure);
      expect(attrs.message).toContain(`HTTP 400: ${refusal}`);
      expect(attrs.stack_trace).toContain('postJson');
    } finally {
      await handle.terminate('test done');
    }
  });

  it('a failure the workflow raises in the sandbox is stored as ciphertext too', async () => {
    const handle = await client.workflow.start('rollupWorkflow', { taskQueue: worker.taskQueue, workflowId: `failure-enc-rollup-${randomUUID()}`, args: [{ bogus: true }] });
    await expect(handle.result()).rejects.toMatchObject({ cause: { message: expect.stringContaining('invalid roll-up input') } });

    const { events, bytes } = await rawHistory(handle.workflowId);
    expect(bytes.includes(Buffer.from('invalid roll-up input')), 'the message in the stored history').toBe(false);
    const failure = events.find((e) => e.workflowExecutionFailedEventAttributes)!.workflowExecutionFailedEventAttributes!.failure;
    expectSealed(failure);
    expect((await decodedAttributes(failure)).message).toContain('invalid roll-up input');
  });
});
