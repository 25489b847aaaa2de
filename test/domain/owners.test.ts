import { describe, expect, it } from 'vitest';
import { Roster } from '../../domain/duty/roster';
import { pendingDecisions } from '../../domain/decisions/pending';
import { compareTasks, tasksFor } from '../../domain/decisions/tasks';
import { chooseOwner, chooseOwners, type Person } from '../../domain/incident/owners';
import { stateFor } from './decide';

const at = (local: string) => Date.parse(`${local}+08:00`);
const people: Person[] = [
  { name: 'wang', displayName: '王主任', roles: ['approver'], department: '宣传部' },
  { name: 'li', displayName: '经办小李', roles: ['handler'], department: '宣传部' },
  { name: 'chen', displayName: '办公室老陈', roles: ['handler'], department: '教育局' },
  { name: 'zhou', displayName: '信息员小周', roles: ['monitor', 'handler'] },
  { name: 'gone', displayName: '已停用', roles: ['handler', 'approver'], department: '教育局', disabled: true },
];
const roster = Roster.parse({
  entries: [
    { date: '2026-12-02', shift: 'day', people: ['wang', 'zhou', 'li'] },
    { date: '2026-12-02', shift: 'day', people: ['chen'], department: '教育局' },
  ],
});
const empty = Roster.parse({ entries: [] });

describe('choosing who owns a deadline', () => {
  it('takes the first on duty who holds the role, the department’s own duty first', () => {
    expect(chooseOwner(people, roster, { atMs: at('2026-12-02T10:00:00'), department: '宣传部', role: 'handler' })).toEqual({ id: 'zhou', name: '信息员小周', via: 'roster' });
    expect(chooseOwner(people, roster, { atMs: at('2026-12-02T10:00:00'), department: '教育局', role: 'handler' })).toEqual({ id: 'chen', name: '办公室老陈', department: '教育局', via: 'roster' });
  });

  it('off duty: the one holder of the role in the incident’s department, then the role’s only holder', () => {
    const night = at('2026-12-02T22:00:00');
    expect(chooseOwner(people, roster, { atMs: night, department: '教育局', role: 'handler' })).toEqual({ id: 'chen', name: '办公室老陈', department: '教育局', via: 'department' });
    // 卫健委 has no handler of its own and three hold the role: no one is chosen
    expect(chooseOwner(people, roster, { atMs: night, department: '卫健委', role: 'handler' })).toBeUndefined();
    // the disabled account never counts, so wang is approver's only holder
    expect(chooseOwner(people, empty, { atMs: night, department: '卫健委', role: 'approver' })).toEqual({ id: 'wang', name: '王主任', department: '宣传部', via: 'role' });
  });

  it('someone on duty without the role is passed over; a disabled one on duty too', () => {
    const duty = Roster.parse({ entries: [{ date: '2026-12-02', shift: 'day', people: ['gone', 'wang'] }] });
    expect(chooseOwner(people, duty, { atMs: at('2026-12-02T10:00:00'), department: '教育局', role: 'handler' })?.id).toBe('chen');
    expect(chooseOwner(people, duty, { atMs: at('2026-12-02T10:00:00'), department: '教育局', role: 'handler' })?.via).toBe('department');
  });

  it('answers a batch once per role', () => {
    const chosen = chooseOwners(people, roster, { atMs: at('2026-12-02T10:00:00'), department: '宣传部', roles: ['handler', 'approver', 'handler', 'superior'] });
    expect(chosen).toEqual({ handler: { id: 'zhou', name: '信息员小周', via: 'roster' }, approver: { id: 'wang', name: '王主任', department: '宣传部', via: 'roster' } });
  });
});

describe('the owner a pending decision and a task take', () => {
  it('a decision takes its deadline’s owner only when it is theirs to take; the owner’s tasks come first', () => {
    const { s } = stateFor('major', 'hype');
    s.steps.monitor.status = 'done';
    for (const step of ['verify', 'coordinate', 'guide', 'publish'] as const) s.steps[step].status = 'active';
    // leaves leadership's release the one publication deadline a draft is a stage towards
    for (const d of s.deadlines) if (d.kind === 'initialResponse') d.cancelled = true;
    const report = s.deadlines.find((d) => d.kind === 'report')!;
    report.owner = { id: 'h1', name: '经办小李', department: '后勤处', via: 'department' };
    const release = s.deadlines.find((d) => d.kind === 'authoritativeRelease')!;
    release.owner = { id: 'a1', name: '王主任', via: 'role' };
    s.pendingDecisions = pendingDecisions(s);
    expect(s.pendingDecisions.find((p) => p.name === 'reportFiled')?.owner?.id).toBe('h1');
    // the office's draft is a stage towards leadership's release, not leadership's to take
    const drafted = s.pendingDecisions.find((p) => p.name === 'releaseDrafted')!;
    expect(drafted.deadline?.kind).toBe('authoritativeRelease');
    expect(drafted.owner).toBeUndefined();

    const mine = tasksFor(s, { id: 'h1', roles: ['handler'] }).sort(compareTasks);
    expect(mine[0]).toMatchObject({ name: 'reportFiled', mine: true });
    expect(mine.slice(1).every((t) => !t.mine)).toBe(true);
    expect(tasksFor(s, { id: 'h2', roles: ['handler'] }).some((t) => t.mine)).toBe(false);
  });
});
