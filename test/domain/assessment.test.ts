import { describe, expect, it } from 'vitest';
import { assess, assessedPart, assessmentPeriod, assessmentPeriodLabel, isoWeek, rateText, type AssessedState } from '../../domain/rules/assessment';
import type { Deadline, Owner } from '../../domain/model/state';
import type { Role } from '../../domain/model/schema';

const SHANGHAI = 480;
const NOV = assessmentPeriod('2026-11', SHANGHAI)!;

const zhou = { id: 'zhou', name: '信息员小周', roles: ['monitor'] as Role[] };
const wu = { id: 'wu', name: '信息员小吴', roles: ['monitor'] as Role[] };
const li: Owner = { id: 'li', name: '经办小李', department: '宣传部', via: 'roster' };
const chen: Owner = { id: 'chen', name: '办公室老陈', via: 'department' };

function deadline(kind: Deadline['kind'], responsible: Role, outcome: 'onTime' | 'late' | 'missed' | 'open' | 'cancelled', owner?: Owner): Deadline {
  const base = { kind, label: kind === 'report' ? '报告' : kind === 'writtenReport' ? '书面报告' : String(kind), responsible, startedAt: '2026-11-10T01:00:00Z', dueAt: '2026-11-10T02:00:00Z', ...(owner ? { owner } : {}) };
  switch (outcome) {
    case 'onTime':
      return { ...base, metAt: '2026-11-10T01:30:00Z' };
    case 'late':
      return { ...base, breachedAt: '2026-11-10T02:00:00Z', metAt: '2026-11-10T02:45:00Z', lateByMinutes: 45 };
    case 'missed':
      return { ...base, breachedAt: '2026-11-10T02:00:00Z' };
    case 'open':
      return base;
    case 'cancelled':
      return { ...base, cancelled: true };
  }
}

function state(id: string, department: string, discoveredAt: string, reporter: AssessedState['reporter'], deadlines: Deadline[], drill = false): AssessedState {
  return { workflowId: id, incident: { title: `舆情${id}`, department, discoveredAt }, reporter, deadlines, ...(drill ? { drill: true as const } : {}) };
}

const STATES: AssessedState[] = [
  // 宣传部's own: 李 met the first report on time and the leadership report late
  state('a', '宣传部', '2026-11-10T01:00:00Z', zhou, [deadline('report', 'monitor', 'onTime', li), deadline('writtenReport', 'handler', 'late', li)]),
  // 宣传部's, but 陈 owns its report and names no department: it stays with the incident's
  state('b', '宣传部', '2026-11-16T03:00:00Z', zhou, [deadline('report', 'monitor', 'missed', chen), deadline('writtenReport', 'handler', 'cancelled', chen)]),
  // 学工部's, nobody named: kept by role and department
  state('c', '学工部', '2026-11-30T15:00:00Z', wu, [deadline('report', 'monitor', 'missed'), deadline('writtenReport', 'handler', 'open')]),
  // 李 owns a deadline in another department's incident: the deadline is 宣传部's, the incident 保卫处's
  state('d', '保卫处', '2026-11-20T00:00:00Z', { id: 'ops', name: '办公室', roles: ['handler'] }, [deadline('report', 'monitor', 'onTime', li)]),
  // a drill, and an incident of December (Shanghai time): neither counts
  state('e', '宣传部', '2026-11-12T00:00:00Z', zhou, [deadline('report', 'monitor', 'missed', li)], true),
  state('f', '宣传部', '2026-11-30T16:00:00Z', zhou, [deadline('report', 'monitor', 'missed', li)]),
];

