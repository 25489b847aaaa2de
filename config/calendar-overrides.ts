// The organisation's corrections to the working calendar (SPEC §4): holidays and make-up workdays
// the package lacks, dates to drop, and the years whose official arrangement has been entered.
// A mistake here would silently move every deadline, so each one is reported with its line.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const isoDate = z.iso.date('must be a real calendar date written YYYY-MM-DD');

export const CalendarOverrides = z
  .object({
    /** free text for people: where the dates come from (e.g. the 國辦發明電 notice) */
    note: z.string().optional(),
    /** years declared covered: the organisation has entered that year's official arrangement */
    years: z.array(z.number().int().min(1901).max(2099)).default([]),
    holidays: z.array(isoDate).default([]),
    workdays: z.array(isoDate).default([]),
    /** dates to drop from the package's or the statutory fallback's lists */
    remove: z.array(isoDate).default([]),
  })
  .strict()
  .superRefine((o, ctx) => {
    const holidays = new Set(o.holidays);
    const listed = new Set([...o.holidays, ...o.workdays]);
    o.workdays.forEach((d, i) => {
      if (holidays.has(d)) ctx.addIssue({ code: 'custom', path: ['workdays', i], input: d, message: 'a date cannot be both a holiday and a workday' });
    });
    o.remove.forEach((d, i) => {
      if (listed.has(d)) ctx.addIssue({ code: 'custom', path: ['remove', i], input: d, message: 'a removed date cannot also be listed as a holiday or workday' });
    });
  });
export type CalendarOverrides = z.infer<typeof CalendarOverrides>;

export class CalendarOverridesError extends Error {}

/** 1-based line of a character offset. */
function lineAt(raw: string, offset: number): number {
  return raw.slice(0, Math.max(0, offset)).split('\n').length;
}

/** Where the offending value sits: its literal inside its array (counting repeats), else the key. */
function lineOf(raw: string, path: PropertyKey[], value: unknown, data: unknown): number | undefined {
  const key = typeof path[0] === 'string' ? raw.indexOf(JSON.stringify(path[0])) : -1;
  if (typeof value === 'string' || typeof value === 'number') {
    const literal = JSON.stringify(value);
    const list = valueAt(data, path.slice(0, 1));
    const index = typeof path[1] === 'number' ? path[1] : 0;
    const repeats = Array.isArray(list) ? list.slice(0, index).filter((v) => v === value).length : 0;
    let at = Math.max(0, key);
    for (let i = 0; i <= repeats && at >= 0; i++) at = raw.indexOf(literal, i === 0 ? at : at + 1);
    if (at >= 0) return lineAt(raw, at);
  }
  return key >= 0 ? lineAt(raw, key) : undefined;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), data);
}

export function parseCalendarOverrides(raw: string, file: string): CalendarOverrides {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    const pos = /position (\d+)/.exec(String(e))?.[1];
    const where = pos === undefined ? '' : `:${lineAt(raw, Number(pos))}`;
    throw new CalendarOverridesError(`${file}${where}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = CalendarOverrides.safeParse(data);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const value = unknownKey ?? valueAt(data, issue.path);
    const line = lineOf(raw, unknownKey === undefined ? issue.path : [unknownKey], value, data);
    const field = unknownKey ?? (issue.path.length > 0 ? issue.path.join('.') : '(top level)');
    const message = unknownKey === undefined ? issue.message : `unknown field; allowed fields are ${Object.keys(CalendarOverrides.shape).join(', ')}`;
    const shown = unknownKey === undefined && (typeof value === 'string' || typeof value === 'number') ? ` (${JSON.stringify(value)})` : '';
    return `  ${file}${line === undefined ? '' : `:${line}`}: ${field}${shown}: ${message}`;
  });
  throw new CalendarOverridesError(`invalid calendar overrides file (YUQING_CALENDAR_OVERRIDES):\n${lines.join('\n')}`);
}

export function loadCalendarOverrides(file: string): CalendarOverrides {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CalendarOverridesError(`${file}: cannot read the calendar overrides file (YUQING_CALENDAR_OVERRIDES): ${(e as Error).message}`);
  }
  return parseCalendarOverrides(raw, file);
}
