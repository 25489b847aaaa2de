// Owners on the real dev server: each deadline names a person as it opens (on duty by the roster,
// else the department's officer), a reassignment is recorded with who, what, to whom and why, and
// a breach is held against the owner and their unit as well as the role.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROSTER_FILE, USERS_FILE } from '../../domain/data-layout';
import { INCIDENT_WORKFLOW } from '../../workflows/incident/definitions';
import { useServerAndWorker } from '../helpers/temporal';
import { send, waitForState } from './driver';
import { fastPolicy, incidentInput, METRICS_FOR, people } from './fixtures';

const running = useServerAndWorker();
const token = `sha256$${'0'.repeat(64)}`;
const users = [
  { name: 'zhou', displayName: '值班员小周', roles: ['handler'], department: '办公室', tokenHash: token },
  { name: 'li', displayName: '后勤处小李', roles: ['handler'], department: '后勤处', tokenHash: token },
  { name: 'chen', displayName: '教务处老陈', roles: ['handler'], department: '教务处', tokenHash: token },
  { name: 'wang', displayName: '王主任', roles: ['approver'], department: '办公室', tokenHash: token },
];
const localDay = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** zhou on duty around the clock, yesterday's night shift included */
const roster = { entries: [-1, 0].flatMap((d) => (['day', 'night'] as const).map((shift) => ({ date: localDay(d), shift, people: ['zhou'] }))) };

const files = (withRoster: boolean) => {
  const dir = running.worker().dataDir;
  writeFileSync(join(dir, USERS_FILE), JSON.stringify({ users }));
  if (withRoster) writeFileSync(join(dir, ROSTER_FILE), JSON.stringify(roster));
  else rmSync(join(dir, ROSTER_FILE), { force: true });
};
const start = (input: ReturnType<typeof incidentInput>) =>
  running.env().client.workflow.start(INCIDENT_WORKFLOW, { taskQueue: running.worker().taskQueue, workflowId: `owners-${input.requestId}`, args: [input] });
const report = (s: { deadlines: { kind: string }[] }) => s.deadlines.find((d) => d.kind === 'report') as { owner?: { id: string; via: string } } | undefined;

describe('owners of deadlines', () => {
  it('the person on duty who holds the role owns the deadline, and the decision that meets it', async () => {
    files(true);
    const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.significant } }));
    const s = await waitForState(handle, (st) => !!report(st)?.owner);
    expect(report(s)?.owner).toEqual({ id: 'zhou', name: '值班员小周', department: '办公室', via: 'roster' });
    expect(s.pendingDecisions.find((p) => p.name === 'reportFiled')?.owner?.id).toBe('zhou');
    await handle.terminate('test done');
  });

  it('off the roster, the handler of the incident’s department owns it; a reassignment is recorded with its reason', async () => {
    files(false);
    const handle = await start(incidentInput({ fields: { metrics: METRICS_FOR.significant } }));
    const s = await waitForState(handle, (st) => !!report(st)?.owner);
    expect(report(s)?.owner).toEqual({ id: 'li', name: '后勤处小李', department: '后勤处', via: 'department' });

    const chen = { id: 'chen', name: '教务处老陈', department: '教务处', roles: ['handler'] };
    await send(handle, { name: 'reassignOwner', by: people.leader, fields: { deadline: 'report', to: chen, reason: '小李出差' } });
    const moved = await waitForState(handle, (st) => report(st)?.owner?.via === 'reassigned');
    expect(report(moved)?.owner).toEqual({ id: 'chen', name: '教务处老陈', department: '教务处', via: 'reassigned' });
    const entry = moved.timeline.find((e) => e.decision === 'reassignOwner')!;
    expect(entry.by).toBe(people.leader.name);
    expect(entry.text).toBe('改派责任人｜上报期限由后勤处小李改派给教务处老陈（教务处）：小李出差');

    // someone without the role answerable is refused, naming the field
    await send(handle, { name: 'reassignOwner', by: people.office, fields: { deadline: 'report', to: { id: 'wang', name: '王主任', roles: ['approver'] }, reason: '试' } });
    const refused = await waitForState(handle, (st) => st.timeline.some((e) => e.kind === 'rejected' && e.decision === 'reassignOwner'));
    expect(refused.timeline.find((e) => e.kind === 'rejected')?.text).toBe('拒收「改派责任人」：改派给：须具有办公室及责任部门角色，才能对上报期限负责');
    expect(report(refused)?.owner?.id).toBe('chen');
    await handle.terminate('test done');
  });

  it('a breach names the owner and their unit as well as the role, in the timeline and the notice, and keeps the owner', async () => {
    files(false);
    const input = incidentInput({ fields: { metrics: METRICS_FOR.significant }, policy: fastPolicy({ overrides: { report: { amount: 4, unit: 'seconds' } } }) });
    const handle = await start(input);
    const s = await waitForState(handle, (st) => st.breachCount > 0);
    const d = s.deadlines.find((x) => x.kind === 'report')!;
    expect(d.breachedAt).toBeDefined();
    expect(d.owner).toEqual({ id: 'li', name: '后勤处小李', department: '后勤处', via: 'department' });
    expect(s.timeline.find((e) => e.kind === 'breach')?.text).toBe('上报期限已过（办公室及责任部门 后勤处小李（后勤处）），通知上一级');
    await waitForState(handle, (st) => st.timeline.some((e) => e.kind === 'notified' && e.text.includes('上报期限已过')));
    const notices = readFileSync(join(running.worker().dataDir, 'incidents', handle.workflowId, 'notices.log'), 'utf8');
    expect(notices).toContain('责任：办公室及责任部门 后勤处小李（后勤处）');

    // met late: the late entry names them too, and the met deadline keeps its owner as the record
    await send(handle, { name: 'reportFiled', by: people.handler, fields: { kind: 'first', channel: 'written', recipients: ['superiorDepartment'] } });
    const late = await waitForState(handle, (st) => st.timeline.some((e) => e.kind === 'late'));
    expect(late.timeline.find((e) => e.kind === 'late')?.text).toMatch(/^上报期限逾期 .+后完成（办公室及责任部门 后勤处小李（后勤处））$/);
    expect(late.deadlines.find((x) => x.kind === 'report')).toMatchObject({ owner: { id: 'li' } });
    expect(late.deadlines.find((x) => x.kind === 'report')?.metAt).toBeDefined();
    await handle.terminate('test done');
  });
});
