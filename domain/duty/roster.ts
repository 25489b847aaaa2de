// The duty roster (值班表): who is on duty on each day and shift. Plain data and pure questions
// over it, so the API (which edits it), the notices (which go to the people on duty) and the
// workflow's 24-hour duty check ask the same ones. Times are local (Asia/Shanghai by default);
// a night shift that ends earlier in the clock than it starts ends on the next day.
import { z } from 'zod';
import { UserName } from '../model/schema';
import { DEFAULT_UTC_OFFSET_MINUTES, addDays, minutesOf } from '../rules/calendar';

const HHMM = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'HH:MM, 00:00 to 23:59');
const DATE = z.iso.date();

export const SHIFTS = ['day', 'night'] as const;
export const ShiftName = z.enum(SHIFTS);
export type ShiftName = z.infer<typeof ShiftName>;

export const ShiftTimes = z
  .object({ start: HHMM, end: HHMM })
  .strict()
  .refine((t) => t.start !== t.end, { message: 'a shift cannot start and end at the same time', path: ['end'] });

export const DutyEntry = z
  .object({
    date: DATE,
    shift: ShiftName,
    /** sign-in names from the users file, which holds their contacts; on duty for the office (值班室) */
    people: z.array(UserName).max(20),
    /** on duty for one department's information officers, when a department keeps its own duty */
    department: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type DutyEntry = z.infer<typeof DutyEntry>;

export const Roster = z
  .object({
    /** 08:30–17:30 and 17:30–08:30 unless the office sets others */
    shifts: z.object({ day: ShiftTimes, night: ShiftTimes }).strict().default({ day: { start: '08:30', end: '17:30' }, night: { start: '17:30', end: '08:30' } }),
    utcOffsetMinutes: z.number().int().min(-720).max(840).default(DEFAULT_UTC_OFFSET_MINUTES),
    entries: z.array(DutyEntry).max(5000),
  })
  .strict()
  .refine((r) => new Set(r.entries.map((e) => `${e.date}/${e.shift}/${e.department ?? ''}`)).size === r.entries.length, {
    message: 'one entry per date, shift and department',
    path: ['entries'],
  });
export type Roster = z.infer<typeof Roster>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The instants a shift on a date covers, [from, to). */
export function shiftSpan(roster: Roster, date: string, shift: ShiftName): { from: number; to: number } {
  const t = roster.shifts[shift];
  const midnight = Date.parse(`${date}T00:00:00Z`) - roster.utcOffsetMinutes * MINUTE;
  const start = minutesOf(t.start);
  const end = minutesOf(t.end);
  return { from: midnight + start * MINUTE, to: midnight + (end > start ? end : end + 24 * 60) * MINUTE };
}

const localDay = (roster: Roster, atMs: number) => new Date(atMs + roster.utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);

/**
 * Who is on duty at an instant: the office's people, or a department's when it keeps its own duty
 * and has someone on then. A night shift started yesterday still counts after midnight.
 */
export function onDutyAt(roster: Roster, atMs: number, department?: string): { people: string[]; shift?: ShiftName; date?: string } {
  const today = localDay(roster, atMs);
  const candidates = roster.entries.filter((e) => (e.date === today || e.date === addDays(today, -1)) && e.people.length);
  const covering = candidates.filter((e) => {
    const span = shiftSpan(roster, e.date, e.shift);
    return atMs >= span.from && atMs < span.to;
  });
  const own = department ? covering.find((e) => e.department === department) : undefined;
  const office = covering.find((e) => e.department === undefined);
  const entry = own ?? office;
  return entry ? { people: entry.people, shift: entry.shift, date: entry.date } : { people: [] };
}

/**
 * The starts of the hours in [fromMs, toMs) with a moment nobody in the office is on duty: under
 * 24-hour duty each is a warning. An hour is probed at its start and at each shift boundary in it.
 */
export function uncoveredHours(roster: Roster, fromMs: number, toMs: number): number[] {
  const boundaries = roster.entries
    .filter((e) => e.department === undefined)
    .flatMap((e) => {
      const span = shiftSpan(roster, e.date, e.shift);
      return [span.from, span.to];
    });
  const hours: number[] = [];
  for (let h = Math.floor(fromMs / HOUR) * HOUR; h < toMs; h += HOUR) {
    const start = Math.max(h, fromMs);
    const end = Math.min(h + HOUR, toMs);
    const probes = [start, ...boundaries.filter((b) => b > start && b < end)];
    if (probes.some((p) => onDutyAt(roster, p).people.length === 0)) hours.push(h);
  }
  return hours;
}
