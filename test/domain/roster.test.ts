import { describe, expect, it } from 'vitest';
import { Roster, onDutyAt, shiftSpan, uncoveredHours } from '../../domain/duty/roster';

const roster = Roster.parse({
  entries: [
    { date: '2026-12-01', shift: 'day', people: ['wang'] },
    { date: '2026-12-01', shift: 'night', people: ['li'] },
    { date: '2026-12-02', shift: 'day', people: ['zhao'] },
    { date: '2026-12-02', shift: 'day', people: ['chen'], department: '教育局' },
  ],
});
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('the duty roster', () => {
  it('fills in the usual shift times and spans a night shift into the next day', () => {
    expect(shiftSpan(roster, '2026-12-01', 'night')).toEqual({ from: at('2026-12-01T17:30:00'), to: at('2026-12-02T08:30:00') });
  });

  it('answers who is on duty, a night started yesterday included, and a department its own', () => {
    expect(onDutyAt(roster, at('2026-12-01T10:00:00')).people).toEqual(['wang']);
    expect(onDutyAt(roster, at('2026-12-02T03:00:00'))).toEqual({ people: ['li'], shift: 'night', date: '2026-12-01' });
    expect(onDutyAt(roster, at('2026-12-02T09:00:00'), '教育局').people).toEqual(['chen']);
    expect(onDutyAt(roster, at('2026-12-02T09:00:00'), '宣传部').people).toEqual(['zhao']);
    expect(onDutyAt(roster, at('2026-12-02T20:00:00')).people).toEqual([]);
  });

  it('lists the hours nobody covers', () => {
    const hours = uncoveredHours(roster, at('2026-12-02T16:00:00'), at('2026-12-02T20:00:00'));
    expect(hours.map((h) => new Date(h + 8 * 3_600_000).toISOString().slice(11, 16))).toEqual(['17:00', '18:00', '19:00']);
  });

  it('refuses two entries for one date, shift and department, naming the rule', () => {
    const twice = Roster.safeParse({ entries: [roster.entries[0], roster.entries[0]] });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]?.message).toBe('one entry per date, shift and department');
    expect(Roster.safeParse({ shifts: { day: { start: '8:30', end: '17:30' }, night: { start: '17:30', end: '08:30' } }, entries: [] }).error?.issues[0]?.path).toEqual(['shifts', 'day', 'start']);
  });
});
