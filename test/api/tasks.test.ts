// GET /api/my-tasks on a real Temporal dev server with a real worker: what the running incidents
// await from the signed-in person, by their roles, without what four eyes keep from them, nearest
// deadline first; nothing for an anonymous caller, and nothing of one organisation for another's.
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../domain/decisions/tasks';
import type { IncidentState } from '../../domain/model/state';
import { anonymous, asSession, asToken, baseDeps, eventually, incidentBody, listen, testUsers, type Call, type Listening } from './harness';
import { startLiveApp, type LiveApp } from './live-app';
import { PLAN_FIELDS } from '../workflows/driver';

/** a second organisation: its own namespace on the same server, its own API, users and session key */
const OTHER_ORG = 'yuqing-other-org';
const HOUR = 3_600_000;

let app: LiveApp;
let other: Listening;
let as: Record<'monitor' | 'handler' | 'office' | 'approver', Call>;
/** the handler signs in as the page does: the roles come from the session */
let handlerCookie: string;

beforeAll(async () => {
  app = await startLiveApp({ server: { extraArgs: ['--namespace', OTHER_ORG] } });
  other = await listen(baseDeps(new Client({ connection: app.env.connection, namespace: OTHER_ORG }), await testUsers()));
  const session = await asSession(app.baseUrl, 'handler');
  handlerCookie = session.cookie;
  as = {
    monitor: asToken(app.baseUrl, 'monitor'),
    handler: session,
    office: asToken(app.baseUrl, 'office'),
    approver: asToken(app.baseUrl, 'approver'),
  };
});
afterAll(async () => {
  await other?.close();
  await app?.teardown();
});

async function register(discoveredAt: Date): Promise<string> {
  const res = await as.monitor('POST', '/api/incidents', incidentBody({ title: `任务 ${randomUUID().slice(0, 6)}`, discoveredAt: discoveredAt.toISOString() }), { 'idempotency-key': randomUUID() });
  expect(res.status).toBe(201);
  return res.body.workflowId;
}

const state = async (id: string): Promise<IncidentState> => (await as.monitor('GET', `/api/incidents/${id}`)).body.state;

