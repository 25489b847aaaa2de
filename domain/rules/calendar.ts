// Working-time primitives over a frozen CalendarSnapshot. They run inside the workflow sandbox, so
// local time is computed from the snapshot's fixed UTC offset, never from the host's time zone.
import type { CalendarSnapshot } from '../model/schema';

/** Asia/Shanghai; China has no daylight saving time, so a fixed offset is exact */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Working-day lookups as sets; built once per snapshot object (snapshots are never mutated). */
export interface CalendarIndex {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  covered: ReadonlySet<number>;
  /** working periods of a day in minutes after local midnight, sorted */
  periods: { open: number; close: number }[];
}

const indexes = new WeakMap<CalendarSnapshot, CalendarIndex>();

export function indexCalendar(cal: CalendarSnapshot): CalendarIndex {
  let idx = indexes.get(cal);
  if (!idx) {
    idx = {
      holidays: new Set(cal.holidays),
      workdays: new Set(cal.workdays),
      covered: new Set(cal.coveredYears),
      periods: cal.workHours
        .map((h) => ({ open: minutesOf(h.start), close: minutesOf(h.end) }))
        .sort((a, b) => a.open - b.open),
    };
    indexes.set(cal, idx);
  }
  return idx;
}

/** 'HH:MM' → minutes after midnight. */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The calendar's local date ('YYYY-MM-DD') of an instant. */
export function localDate(epochMs: number, cal: CalendarSnapshot): string {
  return new Date(epochMs + cal.utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** The instant of local midnight starting the given date. */
export function localMidnight(ymd: string, cal: CalendarSnapshot): number {
  return Date.parse(`${ymd}T00:00:00Z`) - cal.utcOffsetMinutes * MINUTE;
}

export function addDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function weekday(ymd: string): number {
  return new Date(`${ymd}T00:00:00Z`).getUTCDay();
}

export function yearOf(ymd: string): number {
  return Number(ymd.slice(0, 4));
}

/** A make-up day (调休) beats everything; otherwise Monday–Friday that is not a holiday. */
export function isWorkingDay(ymd: string, cal: CalendarSnapshot): boolean {
  const idx = indexCalendar(cal);
  if (idx.workdays.has(ymd)) return true;
  const d = weekday(ymd);
  return d >= 1 && d <= 5 && !idx.holidays.has(ymd);
}

/** Closing time of the working day, in minutes after local midnight. */
export function closingMinutes(cal: CalendarSnapshot): number {
  const idx = indexCalendar(cal);
  return Math.max(...idx.periods.map((p) => p.close));
}

/** Years from `fromYmd` to `toYmd` (inclusive) whose arrangement the calendar does not know. */
export function uncoveredYearsBetween(fromYmd: string, toYmd: string, cal: CalendarSnapshot): number[] {
  const idx = indexCalendar(cal);
  const out: number[] = [];
  for (let y = yearOf(fromYmd); y <= yearOf(toYmd); y++) if (!idx.covered.has(y)) out.push(y);
  return out;
}
