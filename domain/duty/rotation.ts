// A month's duty rotation (篇五 monthly duty): the office's people take the shifts in the order the
// office lists them, one or N to a shift, day then night, every day of the month. Weekends and
// holidays are on the rota like any day, because duty is about being reachable when nothing else
// is; the office edits single cells for leave and swaps. The turn carries over: next month starts
// with whoever follows the last person of this one.
import { SHIFTS, type DutyEntry, type ShiftName } from './roster';
import { addDays } from '../rules/calendar';

export interface RotationRequest {
  /** YYYY-MM */
  month: string;
  /** sign-in names, in the order they take their turns */
  people: readonly string[];
  /** people on each shift, at most as many as there are people */
  perShift: number;
  /** a night shift too, or day shifts only */
  nights: boolean;
  /** where in `people` the month's first shift starts */
  offset: number;
}

/** The days of a month, YYYY-MM-DD. */
export function daysOf(month: string): string[] {
  const first = `${month}-01`;
  const days: string[] = [];
  for (let d = first; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  return days;
}

/** The month's office entries and the offset the next month starts at. */
export function rotation(req: RotationRequest): { entries: DutyEntry[]; nextOffset: number } {
  const n = req.people.length;
  if (n === 0 || req.perShift < 1 || req.perShift > n) throw new RangeError('perShift must be between 1 and the number of people');
  const shifts: ShiftName[] = req.nights ? [...SHIFTS] : ['day'];
  let turn = ((req.offset % n) + n) % n;
  const entries: DutyEntry[] = [];
  for (const date of daysOf(req.month)) {
    for (const shift of shifts) {
      // perShift <= n, so the people of one shift are never the same person twice
      const people = Array.from({ length: req.perShift }, (_, k) => req.people[(turn + k) % n]!);
      turn = (turn + req.perShift) % n;
      entries.push({ date, shift, people });
    }
  }
  return { entries, nextOffset: turn };
}

/**
 * Where a month continues the turn: after the last person of the last staffed office shift before
 * it, in the order given now; from the top when that person is not in the list (or nobody was on).
 */
export function offsetAfter(people: readonly string[], earlier: readonly DutyEntry[]): number {
  const last = earlier
    .filter((e) => e.department === undefined && e.people.length > 0)
    .sort((a, b) => a.date.localeCompare(b.date) || SHIFTS.indexOf(a.shift) - SHIFTS.indexOf(b.shift))
    .at(-1);
  const index = last ? people.indexOf(last.people.at(-1)!) : -1;
  return index < 0 ? 0 : (index + 1) % people.length;
}