describe('the assessment period', () => {
  it('a month and a year in Shanghai days; anything else is no period', () => {
    expect(NOV).toEqual({ name: '2026-11', kind: 'month', from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(assessmentPeriod('2026', SHANGHAI)).toEqual({ name: '2026', kind: 'year', from: '2025-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    expect(assessmentPeriodLabel(NOV)).toBe('2026年11月');
    expect(assessmentPeriodLabel(assessmentPeriod('2026', SHANGHAI)!)).toBe('2026年');
    for (const bad of ['2026-13', '2026-1', '26-11', '2026-11-01', '']) expect(assessmentPeriod(bad, SHANGHAI)).toBeUndefined();
  });

  it('ISO weeks: Monday starts one, the first Thursday makes week 1, in local days', () => {
    expect(isoWeek('2026-11-16T03:00:00Z', SHANGHAI)).toBe('2026-W47');
    // Sunday 23:30 UTC is already Monday in Shanghai
    expect(isoWeek('2026-11-15T16:30:00Z', SHANGHAI)).toBe('2026-W47');
    expect(isoWeek('2026-11-15T15:30:00Z', SHANGHAI)).toBe('2026-W46');
    expect(isoWeek('2027-01-01T04:00:00Z', SHANGHAI)).toBe('2026-W53');
    expect(isoWeek('2025-12-29T04:00:00Z', SHANGHAI)).toBe('2026-W01');
  });
});

describe('the figures of a month', () => {
  const a = assess(STATES, NOV, SHANGHAI);

  it('counts the real incidents discovered in the month only', () => {
    expect(a.incidents).toBe(4);
    expect(a.deadlines.map((d) => `${d.workflowId}:${d.kind}:${d.outcome}`)).toEqual([
      'a:report:onTime',
      'a:writtenReport:late',
      'b:report:missed',
      'c:report:missed',
      'c:writtenReport:open',
      'd:report:onTime',
    ]);
    expect(a.total).toMatchObject({ incidents: 4, deadlines: 6, onTime: 2, late: 1, missed: 2, open: 1, onTimeRate: 0.4 });
  });

  it('per department: its own incidents, and the deadlines it answered for, by kind', () => {
    expect(a.departments.map((d) => [d.department, d.incidents, d.deadlines, d.onTime, d.late, d.missed, d.open])).toEqual([
      ['宣传部', 2, 4, 2, 1, 1, 0],
      ['保卫处', 1, 0, 0, 0, 0, 0],
      ['学工部', 1, 2, 0, 0, 1, 1],
    ]);
    const xc = a.departments[0]!;
    expect(xc.onTimeRate).toBe(0.5);
    expect(xc.byKind).toEqual([
      { kind: 'report', label: '报告', responsible: 'monitor', onTime: 2, late: 0, missed: 1, open: 0, onTimeRate: 2 / 3 },
      { kind: 'writtenReport', label: '书面报告', responsible: 'handler', onTime: 0, late: 1, missed: 0, open: 0, onTimeRate: 0 },
    ]);
    // nothing settled: no rate, shown as a dash
    expect(a.departments[1]!.onTimeRate).toBeUndefined();
    expect(rateText(a.departments[1]!.onTimeRate)).toBe('—');
    expect(rateText(xc.byKind[0]!.onTimeRate)).toBe('67%');
  });

  it('per person: named owners first, then what nobody was named for, by role', () => {
    expect(a.people.map((p) => [p.id, p.name, p.department, p.role, p.incidents, p.onTime, p.late, p.missed, p.open, p.onTimeRate])).toEqual([
      ['chen', '办公室老陈', '宣传部', 'monitor', 1, 0, 0, 1, 0, 0],
      ['li', '经办小李', '宣传部', 'monitor', 2, 2, 1, 0, 0, 2 / 3],
      [undefined, undefined, '学工部', 'handler', 1, 0, 0, 0, 1, undefined],
      [undefined, undefined, '学工部', 'monitor', 1, 0, 0, 1, 0, 0],
    ]);
  });

  it("the information officers' registrations, per ISO week and in all; other roles' are not theirs", () => {
    expect(a.reporters).toEqual([
      { id: 'zhou', name: '信息员小周', total: 2, byWeek: { '2026-W46': 1, '2026-W47': 1 } },
      { id: 'wu', name: '信息员小吴', total: 1, byWeek: { '2026-W49': 1 } },
    ]);
    expect(a.weeks).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49']);
  });

  it('the part of a state the roll-up carries gives the same figures as the state', () => {
    const full = STATES.map((s) => ({ ...s, incident: { ...s.incident, summary: '长文' }, timeline: [{ at: s.incident.discoveredAt }] }));
    const carried = full.map(assessedPart);
    expect(JSON.stringify(carried)).not.toContain('长文');
    expect(assess(carried, NOV, SHANGHAI)).toEqual(a);
  });

  it('a year holds its months: December’s incident joins', () => {
    const y = assess(STATES, assessmentPeriod('2026', SHANGHAI)!, SHANGHAI);
    expect(y.incidents).toBe(5);
    expect(y.total).toMatchObject({ onTime: 2, late: 1, missed: 3, open: 1 });
    expect(y.weeks[0]).toBe('2026-W01');
    expect(y.weeks.at(-1)).toBe('2026-W53');
  });
});
