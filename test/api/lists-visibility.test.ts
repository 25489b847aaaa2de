// The incident list, its due-soon filter and 待我处理 read visibility only: with the worker stopped,
// so that no incident could answer a `state` query, they still list every incident with its next
// deadline and every decision awaited. Payloads are encrypted, as in a deployment: the memo is too.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../../codec/encryption';
import type { Task } from '../../domain/decisions/tasks';
import { asToken, eventually, incidentBody, type Call } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

const MINUTE = 60_000;

let app: LiveApp;
let monitor: Call;
let handler: Call;
const department = `网信办-${randomUUID().slice(0, 8)}`;
let soon: string;
let later: string;

// a query that waited for a worker would fail within this, and the old lists would show it
beforeAll(async () => {
  app = await startLiveApp({ codec: new EncryptionCodec([{ keyId: 'test-payload-1', key: randomBytes(32) }]), deps: { temporalTimeoutMs: 2_000 } });
  monitor = asToken(app.baseUrl, 'monitor');
  handler = asToken(app.baseUrl, 'handler');
  const register = async (discoveredAt: Date) => {
    const res = await monitor('POST', '/api/incidents', incidentBody({ department, discoveredAt: discoveredAt.toISOString() }), { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    return res.body.workflowId as string;
  };
  // a major incident's forwarding falls due two hours after discovery: in 30 minutes, and in two hours
  soon = await register(new Date(Date.now() - 90 * MINUTE));
  later = await register(new Date());
});
afterAll(async () => {
  await app?.teardown();
});

const list = async (extra = '') => (await monitor('GET', `/api/incidents?department=${encodeURIComponent(department)}${extra}`)).body;
const ids = (items: { workflowId: string }[]) => items.map((i) => i.workflowId).sort();
const mine = async (): Promise<{ items: Task[]; scanned: number; truncated: boolean; unanswered: number }> => (await handler('GET', '/api/my-tasks')).body;

describe('lists from visibility alone', () => {
  it('answer with the next deadlines and the awaited decisions while no worker runs', async () => {
    const live = await eventually(async () => {
      const body = await list();
      return body.items.length === 2 && body.items.every((i: { nextDeadline?: unknown }) => i.nextDeadline) && body;
    });
    const tasks = await eventually(async () => {
      const body = await mine();
      return body.items.filter((t) => t.workflowId === soon || t.workflowId === later).length >= 8 && body;
    });
    const state = (await monitor('GET', `/api/incidents/${soon}`)).body.state;

    await app.worker.stop();

    const stopped = await list();
    expect(stopped.items).toEqual(live.items);
    const first = stopped.items[0];
    // nearest first, as the workflow's own deadlines say
    const open = state.deadlines.filter((d: { metAt?: string; cancelled?: boolean }) => !d.metAt && !d.cancelled).sort((a: { dueAt: string }, b: { dueAt: string }) => a.dueAt.localeCompare(b.dueAt));
    expect(first.workflowId).toBe(soon);
    expect(first.nextDeadline).toEqual({ kind: open[0].kind, label: open[0].label, dueAt: open[0].dueAt, breached: false });

    const after = await mine();
    expect(after).toEqual(tasks);
    expect(after.unanswered).toBe(0);
    const report = after.items.find((t) => t.workflowId === soon && t.name === 'reportFiled');
    expect(report).toMatchObject({ title: incidentBody().title, severity: 'major', stage: 'monitor', label: expect.any(String), deadline: { kind: 'report', meets: true } });
    // what the state query says the incident awaits from the handler, no more, no less
    const awaited = state.pendingDecisions.filter((p: { expected: boolean; roles: string[] }) => p.expected && p.roles.includes('handler')).map((p: { name: string }) => p.name);
    expect(after.items.filter((t) => t.workflowId === soon).map((t) => t.name).sort()).toEqual(awaited.sort());

    // due within the hour: one visibility filter
    expect(ids((await list('&dueSoon=true')).items)).toEqual([soon]);
    expect(ids((await list('&dueSoon=false')).items)).toEqual([later]);
    expect((await monitor('GET', '/api/incidents?dueSoon=soon')).status).toBe(400);
  });
});
