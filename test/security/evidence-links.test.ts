// Evidence links end up as links on the incident page and in its documents: only http(s) may be
// recorded, never javascript: or data:, and a refused finding sends nothing to the workflow.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asToken, eventually, incidentBody, type Call } from '../api/harness';
import { startLiveApp, type LiveApp } from '../api/live-app';
import { PLAN_FIELDS } from '../workflows/driver';

let app: LiveApp;
let handler: Call;
let approver: Call;
beforeAll(async () => {
  app = await startLiveApp();
  handler = asToken(app.baseUrl, 'handler');
  approver = asToken(app.baseUrl, 'approver');
});
afterAll(async () => {
  await app?.teardown();
});

const pendingNames = async (id: string): Promise<string[]> =>
  (await handler('GET', `/api/incidents/${id}`)).body.state.pendingDecisions.map((p: { name: string }) => p.name);

async function atFindings(): Promise<string> {
  const created = await asToken(app.baseUrl, 'monitor')('POST', '/api/incidents', incidentBody(), { 'idempotency-key': randomUUID() });
  const id = created.body.workflowId as string;
  await eventually(async () => (await pendingNames(id)).includes('reportFiled'));
  expect((await handler('POST', `/api/incidents/${id}/decisions/reportFiled`, { channel: 'written', to: '县委宣传部' })).status).toBe(200);
  expect((await handler('POST', `/api/incidents/${id}/decisions/planDrafted`, PLAN_FIELDS)).status).toBe(200);
  await eventually(async () => (await pendingNames(id)).includes('planDecided'));
  const draftHash = (await handler('GET', `/api/incidents/${id}`)).body.state.plan.draftHash;
  expect((await approver('POST', `/api/incidents/${id}/decisions/planDecided`, { approve: true, draftHash })).status).toBe(200);
  await eventually(async () => (await pendingNames(id)).includes('findingsSubmitted'));
  return id;
}

const signalsIn = async (id: string) =>
  (await app.env.client.workflow.getHandle(id).fetchHistory()).events?.filter((e) => e.workflowExecutionSignaledEventAttributes).length ?? 0;

it.each(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd'])(
  'refuses the evidence link %s with 400 naming evidence.0 and signals nothing',
  async (link) => {
    const id = await atFindings();
    const before = await signalsIn(id);
    const res = await handler('POST', `/api/incidents/${id}/decisions/findingsSubmitted`, { verdict: 'unfounded', facts: '经核实不实。', evidence: [link] });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['evidence.0']);
    expect(await signalsIn(id)).toBe(before);
  },
);

it('still takes an https evidence link', async () => {
  const id = await atFindings();
  const res = await handler('POST', `/api/incidents/${id}/decisions/findingsSubmitted`, { verdict: 'unfounded', facts: '经核实不实。', evidence: ['https://example.org/notice'] });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});
