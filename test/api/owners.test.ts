// Reassigning a deadline's owner through the API, and 待我处理 showing what a person owns first, on a
// real dev server and worker: the worker names owners from the same users file the API reads.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserStore } from '../../api/auth/users';
import { USERS_FILE } from '../../domain/data-layout';
import type { Task } from '../../domain/decisions/tasks';
import type { IncidentState } from '../../domain/model/state';
import { asToken, eventually, incidentBody, testUsers, type Call } from './harness';
import { startLiveApp, type LiveApp } from './live-app';

let app: LiveApp;
let as: Record<'monitor' | 'handler' | 'office' | 'approver', Call>;

beforeAll(async () => {
  const base = (await testUsers()).list();
  // the handler is 后勤处's, the incidents' department; 'gone' held the role until disabled
  const users = [...base.map((u) => (u.name === 'handler' ? { ...u, department: '后勤处' } : u)), { ...base.find((u) => u.name === 'office')!, name: 'gone', displayName: '已停用', disabled: true }];
  app = await startLiveApp({ deps: { users: new UserStore({ users }) } });
  writeFileSync(join(app.worker.dataDir, USERS_FILE), JSON.stringify({ users }));
  as = { monitor: asToken(app.baseUrl, 'monitor'), handler: asToken(app.baseUrl, 'handler'), office: asToken(app.baseUrl, 'office'), approver: asToken(app.baseUrl, 'approver') };
});
afterAll(async () => {
  await app?.teardown();
});

async function register(discoveredAt: Date): Promise<string> {
  const res = await as.monitor('POST', '/api/incidents', incidentBody({ title: `改派 ${randomUUID().slice(0, 6)}`, discoveredAt: discoveredAt.toISOString() }), { 'idempotency-key': randomUUID() });
  expect(res.status).toBe(201);
  return res.body.workflowId;
}
const state = async (id: string): Promise<IncidentState> => (await as.monitor('GET', `/api/incidents/${id}`)).body.state;
const owned = (id: string) =>
  eventually(async () => {
    const s = await state(id);
    // two hold leadership's role with no department between them: its deadlines stay the role's
    const office = s.deadlines.filter((d) => d.responsible === 'handler');
    return office.length > 0 && office.every((d) => d.owner) && s.deadlines.every((d) => d.responsible === 'handler' || !d.owner) && s;
  });
const reassign = (who: Call, id: string, body: object) => who('POST', `/api/incidents/${id}/decisions/reassignOwner`, body);

describe('reassigning an owner', () => {
  it('refuses a person who does not exist or is disabled, and a deadline not open, naming the field; nothing changes', async () => {
    const id = await register(new Date());
    const before = await owned(id);
    const kind = before.deadlines.find((d) => d.responsible === 'handler')!.kind;
    expect(before.deadlines.find((d) => d.kind === kind)!.owner).toMatchObject({ id: 'handler', department: '后勤处', via: 'department' });

    const unknown = await reassign(as.approver, id, { deadline: kind, to: 'nobody', reason: '调整' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual([{ field: 'to', rule: 'must be a user in the users file', message: '改派给：查无此用户（nobody）' }]);
    const disabled = await reassign(as.approver, id, { deadline: kind, to: 'gone', reason: '调整' });
    expect(disabled.status).toBe(400);
    expect(disabled.body.error.issues[0]).toMatchObject({ field: 'to', rule: 'must not be a disabled account' });
    const closed = await reassign(as.approver, id, { deadline: 'summary', to: 'office', reason: '调整' });
    expect(closed.status).toBe(400);
    expect(closed.body.error.issues[0]).toMatchObject({ field: 'deadline', rule: 'must name an open deadline of this incident' });
    const noReason = await reassign(as.approver, id, { deadline: kind, to: 'office' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0]).toMatchObject({ field: 'reason' });
    expect((await reassign(as.monitor, id, { deadline: kind, to: 'office', reason: '调整' })).status).toBe(403);

    // the form the page builds asks for a sign-in name, which the API turns into the ref
    const meta = await as.approver('GET', '/api/meta');
    expect(meta.body.decisions.reassignOwner.schema.properties.to).toMatchObject({ type: 'string' });
    expect(meta.body.decisions.reassignOwner.roles).toEqual(['approver', 'handler']);

    const after = await state(id);
    expect(after.deadlines.map((d) => d.owner)).toEqual(before.deadlines.map((d) => d.owner));
    expect(after.timeline.some((e) => e.decision === 'reassignOwner')).toBe(false);
  });

  it('待我处理 lists what the person owns first, then what their roles may take', async () => {
    const mineId = await register(new Date());
    // discovered an hour earlier: its deadlines fall due first, and it goes to the office
    const theirsId = await register(new Date(Date.now() - 3_600_000));
    await owned(mineId);
    const theirs = await owned(theirsId);
    for (const d of theirs.deadlines.filter((x) => !x.metAt && !x.cancelled && x.responsible === 'handler')) {
      const res = await reassign(as.handler, theirsId, { deadline: d.kind, to: 'office', reason: '由办公室跟进' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const moved = await state(theirsId);
    expect(moved.deadlines.filter((d) => !d.metAt && !d.cancelled && d.responsible === 'handler').every((d) => d.owner?.id === 'office' && d.owner.via === 'reassigned')).toBe(true);
    expect(moved.timeline.filter((e) => e.decision === 'reassignOwner').at(0)).toMatchObject({ by: '经办小李' });
    expect(moved.timeline.find((e) => e.decision === 'reassignOwner')?.text).toMatch(/由经办小李改派给办公室老陈：由办公室跟进/);

    const items: Task[] = await eventually(async () => {
      const res = await as.handler('GET', '/api/my-tasks');
      const list: Task[] = res.body.items.filter((t: Task) => t.workflowId === mineId || t.workflowId === theirsId);
      // the lists read visibility, which follows the workflow a moment later
      return list.some((t) => t.workflowId === mineId && t.mine) && list.some((t) => t.workflowId === theirsId && t.owner?.id === 'office') && list;
    });
    const firstNotMine = items.findIndex((t) => !t.mine);
    expect(items.slice(0, firstNotMine).every((t) => t.workflowId === mineId && t.owner?.id === 'handler')).toBe(true);
    expect(items.slice(firstNotMine).some((t) => t.mine)).toBe(false);
    // the office's incident is due sooner, yet comes after what the handler owns
    const theirTask = items.find((t) => t.workflowId === theirsId && t.deadline)!;
    expect(theirTask.owner?.id).toBe('office');
    expect(Date.parse(theirTask.deadline!.dueAt)).toBeLessThan(Date.parse(items[0]!.deadline!.dueAt));

    const office = (await as.office('GET', '/api/my-tasks')).body.items as Task[];
    expect(office.find((t) => t.mine)?.workflowId).toBe(theirsId);
  });
});
