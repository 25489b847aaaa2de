// Builds the working-time calendar frozen into each incident's policy snapshot (SPEC §4): the
// official arrangements published in chinese-days, the statutory fallback for years it does not
// have yet, and the organisation's own corrections on top. Node side only, never in a workflow.
import { createRequire } from 'node:module';
import { z } from 'zod';
import { CalendarSnapshot } from '../domain/model/schema';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../domain/rules/calendar';
import { loadCalendarOverrides } from './calendar-overrides';
import { statutoryHolidays } from './statutory';

export const DEFAULT_WORK_HOURS = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];

const PackageDays = z.object({
  holidays: z.record(z.iso.date(), z.string()),
  workdays: z.record(z.iso.date(), z.string()),
});
type PackageDays = z.infer<typeof PackageDays>;

let packageDays: PackageDays | undefined;

/** chinese-days' published data, read as data: its date functions depend on the host time zone. */
function officialDays(): PackageDays {
  packageDays ??= PackageDays.parse(createRequire(import.meta.url)('chinese-days/dist/chinese-days.json'));
  return packageDays;
}

/**
 * Years chinese-days has the official arrangement for. Every arrangement includes the Spring
 * Festival, which always falls in January or February, so its presence marks the year; a stray
 * 31 December belonging to the next year's New Year holiday does not.
 */
export function packageYears(): number[] {
  const years = new Set<number>();
  for (const [date, name] of Object.entries(officialDays().holidays)) if (name.startsWith('Spring Festival')) years.add(Number(date.slice(0, 4)));
  return [...years].sort((a, b) => a - b);
}

export function buildCalendarSnapshot(opts: { years: number[]; overridesFile?: string }): CalendarSnapshot {
  const years = new Set(opts.years);
  const inYears = (d: string) => years.has(Number(d.slice(0, 4)));
  const official = officialDays();
  const published = new Set(packageYears());
  const overrides = opts.overridesFile ? loadCalendarOverrides(opts.overridesFile) : undefined;

  const holidays = new Set(Object.keys(official.holidays).filter(inYears));
  const workdays = new Set(Object.keys(official.workdays).filter(inYears));
  for (const year of years) {
    if (!published.has(year)) for (const day of statutoryHolidays(year)) holidays.add(day.date);
  }
  if (overrides) {
    // the organisation's word beats the package: a day it lists is moved, not duplicated
    for (const d of overrides.remove) {
      holidays.delete(d);
      workdays.delete(d);
    }
    for (const d of overrides.holidays.filter(inYears)) {
      workdays.delete(d);
      holidays.add(d);
    }
    for (const d of overrides.workdays.filter(inYears)) {
      holidays.delete(d);
      workdays.add(d);
    }
  }
  const declared = new Set(overrides?.years ?? []);
  return CalendarSnapshot.parse({
    utcOffsetMinutes: DEFAULT_UTC_OFFSET_MINUTES,
    workHours: DEFAULT_WORK_HOURS,
    holidays: [...holidays].sort(),
    workdays: [...workdays].sort(),
    // a fallback year stays uncovered: its statutory days are known, its bridging days are not
    coveredYears: [...years].filter((y) => published.has(y) || declared.has(y)).sort((a, b) => a - b),
  });
}

/** Printed at start-up from 1 December while next year's arrangement is missing (or this year's). */
export function calendarWarning(now: Date, cal: CalendarSnapshot): string | null {
  const local = new Date(now.getTime() + cal.utcOffsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  const missing = !cal.coveredYears.includes(year) ? year : local.getUTCMonth() === 11 && !cal.coveredYears.includes(year + 1) ? year + 1 : undefined;
  if (missing === undefined) return null;
  return (
    `工作日历尚未收录 ${missing} 年的放假调休安排：该年只按周末与法定节日计算，涉及该年的期限会被标记为未经确认。` +
    `请在 YUQING_CALENDAR_OVERRIDES 指定的档案中填入国务院办公厅公布的安排并把 ${missing} 加入 "years"，或升级 chinese-days 套件。\n` +
    `The working calendar does not cover ${missing}: only weekends and statutory holidays are known, and deadlines reaching into it are flagged. ` +
    `Enter the official arrangement in the YUQING_CALENDAR_OVERRIDES file and add ${missing} to "years", or upgrade chinese-days.`
  );
}
