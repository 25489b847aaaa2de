import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildCalendarSnapshot, calendarWarning, packageYears } from '../../config/calendar';
import { statutoryHolidays } from '../../config/statutory';
import { isWorkingDay, localDate } from '../../domain/rules/calendar';

// the package's own published arrangement, read directly so expectations are never guessed
const official = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

const cal = buildCalendarSnapshot({ years: [2026, 2027, 2028] });

describe('years chinese-days covers', () => {
  it('has the published arrangements through 2026 and not 2027', () => {
    expect(packageYears()).toContain(2026);
    expect(packageYears()).not.toContain(2027);
    expect(cal.coveredYears).toEqual([2026]);
  });
});

describe('isWorkingDay on the real 2026 arrangement', () => {
  it('takes the holidays and make-up days from the package', () => {
    expect(official.holidays['2026-10-01']).toMatch(/National Day/);
    expect(official.workdays['2026-10-10']).toMatch(/National Day/);
    expect(isWorkingDay('2026-10-01', cal)).toBe(false); // Thursday, National Day
    expect(isWorkingDay('2026-10-07', cal)).toBe(false); // Wednesday, bridged
    expect(isWorkingDay('2026-10-08', cal)).toBe(true);
    expect(isWorkingDay('2026-10-10', cal)).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2026-09-20', cal)).toBe(true); // Sunday, 调休
    expect(isWorkingDay('2026-11-28', cal)).toBe(false); // ordinary Saturday
    expect(isWorkingDay('2026-11-27', cal)).toBe(true); // ordinary Friday
  });

  it('agrees with the package on every day of 2026', () => {
    const wrong: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const ymd = new Date(t).toISOString().slice(0, 10);
      const day = new Date(t).getUTCDay();
      const expected = ymd in official.workdays || (day >= 1 && day <= 5 && !(ymd in official.holidays));
      if (isWorkingDay(ymd, cal) !== expected) wrong.push(ymd);
    }
    expect(wrong).toEqual([]);
  });
});

describe('statutory fallback for years the package lacks', () => {
  it('matches the official arrangements where they are known (2025, 2026)', () => {
    for (const year of [2025, 2026]) {
      const missing = statutoryHolidays(year).filter((d) => !(d.date in official.holidays));
      expect(missing, `year ${year}`).toEqual([]);
    }
  });

  it('puts the 2027 statutory days into the snapshot, from the lunar calendar', () => {
    const dates = statutoryHolidays(2027).map((d) => d.date);
    // 除夕 2027 is 5 February (Spring Festival 6 February); 端午 9 June; 中秋 15 September; 清明 5 April
    expect(dates).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    for (const d of dates) expect(cal.holidays).toContain(d);
    expect(isWorkingDay('2027-01-01', cal)).toBe(false); // the package alone says it is a working Friday
    expect(cal.workdays.filter((d) => d.startsWith('2027'))).toEqual([]);
  });
});

describe('localDate', () => {
  it('uses the calendar offset, not the host zone', () => {
    expect(localDate(Date.parse('2026-11-26T15:59:00Z'), cal)).toBe('2026-11-26');
    expect(localDate(Date.parse('2026-11-26T16:00:00Z'), cal)).toBe('2026-11-27');
  });
});

describe('calendarWarning', () => {
  it('warns from 1 December (local) when next year is not covered', () => {
    expect(calendarWarning(new Date('2026-11-30T15:59:00Z'), cal)).toBeNull();
    const w = calendarWarning(new Date('2026-11-30T16:00:00Z'), cal);
    expect(w).toContain('2027');
    expect(w).toContain('YUQING_CALENDAR_OVERRIDES');
  });

  it('is silent once next year is covered, and warns when the current year is not', () => {
    expect(calendarWarning(new Date('2026-12-15T00:00:00Z'), { ...cal, coveredYears: [2026, 2027] })).toBeNull();
    expect(calendarWarning(new Date('2027-03-01T00:00:00Z'), cal)).toContain('2027');
  });
});
