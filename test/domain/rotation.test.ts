import { describe, expect, it } from 'vitest';
import { daysOf, offsetAfter, rotation } from '../../domain/duty/rotation';

const people = ['a', 'b', 'c'];

describe('the monthly duty rotation', () => {
  it('knows the days of a month, leap February included', () => {
    expect(daysOf('2026-12')).toHaveLength(31);
    expect(daysOf('2028-02').at(-1)).toBe('2028-02-29');
    expect(daysOf('2026-02').at(-1)).toBe('2026-02-28');
  });

  it('turns through the people day then night, every day of the month', () => {
    const { entries, nextOffset } = rotation({ month: '2026-12', people, perShift: 1, nights: true, offset: 0 });
    expect(entries).toHaveLength(62);
    expect(entries.slice(0, 4)).toEqual([
      { date: '2026-12-01', shift: 'day', people: ['a'] },
      { date: '2026-12-01', shift: 'night', people: ['b'] },
      { date: '2026-12-02', shift: 'day', people: ['c'] },
      { date: '2026-12-02', shift: 'night', people: ['a'] },
    ]);
    // Saturday 2026-12-05 is on the rota like any day
    expect(entries.filter((e) => e.date === '2026-12-05')).toHaveLength(2);
    expect(nextOffset).toBe(62 % 3);
  });

  it('puts N on a shift without the same person twice, and day shifts only when asked', () => {
    const { entries } = rotation({ month: '2026-11', people, perShift: 2, nights: false, offset: 2 });
    expect(entries).toHaveLength(30);
    expect(entries.every((e) => e.shift === 'day' && new Set(e.people).size === 2)).toBe(true);
    expect(entries.slice(0, 2).map((e) => e.people)).toEqual([['c', 'a'], ['b', 'c']]);
  });

  it('carries the turn into the next month', () => {
    const december = rotation({ month: '2026-12', people, perShift: 1, nights: true, offset: 0 });
    const start = offsetAfter(people, december.entries);
    expect(start).toBe(december.nextOffset);
    const january = rotation({ month: '2027-01', people, perShift: 1, nights: true, offset: start });
    const lastOfDecember = december.entries.at(-1)!.people[0]!;
    expect(january.entries[0]!.people[0]).toBe(people[(people.indexOf(lastOfDecember) + 1) % 3]);
  });

  it('starts from the top when the last person left the list or nobody was on; ignores departments', () => {
    expect(offsetAfter(people, [])).toBe(0);
    expect(offsetAfter(people, [{ date: '2026-12-31', shift: 'night', people: ['gone'] }])).toBe(0);
    expect(
      offsetAfter(people, [
        { date: '2026-12-31', shift: 'day', people: ['a'] },
        { date: '2026-12-31', shift: 'night', people: ['c'], department: '教育局' },
        { date: '2026-12-30', shift: 'night', people: ['b'] },
      ]),
    ).toBe(1);
  });

  it('refuses more people per shift than there are', () => {
    expect(() => rotation({ month: '2026-12', people, perShift: 4, nights: true, offset: 0 })).toThrow(RangeError);
    expect(() => rotation({ month: '2026-12', people: [], perShift: 1, nights: true, offset: 0 })).toThrow(RangeError);
  });
});