async function decide(who: Call, id: string, name: string, body: object) {
  const res = await who('POST', `/api/incidents/${id}/decisions/${name}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const tasks = async (who: Call): Promise<{ items: Task[]; scanned: number; truncated: boolean; unanswered: number }> => {
  const res = await who('GET', '/api/my-tasks');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const names = (items: Task[], id: string) => items.filter((t) => t.workflowId === id).map((t) => t.name);

describe('GET /api/my-tasks', () => {
  let overdue: string;
  let fresh: string;

  beforeAll(async () => {
    // a major incident found three hours ago is past its two-hour report deadline; one found now is not
    overdue = await register(new Date(Date.now() - 3 * HOUR));
    fresh = await register(new Date());
    await eventually(async () => (await tasks(as.handler)).scanned === 2);
  });

  it('lists what the roles may take across incidents, with the incident and the deadline each meets', async () => {
    const mine = await tasks(as.handler);
    expect(mine).toMatchObject({ scanned: 2, truncated: false, unanswered: 0 });
    // the office forwards, reports, drafts the plan and responds; standing decisions are not tasks
    for (const id of [overdue, fresh]) expect(names(mine.items, id).sort()).toEqual(['forwarded', 'planDrafted', 'reportFiled', 'responseRecorded']);
    const report = mine.items.find((t) => t.workflowId === overdue && t.name === 'reportFiled');
    expect(report).toEqual({
      workflowId: overdue,
      title: expect.stringMatching(/^任务 /),
      department: expect.any(String),
      severity: 'major',
      stage: 'monitor',
      name: 'reportFiled',
      label: '登记上报',
      deadline: { kind: 'report', label: '上报期限', dueAt: (await state(overdue)).deadlines.find((d) => d.kind === 'report')!.dueAt, breached: expect.any(Boolean), meets: true },
    });

    // leadership decides on the plan only once the office has drafted one
    const leadership = await tasks(as.approver);
    for (const id of [overdue, fresh]) expect(names(leadership.items, id).sort()).toEqual(['reportFiled', 'responseRecorded']);
    // a monitor may update metrics or escalate at any time, which nobody waits for
    expect((await tasks(as.monitor)).items).toEqual([]);
    // the workflow's state says what the step waits for, as the page shows it
    expect((await state(fresh)).stepNeeds).toEqual({
      monitor: [
        { kind: 'report', text: '上报', decisions: ['reportFiled'] },
        { kind: 'planApproval', text: '处置方案获批', decisions: ['planDrafted'] },
      ],
    });
  });

  it('lists incidents with the nearest open deadline first', async () => {
    const { items } = (await as.monitor('GET', '/api/incidents')).body;
    expect(items.map((i: { workflowId: string }) => i.workflowId)).toEqual([overdue, fresh]);
    // forwarding to the department falls due no later than the report upward: it is the one shown
    const open = (await state(overdue)).deadlines.filter((d) => !d.metAt && !d.cancelled);
    const dueOf = (kind: string) => open.find((d) => d.kind === kind)!.dueAt;
    expect(Date.parse(dueOf('forward'))).toBeLessThanOrEqual(Date.parse(dueOf('report')));
    expect(items[0].nextDeadline).toMatchObject({ kind: 'forward', dueAt: dueOf('forward') });
  });

  it('puts the nearest deadline first and those without one last', async () => {
    // the office's plan draft meets no deadline of its own
    const { items } = await tasks(as.handler);
    const dues = items.map((t) => t.deadline?.dueAt);
    const firstNone = dues.indexOf(undefined);
    expect(firstNone).toBeGreaterThan(0);
    expect(dues.slice(firstNone).every((d) => d === undefined)).toBe(true);
    const dated = dues.slice(0, firstNone).map((d) => Date.parse(d!));
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
    // the overdue report comes before the report that is still hours away
    const at = (id: string) => items.findIndex((t) => t.workflowId === id && t.name === 'reportFiled');
    expect(at(overdue)).toBeLessThan(at(fresh));
    expect(items[at(overdue)]!.deadline!.dueAt < new Date().toISOString()).toBe(true);
    await eventually(async () => (await tasks(as.handler)).items.find((t) => t.workflowId === overdue && t.name === 'reportFiled')?.deadline?.breached);
  });

  it('keeps the findings from the review list of the person who submitted them, and offers them to a colleague', async () => {
    const owed = (await state(overdue)).pendingDecisions.find((p) => p.name === 'reportFiled')?.owed;
    expect(owed?.length).toBeGreaterThan(0);
    await decide(as.handler, overdue, 'reportFiled', { kind: 'first', channel: 'written', recipients: owed, document: 'special' });
    // the office drafts the plan, leadership approves the version it was shown
    await decide(as.office, overdue, 'planDrafted', PLAN_FIELDS);
    await eventually(async () => (await state(overdue)).pendingDecisions.some((p) => p.name === 'planDecided'));
    const { draftHash } = (await state(overdue)).pendingDecisions.find((p) => p.name === 'planDecided')!;
    await decide(as.approver, overdue, 'planDecided', { approve: true, draftHash });
    await eventually(async () => (await state(overdue)).pendingDecisions.some((p) => p.name === 'findingsSubmitted'));
    expect(names((await tasks(as.handler)).items, overdue)).toContain('findingsSubmitted');
    await decide(as.handler, overdue, 'findingsSubmitted', { verdict: 'unfounded', facts: '经核实，帖文所述与事实不符。' });

    const handler = names((await tasks(as.handler)).items, overdue);
    expect(handler).not.toContain('findingsReviewed');
    expect(handler).not.toContain('reportFiled');
    expect(names((await tasks(as.office)).items, overdue)).toContain('findingsReviewed');
    expect(names((await tasks(as.approver)).items, overdue)).toContain('findingsReviewed');
  });

  it('answers 401 to a caller without a session or token', async () => {
    const res = await anonymous(app.baseUrl)('GET', '/api/my-tasks');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    const forged = await anonymous(app.baseUrl)('GET', '/api/my-tasks', undefined, { cookie: 'yuqing_session=forged' });
    expect(forged.status).toBe(401);
  });

  it("shows another organisation's people nothing of this one's incidents, even under the same account names", async () => {
    const theirs = await tasks(await asSession(other.baseUrl, 'handler'));
    expect(theirs).toEqual({ items: [], scanned: 0, truncated: false, unanswered: 0 });
    expect((await tasks(asToken(other.baseUrl, 'approver'))).items).toEqual([]);
    // a session of this organisation does not open the other's API
    const crossed = await anonymous(other.baseUrl)('GET', '/api/my-tasks', undefined, { cookie: handlerCookie });
    expect(crossed.status).toBe(401);
  });
});
