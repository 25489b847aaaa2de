import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCalendarSnapshot } from '../../config/calendar';
import { parseCalendarOverrides } from '../../config/calendar-overrides';
import { computeDue, formatLocalFull } from '../../domain/rules/deadlines';

const dir = mkdtempSync(join(tmpdir(), 'yuqing-cal-'));
const write = (name: string, body: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return file;
};
const start = Date.parse('2026-11-27T17:00:00+08:00'); // a Friday

describe('overrides change the calendar', () => {
  it('an added holiday moves a deadline', () => {
    const plain = buildCalendarSnapshot({ years: [2026] });
    const file = write('holiday.json', { holidays: ['2026-11-30'] });
    const withHoliday = buildCalendarSnapshot({ years: [2026], overridesFile: file });
    const spec = { amount: 3, unit: 'workingHours' } as const;
    expect(formatLocalFull(computeDue(start, spec, plain).dueMs, plain)).toBe('2026-11-30 11:00');
    expect(formatLocalFull(computeDue(start, spec, withHoliday).dueMs, withHoliday)).toBe('2026-12-01 11:00');
  });

  it('adds workdays, removes dates and declares a year covered', () => {
    const file = write('year.json', { years: [2027], workdays: ['2027-02-20'], remove: ['2027-10-03'] });
    const cal = buildCalendarSnapshot({ years: [2026, 2027], overridesFile: file });
    expect(cal.coveredYears).toEqual([2026, 2027]);
    expect(cal.workdays).toContain('2027-02-20');
    expect(cal.holidays).not.toContain('2027-10-03');
    expect(cal.holidays).toContain('2027-10-02'); // the rest of the statutory fallback stays
  });

  it('a workday override beats the package holiday', () => {
    const file = write('work.json', { workdays: ['2026-10-07'] });
    const cal = buildCalendarSnapshot({ years: [2026], overridesFile: file });
    expect(cal.holidays).not.toContain('2026-10-07');
    expect(cal.workdays).toContain('2026-10-07');
  });

  it('the shipped example parses', () => {
    const raw = readFileSync(new URL('../../config/calendar-overrides.example.json', import.meta.url), 'utf8');
    expect(parseCalendarOverrides(raw, 'example').years).toEqual([]);
  });
});

describe('bad overrides are rejected with file, line and rule', () => {
  const raw = ['{', '  "years": [2027],', '  "holidays": [', '    "2027-01-01",', '    "2027-02-30"', '  ],', '  "workdays": ["2027-13-01"]', '}'].join('\n');

  it('names the line of each impossible date', () => {
    const file = write('bad.json', raw);
    expect(() => buildCalendarSnapshot({ years: [2027], overridesFile: file })).toThrow(`${file}:5: holidays.1 ("2027-02-30"): must be a real calendar date`);
    expect(() => parseCalendarOverrides(raw, 'o.json')).toThrow('o.json:7: workdays.0 ("2027-13-01")');
  });

  it('finds a repeated bad value at its own line', () => {
    const twice = ['{', '  "holidays": [', '    "2027-1-1",', '    "2027-01-02",', '    "2027-1-1"', '  ]', '}'].join('\n');
    const message = (() => {
      try {
        parseCalendarOverrides(twice, 'o.json');
      } catch (e) {
        return String(e);
      }
    })();
    expect(message).toContain('o.json:3: holidays.0');
    expect(message).toContain('o.json:5: holidays.2');
  });

  it('rejects contradictions, unknown fields and malformed JSON', () => {
    expect(() => parseCalendarOverrides('{\n "holidays": ["2027-01-04"],\n "workdays": ["2027-01-04"]\n}', 'o.json')).toThrow(
      'o.json:3: workdays.0 ("2027-01-04"): a date cannot be both a holiday and a workday',
    );
    expect(() => parseCalendarOverrides('{\n "holidays": [],\n "holiday": ["2027-01-04"]\n}', 'o.json')).toThrow('o.json:3: holiday: unknown field');
    expect(() => parseCalendarOverrides('{ "holidays": [', 'o.json')).toThrow('o.json');
    expect(() => parseCalendarOverrides('{ "holidays": [] }', 'o.json')).not.toThrow();
  });

  it('a missing file is an error naming it', () => {
    expect(() => buildCalendarSnapshot({ years: [2026], overridesFile: join(dir, 'nope.json') })).toThrow('nope.json: cannot read');
  });
});
