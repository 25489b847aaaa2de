import { describe, expect, it } from 'vitest';
import { buildCalendarSnapshot } from '../../config/calendar';
import { computeDue, formatLateness, formatLocal, formatLocalFull, workingDaysBefore, workingTimeBetween } from '../../domain/rules/deadlines';
import type { CalendarSnapshot, DurationSpec } from '../../domain/model/schema';

// the real calendar: chinese-days 2026 arrangement, statutory fallback for 2027 and 2028
const cal = buildCalendarSnapshot({ years: [2026, 2027, 2028] });
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
const due = (start: string, amount: number, unit: DurationSpec['unit'], c: CalendarSnapshot = cal) => {
  const r = computeDue(at(start), { amount, unit }, c);
  return { due: formatLocalFull(r.dueMs, c), uncovered: r.uncoveredYears };
};

describe('working time between two instants, and working days back (reminders)', () => {
  it('counts only working periods: lunch, nights, the weekend and the National Day week are left out', () => {
    const hours = (from: string, to: string) => workingTimeBetween(at(from), at(to), cal) / 3_600_000;
    expect(hours('2026-11-24 11:00', '2026-11-24 15:30')).toBe(3);
    expect(hours('2026-11-27 17:00', '2026-11-30 11:00')).toBe(3);
    expect(hours('2026-09-30 16:00', '2026-10-08 10:00')).toBe(3);
    expect(hours('2026-11-24 20:00', '2026-11-25 08:00')).toBe(0);
  });

  it('goes back the same time of day over days off, and counts a make-up Saturday', () => {
    const back = (from: string, days: number) => formatLocalFull(workingDaysBefore(at(from), days, cal), cal);
    expect(back('2026-11-30 18:00', 1)).toBe('2026-11-27 18:00');
    expect(back('2026-10-08 18:00', 1)).toBe('2026-09-30 18:00');
    expect(back('2026-10-12 10:00', 1)).toBe('2026-10-10 10:00');
    expect(back('2026-11-26 09:30', 3)).toBe('2026-11-23 09:30');
  });
});

describe('working hours', () => {
  it('carries over a weekend: Friday 17:00 + 3 → Monday 11:00', () => {
    expect(due('2026-11-27 17:00', 3, 'workingHours')).toEqual({ due: '2026-11-30 11:00', uncovered: [] });
  });

  it('skips lunch and ends exactly at a close rather than the next opening', () => {
    expect(due('2026-11-24 11:00', 3, 'workingHours').due).toBe('2026-11-24 15:30');
    expect(due('2026-11-24 15:00', 3, 'workingHours').due).toBe('2026-11-24 18:00');
  });

  it('starts outside working hours at the next opening', () => {
    expect(due('2026-11-24 20:00', 3, 'workingHours').due).toBe('2026-11-25 12:00');
    expect(due('2026-11-24 12:30', 3, 'workingHours').due).toBe('2026-11-24 16:30');
    expect(due('2026-11-24 07:00', 1.5, 'workingHours').due).toBe('2026-11-24 10:30');
    expect(due('2026-11-24 18:00', 1, 'workingHours').due).toBe('2026-11-25 10:00');
  });

  it('skips the National Day week of 2026 (1–7 October)', () => {
    expect(due('2026-09-30 16:00', 3, 'workingHours').due).toBe('2026-10-08 10:00');
  });

  it('counts the make-up Saturday 10 October 2026', () => {
    expect(due('2026-10-09 17:00', 3, 'workingHours').due).toBe('2026-10-10 11:00');
    const withoutMakeUp = { ...cal, workdays: cal.workdays.filter((d) => d !== '2026-10-10') };
    expect(due('2026-10-09 17:00', 3, 'workingHours', withoutMakeUp).due).toBe('2026-10-12 11:00');
  });
});

