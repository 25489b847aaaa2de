// Deadline arithmetic (SPEC §4): pure, so a deadline computed at start is the same on every replay.
// Plain units are elapsed time; working units walk the frozen calendar day by day.
import type { CalendarSnapshot, DurationSpec } from '../model/schema';
import { addDays, closingMinutes, indexCalendar, isWorkingDay, localDate, localMidnight, uncoveredYearsBetween } from './calendar';
import { DEFAULT_LANG, type Lang } from '../labels';

const MINUTE = 60_000;
const ELAPSED_MS: Record<string, number> = { seconds: 1000, minutes: MINUTE, hours: 60 * MINUTE, days: 1440 * MINUTE };

/** A calendar without a working day for this long is broken; stop rather than loop forever. */
const MAX_DAYS = 3660;

export interface Due {
  dueMs: number;
  /** years the working-time walk crossed that the calendar does not cover: the due time is a guess there */
  uncoveredYears: number[];
}

export function computeDue(startMs: number, spec: DurationSpec, cal: CalendarSnapshot): Due {
  const unitMs = ELAPSED_MS[spec.unit];
  // elapsed time does not consult the calendar, so no year can make it wrong
  if (unitMs !== undefined) return { dueMs: startMs + spec.amount * unitMs, uncoveredYears: [] };
  const dueMs =
    spec.unit === 'workingHours'
      ? addWorkingTime(startMs, spec.amount * 60 * MINUTE, cal)
      : spec.unit === 'workingDayClose'
        ? closeOfWorkingDay(startMs, Math.ceil(spec.amount), cal)
        : addWorkingDays(startMs, Math.ceil(spec.amount), cal);
  return { dueMs, uncoveredYears: uncoveredYearsBetween(localDate(startMs, cal), localDate(dueMs, cal), cal) };
}

/** Counts only time inside working periods; a start outside them begins at the next opening. */
export function addWorkingTime(startMs: number, durationMs: number, cal: CalendarSnapshot): number {
  const { periods } = indexCalendar(cal);
  let remaining = durationMs;
  let day = localDate(startMs, cal);
  for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
    if (!isWorkingDay(day, cal)) continue;
    const midnight = localMidnight(day, cal);
    for (const p of periods) {
      const close = midnight + p.close * MINUTE;
      if (close <= startMs) continue;
      const from = Math.max(startMs, midnight + p.open * MINUTE);
      // ending exactly at a close stays on that day rather than rolling to the next opening
      if (remaining <= close - from) return from + remaining;
      remaining -= close - from;
    }
  }
  throw new Error(`calendar has no working time within ${MAX_DAYS} days of ${localDate(startMs, cal)}`);
}

/** The close of the Nth working day after the start's local day (that day not counted). */
function addWorkingDays(startMs: number, days: number, cal: CalendarSnapshot): number {
  let day = localDate(startMs, cal);
  let left = days;
  for (let i = 0; i < MAX_DAYS; i++) {
    day = addDays(day, 1);
    if (isWorkingDay(day, cal) && --left === 0) return localMidnight(day, cal) + closingMinutes(cal) * MINUTE;
  }
  throw new Error(`calendar has no ${days} working days within ${MAX_DAYS} days of ${localDate(startMs, cal)}`);
}

/** The working time between two instants, in ms: only the parts inside working periods count. */
export function workingTimeBetween(startMs: number, endMs: number, cal: CalendarSnapshot): number {
  const { periods } = indexCalendar(cal);
  let total = 0;
  const last = localDate(endMs, cal);
  let day = localDate(startMs, cal);
  for (let i = 0; i < MAX_DAYS && day <= last; i++, day = addDays(day, 1)) {
    if (!isWorkingDay(day, cal)) continue;
    const midnight = localMidnight(day, cal);
    for (const p of periods) total += Math.max(0, Math.min(endMs, midnight + p.close * MINUTE) - Math.max(startMs, midnight + p.open * MINUTE));
  }
  return total;
}

/** The same local time of day, `days` working days before the instant's own local day. */
export function workingDaysBefore(ms: number, days: number, cal: CalendarSnapshot): number {
  let day = localDate(ms, cal);
  const timeOfDay = ms - localMidnight(day, cal);
  let left = days;
  for (let i = 0; i < MAX_DAYS; i++) {
    day = addDays(day, -1);
    if (isWorkingDay(day, cal) && --left === 0) return localMidnight(day, cal) + timeOfDay;
  }
  throw new Error(`calendar has no ${days} working days within ${MAX_DAYS} days before ${localDate(ms, cal)}`);
}

/**
 * The close of the Nth working day counting the start's own day while it is still open (当日: N = 1;
 * found after the close, or on a day off, the next working day's close).
 */
function closeOfWorkingDay(startMs: number, days: number, cal: CalendarSnapshot): number {
  let day = localDate(startMs, cal);
  let left = days;
  for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
    const close = localMidnight(day, cal) + closingMinutes(cal) * MINUTE;
    if (isWorkingDay(day, cal) && close > startMs && --left === 0) return close;
  }
  throw new Error(`calendar has no ${days} working days within ${MAX_DAYS} days of ${localDate(startMs, cal)}`);
}

/** 'MM-DD HH:mm' in the calendar's local time, as in 初步回应期限 至 11-30 11:00. */
export function formatLocal(ms: number, cal: Pick<CalendarSnapshot, 'utcOffsetMinutes'>): string {
  return formatLocalFull(ms, cal).slice(5);
}

/** 'YYYY-MM-DD HH:mm' in the calendar's local time. */
export function formatLocalFull(ms: number, cal: Pick<CalendarSnapshot, 'utcOffsetMinutes'>): string {
  return new Date(ms + cal.utcOffsetMinutes * MINUTE).toISOString().slice(0, 16).replace('T', ' ');
}

/** '12 分钟', '3 小时 5 分钟', '2 天 4 小时' (in English '12 min', '3 h 5 min', '2 d 4 h'): any part of a minute late counts as a minute. */
export function formatLateness(minutes: number, lang: Lang = DEFAULT_LANG): string {
  const total = Number.isFinite(minutes) ? Math.max(0, Math.ceil(minutes)) : 0;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  if (lang === 'en') return days > 0 ? `${days} d${hours > 0 ? ` ${hours} h` : ''}` : hours > 0 ? `${hours} h${mins > 0 ? ` ${mins} min` : ''}` : `${mins} min`;
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return mins > 0 ? `${hours} 小时 ${mins} 分钟` : `${hours} 小时`;
  return `${mins} 分钟`;
}
