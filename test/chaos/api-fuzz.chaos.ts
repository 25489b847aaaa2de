// Bad input at the API (issue 5): property-based bodies for registering an incident and for every
// decision, each invalid by the schema the API validates with, sent to the real API process as
// real users. Every answer is a 4xx, no workflow is started, signalled or failed, and the API
// still serves a valid request afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_NAMES, DECISIONS } from '../../domain/decisions/index';
import { IncidentFields } from '../../domain/model/schema';
import { incidentBody } from '../api/harness';
import { alive } from '../helpers/processes';
import { signalsInHistory } from './drive';
import { startApiProcess, type ApiProcess, type ApiUser } from './api-process';
import { startChaosStack, type ChaosStack } from './stack';

const USERS: ApiUser[] = [
  { name: 'monitor', displayName: '信息员小周', roles: ['monitor'] },
  { name: 'handler', displayName: '经办小李', roles: ['handler'] },
  { name: 'approver', displayName: '王主任', roles: ['approver'] },
];

let stack: ChaosStack;
let api: ApiProcess;
let incidentId: string;

beforeAll(async () => {
  stack = await startChaosStack();
  api = await startApiProcess({ dir: stack.dataDir, address: stack.server.address, taskQueue: stack.taskQueue, payloadKeys: stack.payloadKeys, users: USERS });
  const res = await call('monitor', 'POST', '/api/incidents', JSON.stringify(incidentBody()));
  expect(res.status).toBe(201);
  incidentId = ((await res.json()) as { workflowId: string }).workflowId;
});
afterAll(async () => {
  await api?.stop();
  await stack?.stop();
});

function call(user: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(api.url + path, { method, body, headers: { authorization: `Bearer ${api.token(user)}`, 'content-type': 'application/json', ...headers } });
}

const user = fc.constantFrom(...USERS.map((u) => u.name));
const json = fc.jsonValue({ maxDepth: 3 });
/** a valid body with one field replaced by garbage, removed, or joined by an unknown one */
function mutated(valid: Record<string, unknown>) {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...Object.keys(valid)), json).map(([key, value]) => ({ ...valid, [key]: value })),
    fc.constantFrom(...Object.keys(valid)).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
    fc.tuple(fc.string(), json).map(([key, value]) => ({ ...valid, [key]: value })),
  );
}
/** JSON text of a body, or text that is not JSON at all */
const text = (bodies: fc.Arbitrary<unknown>) => fc.oneof(bodies.map((b) => JSON.stringify(b) ?? 'null'), fc.string());

function parsesAs(schema: { safeParse(v: unknown): { success: boolean } }, raw: string, extra: Record<string, unknown>): boolean {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return false;
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body) && schema.safeParse({ ...extra, ...body }).success;
}

async function workflowCount(query: string): Promise<number> {
  return (await stack.client.workflow.count(`TaskQueue = '${stack.taskQueue}' AND ${query}`)).count;
}

describe('bad input at the API', () => {
  it('POST /api/incidents with invalid bodies: only 4xx, nothing started', async () => {
    const before = await workflowCount(`WorkflowType = 'incidentWorkflow'`);
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(user, text(fc.oneof(json, mutated(incidentBody()))), async (who, raw) => {
        fc.pre(!parsesAs(IncidentFields, raw, { discoveredAt: new Date().toISOString() }));
        const res = await call(who, 'POST', '/api/incidents', raw);
        await res.arrayBuffer();
        statuses.add(res.status);
        expect(res.status, raw).toBeGreaterThanOrEqual(400);
        expect(res.status, raw).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
    expect(await workflowCount(`WorkflowType = 'incidentWorkflow'`)).toBe(before);
    // the fuzz reached the validation itself, not only the role check
    expect(statuses).toContain(400);
  });

  it('decisions with invalid bodies or names: only 4xx, no signal reaches the incident', async () => {
    const name = fc.oneof(fc.constantFrom(...DECISION_NAMES), fc.string({ minLength: 1 }).map(encodeURIComponent));
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(user, name, text(json), async (who, decision, raw) => {
        const schema = (DECISION_NAMES as readonly string[]).includes(decision) ? DECISIONS[decision as (typeof DECISION_NAMES)[number]].schema : undefined;
        const by = USERS.find((u) => u.name === who)!;
        fc.pre(!schema || !parsesAs(schema, raw, { by: { id: by.name, name: by.displayName, roles: by.roles } }));
        const res = await call(who, 'POST', `/api/incidents/${incidentId}/decisions/${decision}`, raw);
        await res.arrayBuffer();
        statuses.add(res.status);
        expect(res.status, `${decision} ${raw}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${decision} ${raw}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    expect(await signalsInHistory(stack.client.workflow.getHandle(incidentId))).toEqual([]);
    // unknown names and invalid bodies both came up
    expect(statuses).toContain(404);
    expect(statuses).toContain(400);
  });

  it('leaves the API up, serving valid requests, and no workflow failed', async () => {
    expect(alive(api.pid)).toBe(true);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const res = await call('handler', 'POST', `/api/incidents/${incidentId}/decisions/reportFiled`, JSON.stringify({ channel: 'written', to: '上级宣传部' }));
    expect(res.status).toBe(200);
    expect(await signalsInHistory(stack.client.workflow.getHandle(incidentId))).toEqual(['reportFiled']);
    expect(await workflowCount(`ExecutionStatus = 'Failed'`)).toBe(0);
  });
});
