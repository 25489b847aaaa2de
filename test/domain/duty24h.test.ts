import { describe, expect, it } from 'vitest';
import { dutyGapNotice, dutyOn, dutySwitch, hourRanges, needsDuty24h, offReason, withDutyLine } from '../../domain/duty/around-the-clock';
import { dutyByRole } from '../../domain/duty/notice-duty';
import { Roster } from '../../domain/duty/roster';
import type { IncidentState } from '../../domain/model/state';

const H = 3_600_000;
// 2026-12-02 00:00 in Beijing
const MIDNIGHT = Date.parse('2026-12-01T16:00:00Z');
const at = (hours: number) => MIDNIGHT + hours * H;

describe('24-hour duty: when it is on', () => {
  const base = { severity: 'critical' as const, stabilisedAt: undefined, closed: undefined, duty24h: undefined };
  it('major and critical need it until stable, closed or graded below major', () => {
    expect(needsDuty24h(base)).toBe(true);
    expect(needsDuty24h({ ...base, severity: 'major' })).toBe(true);
    expect(needsDuty24h({ ...base, severity: 'significant' })).toBe(false);
    expect(needsDuty24h({ ...base, stabilisedAt: '2026-12-02T01:00:00Z' })).toBe(false);
    expect(needsDuty24h({ ...base, closed: { at: '2026-12-02T01:00:00Z', outcome: 'withdrawn' } })).toBe(false);
  });

  it('switches on once, off once, and on again with a new window after a new rise', () => {
    expect(dutySwitch(base)).toBe('on');
    const on = { ...base, duty24h: { since: 'a' } };
    expect(dutyOn(on)).toBe(true);
    expect(dutySwitch(on)).toBeUndefined();
    expect(dutySwitch({ ...on, severity: 'significant' })).toBe('off');
    const off = { ...on, duty24h: { since: 'a', until: 'b' } };
    expect(dutyOn(off)).toBe(false);
    expect(dutySwitch({ ...off, severity: 'significant' })).toBeUndefined();
    expect(dutySwitch(off)).toBe('on');
  });

  it('says why it ended', () => {
    expect(offReason({ closed: { at: 'x', outcome: 'completed' } })).toBe('事件已结束');
    expect(offReason({ stabilisedAt: 'x' })).toBe('舆情已平稳');
    expect(offReason({})).toBe('已降至重大以下');
  });
});

describe('24-hour duty: the uncovered hours and the notices', () => {
  it('names consecutive hours as one range, the date once a day, midnight as 24:00', () => {
    expect(hourRanges([at(9), at(10), at(11), at(14)], 480)).toBe('12-02 09:00–12:00、14:00–15:00');
    expect(hourRanges([at(23), at(25)], 480)).toBe('12-02 23:00–24:00、12-03 01:00–02:00');
    expect(hourRanges([at(22), at(23), at(24)], 480)).toBe('12-02 22:00–12-03 01:00');
    expect(hourRanges([at(22), at(23), at(24), at(30)], 480)).toBe('12-02 22:00–12-03 01:00、06:00–07:00');
    expect(hourRanges([at(9), at(10), at(14)], 480, 'en')).toBe('12-02 09:00–11:00, 14:00–15:00');
  });

  it('an English incident is told of its duty and its gaps in English', () => {
    const s = { script: 'en', incident: { title: 'Canteen' }, stabilisedAt: '2026-12-02T00:00:00Z' } as unknown as IncidentState;
    expect(offReason(s, 'en')).toBe('it is stable');
    expect(offReason(s)).toBe('舆情已平稳');
    const gap = dutyGapNotice(s, [at(9)], 480, '2026-12-02T00:00:00Z');
    expect(gap.title).toBe('24-hour duty: hours in the next 24 with nobody on duty');
    expect(gap.markdown).toBe('**Canteen**\n\nHours the roster leaves uncovered (Beijing time): 12-02 09:00–10:00\n\nThe office should fill them');
    const n = { kind: 'breach' as const, roles: ['approver' as const], title: 't', markdown: 'body', key: 'k' };
    expect(withDutyLine(n, 'en').markdown).toBe('body\n\n**24-hour online duty on**');
  });

  it('a notice while it is on carries the line; the warning goes to the office under a key per check', () => {
    const n = { kind: 'breach' as const, roles: ['approver' as const], title: 't', markdown: 'body', key: 'k' };
    expect(withDutyLine(n).markdown).toBe('body\n\n**24小时网上舆情值班中**');
    const s = { incident: { title: '网传*某校*' } } as IncidentState;
    const gap = dutyGapNotice(s, [at(9), at(10)], 480, '2026-12-02T00:00:00.000Z');
    expect(gap).toMatchObject({ kind: 'dutyGap', roles: ['handler'], key: 'dutyGap:2026-12-02T00:00:00.000Z', title: '24小时值班：未来24小时有时段无人值班' });
    expect(gap.markdown).toContain('值班表未安排值班人员的时段（北京时间）：12-02 09:00–11:00');
    expect(gap.markdown).toContain('**网传＊某校＊**');
  });
});

describe('who on the roster a notice addresses', () => {
  const roster = Roster.parse({
    entries: [
      { date: '2026-12-01', shift: 'night', people: ['wang'] },
      { date: '2026-12-02', shift: 'day', people: ['zhou'] },
      { date: '2026-12-01', shift: 'night', people: ['sun'], department: '宣传部' },
    ],
  });
  it("the office's people for the office, the department's own for its information officers, nobody for leadership", () => {
    // 02:00 on the 2nd: yesterday's night shift
    expect(dutyByRole(roster, ['handler', 'monitor', 'approver'], at(2), '宣传部')).toEqual({ handler: ['wang'], monitor: ['sun'] });
    expect(dutyByRole(roster, ['monitor'], at(2), '后勤处')).toEqual({ monitor: ['wang'] });
    expect(dutyByRole(roster, ['handler'], at(10))).toEqual({ handler: ['zhou'] });
    expect(dutyByRole(roster, ['handler'], at(20))).toEqual({ handler: [] });
  });
});
