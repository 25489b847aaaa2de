// Encrypted payloads end to end on a real dev server (SPEC §9): an incident registered and decided
// through the API, run by a worker with the codec. Its history read straight from Temporal, without
// the codec, holds none of the incident's text; through the codec endpoint the same history decodes,
// for the Temporal UI and for the Temporal CLI alike.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../../codec/encryption';
import { resolveTemporalCli } from '../../scripts/temporal-cli';
import type { IncidentState } from '../../domain/model/state';
import { asToken, eventually, incidentBody, PEOPLE, token } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

const secret = `加密测试-${randomUUID().slice(0, 8)}`;
const body = incidentBody({ title: `网传${secret}食堂饭菜变质`, summary: `摘要${secret}`, excerpt: `原文${secret}` });
let app: LiveApp;
let id: string;

beforeAll(async () => {
  app = await startLiveApp({ codec: new EncryptionCodec([{ keyId: 'test-payload-1', key: randomBytes(32) }]) });
  const started = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', body);
  expect(started.status).toBe(201);
  id = started.body.workflowId;
  // the worker decrypts its input and encrypts what it writes: activities and a signal both ran
  await eventually(async () => (await state()).documents.some((d) => d.name === 'special'));
  const decided = await asToken(app.baseUrl, 'handler')('POST', `/api/incidents/${id}/decisions/reportFiled`, { channel: 'written', to: '县委宣传部' });
  expect(decided.status).toBe(200);
  await eventually(async () => (await state()).reports.length === 1);
});
afterAll(async () => {
  await app?.env.client.workflow.getHandle(id).terminate('test done').catch(() => undefined);
  await app?.teardown();
});

async function state(): Promise<IncidentState> {
  return (await asToken(app.baseUrl, 'handler')('GET', `/api/incidents/${id}`)).body.state;
}

/** The history as stored, fetched by a client that has no codec, serialised to its wire bytes. */
async function rawHistory(): Promise<{ events: temporal.api.history.v1.IHistoryEvent[]; bytes: Buffer }> {
  const { history } = await app.env.client.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: id } });
  return { events: history?.events ?? [], bytes: Buffer.from(temporal.api.history.v1.History.encode(history ?? {}).finish()) };
}

const b64 = (bytes?: Uint8Array | null) => Buffer.from(bytes ?? []).toString('base64');

describe('an incident with payload encryption on', () => {
  it('reads in clear through the API, which holds the key', async () => {
    const s = await state();
    expect(s.incident.title).toBe(body.title);
    expect(s.timeline.find((e) => e.decision === 'reportFiled')?.signed).toBe(true);
  });

  it('is stored as ciphertext, and decodes through the codec endpoint for a signed-in user', async () => {
    const { events, bytes } = await rawHistory();
    expect(events.some((e) => e.workflowExecutionSignaledEventAttributes)).toBe(true);
    expect(events.some((e) => e.activityTaskCompletedEventAttributes)).toBe(true);
    for (const text of [secret, PEOPLE.monitor.displayName, PEOPLE.handler.displayName, '县委宣传部']) {
      expect(bytes.includes(Buffer.from(text)), `"${text}" in the stored history`).toBe(false);
    }
    const input = events[0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    expect(Buffer.from(input[0]!.metadata!.encoding!).toString()).toBe('binary/encrypted');

    // what the Temporal UI does with a history: post its payloads to the codec endpoint
    const payloads = input.map((p) => ({ metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(p.data) }));
    const decoded = await asToken(app.baseUrl, 'approver')('POST', '/codec/decode', { payloads });
    expect(decoded.status).toBe(200);
    const [plain] = decoded.body.payloads;
    expect(Buffer.from(plain.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(plain.data, 'base64').toString()).incident.title).toBe(body.title);
  });

  it('the Temporal CLI reads the state with --codec-endpoint and a token, and ciphertext without', async () => {
    const { path } = await resolveTemporalCli({ env: process.env, log: () => {} });
    const query = (...extra: string[]) =>
      promisify(execFile)(path, ['workflow', 'query', '--address', app.env.connection.options.address, '--workflow-id', id, '--name', 'state', '--output', 'json', ...extra]);
    const clear = await query('--codec-endpoint', `${app.baseUrl}/codec`, '--codec-auth', `Bearer ${token('approver')}`);
    expect(clear.stdout).toContain(body.title);
    const sealed = await query();
    expect(sealed.stdout).not.toContain(secret);
    expect(sealed.stdout).toContain(Buffer.from('binary/encrypted').toString('base64'));
  });
});
