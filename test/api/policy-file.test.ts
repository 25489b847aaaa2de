// The organisation's policy file on a real API and Temporal: an edit applies to the next incident
// without a restart (a lower threshold grades it higher, its snapshot names the new version), the
// running incident keeps the rules it began with, and a broken edit refuses new starts with the
// file's line until it is fixed.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentPolicy } from '../../config/policy';
import { signingPolicy } from '../../config/signing';
import type { IncidentInput, PolicySnapshot } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { asToken, incidentBody, TEST_SIGNER, type Call } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

const file = join(mkdtempSync(join(tmpdir(), 'yuqing-policy-api-')), 'policy.json');
let edits = 0;
function edit(...lines: string[]): void {
  writeFileSync(file, lines.join('\n'));
  // a second's step per edit: the change is seen even where the file system keeps coarse times
  const at = 1_000_000 + ++edits;
  utimesSync(file, at, at);
}

let app: LiveApp;
let monitor: Call;

beforeAll(async () => {
  edit('{ "version": "v1" }');
  app = await startLiveApp({ deps: { policy: (now) => ({ ...currentPolicy({ now, policyFile: file }), signing: signingPolicy(TEST_SIGNER) }) } });
  monitor = asToken(app.baseUrl, 'monitor');
});
afterAll(async () => {
  await app?.teardown();
});

/** 600 views: significant by the SPEC (500), major once the plan puts major at 500 */
const body = () => incidentBody({ title: `门槛 ${randomUUID()}`, metrics: { views: 600, comments: 0, reposts: 0, mainstreamSites: 0, mainstreamMedia: false } });
const register = (key = randomUUID()) => monitor('POST', '/api/incidents', body(), { 'idempotency-key': key });

async function started(key = randomUUID()): Promise<string> {
  const res = await register(key);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.workflowId;
}

const severity = async (id: string) => ((await monitor('GET', `/api/incidents/${id}`)).body.state as IncidentState).severity;

/** The snapshot frozen into the workflow's input, as its history keeps it. */
async function snapshot(id: string): Promise<PolicySnapshot> {
  const { events } = await app.env.client.workflow.getHandle(id).fetchHistory();
  const [input] = events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  return defaultPayloadConverter.fromPayload<IncidentInput>(input!).policy;
}

it('applies an edit to the next incident without a restart, and refuses a broken one with its line until it is fixed', async () => {
  const first = await started();
  expect(await severity(first)).toBe('significant');
  const before = await snapshot(first);
  expect(before.version).toMatch(/^policy-\d{4}\.\d+\+v1@[0-9a-f]{12}$/);

  edit('{', '  "version": "v2",', '  "grading": { "major": { "views": 500 }, "significant": { "views": 300 } }', '}');
  const second = await started();
  expect(await severity(second)).toBe('major');
  const after = await snapshot(second);
  expect(after.version).toMatch(/\+v2@/);
  expect(after.grading.major.views).toBe(500);
  // the running incident keeps the rules it began with
  expect((await snapshot(first)).grading.major.views).toBe(1000);
  expect(await severity(first)).toBe('significant');

  edit('{', '  "version": "v3",', '  "grading": {', '    "major": { "views": 5000 }', '  }', '}');
  const key = randomUUID();
  const refused = await register(key);
  expect(refused.status).toBe(500);
  expect(refused.body.error.code).toBe('policy-invalid');
  expect(refused.body.error.message).toContain('no new incident starts until the file is fixed');
  expect(refused.body.error.message).toContain(`${file}:4: grading.major.views (5000): must not be above grading.critical.views (3000)`);

  edit('{', '  "version": "v3",', '  "grading": { "major": { "views": 700 } }', '}');
  // the refused request started nothing: the same key now starts its incident for the first time
  const fixed = await register(key);
  expect(fixed.status).toBe(201);
  expect(fixed.body.created).toBe(true);
  expect(await severity(fixed.body.workflowId)).toBe('significant');
  expect((await snapshot(fixed.body.workflowId)).version).toMatch(/\+v3@/);
});