describe('the close of the working day (当日)', () => {
  it('is the same day’s close when found before it', () => {
    expect(due('2026-11-24 10:00', 1, 'workingDayClose').due).toBe('2026-11-24 18:00');
    expect(due('2026-11-24 07:30', 1, 'workingDayClose').due).toBe('2026-11-24 18:00');
    expect(due('2026-11-24 17:59', 1, 'workingDayClose').due).toBe('2026-11-24 18:00');
  });

  it('is the next working day’s close when found after the close or on a day off', () => {
    expect(due('2026-11-24 18:00', 1, 'workingDayClose').due).toBe('2026-11-25 18:00');
    expect(due('2026-11-27 20:00', 1, 'workingDayClose').due).toBe('2026-11-30 18:00');
    expect(due('2026-11-28 10:00', 1, 'workingDayClose').due).toBe('2026-11-30 18:00');
    expect(due('2026-10-01 09:00', 1, 'workingDayClose').due).toBe('2026-10-08 18:00');
  });

  it('counts further working days from there', () => {
    expect(due('2026-11-24 10:00', 2, 'workingDayClose').due).toBe('2026-11-25 18:00');
  });
});

describe('working days', () => {
  it('ends at the close of the Nth working day after the start day', () => {
    expect(due('2026-11-24 10:00', 1, 'workingDays').due).toBe('2026-11-25 18:00');
    expect(due('2026-11-27 10:00', 1, 'workingDays').due).toBe('2026-11-30 18:00');
    expect(due('2026-11-28 10:00', 1, 'workingDays').due).toBe('2026-11-30 18:00');
  });

  it('jumps National Day and counts the make-up Saturday', () => {
    expect(due('2026-09-30 10:00', 1, 'workingDays').due).toBe('2026-10-08 18:00');
    // 30 Sep, 8 Oct, 9 Oct, 10 Oct (Saturday 调休), 12 Oct
    expect(due('2026-09-29 10:00', 5, 'workingDays').due).toBe('2026-10-12 18:00');
  });
});

describe('elapsed units ignore the calendar', () => {
  it('hours, minutes, seconds and 24-hour days', () => {
    expect(due('2026-11-24 23:30', 2, 'hours').due).toBe('2026-11-25 01:30');
    expect(due('2026-10-01 10:00', 30, 'minutes').due).toBe('2026-10-01 10:30');
    expect(due('2026-10-01 10:00', 90, 'seconds').due).toBe('2026-10-01 10:01');
    expect(due('2026-09-30 10:00', 3, 'days').due).toBe('2026-10-03 10:00');
  });
});

describe('uncovered years are flagged', () => {
  it('a working-day deadline from 2028-12-31 into 2029', () => {
    // 2029 is outside the snapshot, so its New Year's Day is unknown: the result must be flagged
    expect(due('2028-12-31 10:00', 1, 'workingDays')).toEqual({ due: '2029-01-01 18:00', uncovered: [2028, 2029] });
  });

  it('a fallback year still skips its statutory days but is flagged', () => {
    // 15 September 2027 is 中秋 by the lunar calendar
    expect(due('2027-09-14 17:00', 3, 'workingHours')).toEqual({ due: '2027-09-16 11:00', uncovered: [2027] });
  });

  it('elapsed time and covered years are not flagged', () => {
    expect(due('2028-12-31 10:00', 24, 'hours').uncovered).toEqual([]);
    expect(due('2026-12-30 10:00', 1, 'workingDays').uncovered).toEqual([]);
    expect(due('2026-12-31 10:00', 1, 'workingDays').uncovered).toEqual([2027]);
  });
});

describe('formatting', () => {
  it('local times in the calendar zone', () => {
    expect(formatLocal(Date.parse('2026-11-30T03:00:00Z'), cal)).toBe('11-30 11:00');
    expect(formatLocalFull(Date.parse('2026-12-31T16:05:00Z'), cal)).toBe('2027-01-01 00:05');
  });

  it('lateness in Chinese', () => {
    expect(formatLateness(12)).toBe('12 分钟');
    expect(formatLateness(0.2)).toBe('1 分钟');
    expect(formatLateness(60)).toBe('1 小时');
    expect(formatLateness(185)).toBe('3 小时 5 分钟');
    expect(formatLateness(2 * 1440 + 4 * 60 + 7)).toBe('2 天 4 小时');
    expect(formatLateness(1440)).toBe('1 天');
    expect(formatLateness(-5)).toBe('0 分钟');
  });

  it('lateness in English', () => {
    expect(formatLateness(12, 'en')).toBe('12 min');
    expect(formatLateness(60, 'en')).toBe('1 h');
    expect(formatLateness(185, 'en')).toBe('3 h 5 min');
    expect(formatLateness(2 * 1440 + 4 * 60 + 7, 'en')).toBe('2 d 4 h');
    expect(formatLateness(1440, 'en')).toBe('1 d');
  });
});
