// The organisation's corrections to the working calendar (SPEC §4): holidays and make-up workdays
// the package lacks, dates to drop, and the years whose official arrangement has been entered.
// A mistake here would silently move every deadline, so each one is reported with its line.
import { z } from 'zod';
import { ConfigError } from './env';
import { checkConfigFile, type FileKind, parseConfigFile, readConfigFile } from './config-file';

const isoDate = z.iso.date('must be a real calendar date written YYYY-MM-DD');

export const CalendarOverrides = z
  .object({
    /** free text for people: where the dates come from (e.g. the 国办发明电 notice) */
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

export class CalendarOverridesError extends ConfigError {}

const KIND: FileKind = { variable: 'YUQING_CALENDAR_OVERRIDES', en: 'calendar overrides file', zh: '工作日历调整档', error: CalendarOverridesError };

export function parseCalendarOverrides(raw: string, file: string): CalendarOverrides {
  return checkConfigFile(KIND, file, parseConfigFile(KIND, file, raw), CalendarOverrides);
}

export function loadCalendarOverrides(file: string): CalendarOverrides {
  return checkConfigFile(KIND, file, readConfigFile(KIND, file), CalendarOverrides);
}
