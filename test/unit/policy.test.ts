import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentPolicy, defaultDeadlineTable, defaultGrading, defaultReportRecipients } from '../../config/policy';
import { DeadlineTable, GradingThresholds, ReportRecipients } from '../../domain/model/schema';

const h = (amount: number) => ({ amount, unit: 'hours' });
const all = (amount: number, unit: string) => Object.fromEntries(['general', 'significant', 'major', 'critical'].map((s) => [s, { amount, unit }]));

describe('default policy (SPEC §3, §4)', () => {
  it('is exactly the deadline table of the spec', () => {
    const t = defaultDeadlineTable();
    expect(DeadlineTable.parse(t)).toEqual(t);
    expect(t.forward).toEqual({ general: h(2), significant: h(2), major: h(2), critical: h(1) });
    // general: 酌情适时, no deadline
    expect(t.report).toEqual({ general: null, significant: h(4), major: h(2), critical: h(1) });
    expect(t.writtenReport).toEqual({ general: null, significant: null, major: { amount: 30, unit: 'minutes' }, critical: { amount: 30, unit: 'minutes' } });
    expect(t.initialResponse).toEqual(all(3, 'workingHours'));
    expect(t.inquiryOpinion).toEqual(all(1, 'workingDayClose'));
    expect(t.verification).toEqual({ ...all(1, 'workingDays'), general: { amount: 1, unit: 'days' } });
    expect(t.authoritativeRelease).toEqual({ ...all(24, 'hours'), general: null });
    expect(t.netizenReply).toEqual(all(5, 'workingDays'));
    expect(t.netizenReplyExtended).toEqual(all(10, 'workingDays'));
    expect(t.summary).toEqual(all(3, 'days'));
    expect(t.bulletinInterval).toEqual({ general: null, significant: h(24), major: h(12), critical: h(4) });
  });

  it('names whom each grade reports to, with 网宣 and 网警 for major and critical sensitive items', () => {
    const r = defaultReportRecipients();
    expect(ReportRecipients.parse(r)).toEqual(r);
    expect(r.required).toEqual({
      general: [],
      significant: ['superiorDepartment'],
      major: ['partyOffice', 'superiorDepartment', 'cyberspace'],
      critical: ['partyOffice', 'superiorDepartment', 'cyberspace'],
    });
    expect(r.sensitiveAlso).toEqual({ general: [], significant: [], major: ['propaganda', 'police'], critical: ['propaganda', 'police'] });
    expect(currentPolicy({ now: new Date('2026-11-26T06:00:00Z') }).reportRecipients).toEqual(r);
  });

  it('has the grading thresholds of the spec', () => {
    expect(GradingThresholds.parse(defaultGrading())).toEqual({
      critical: { views: 3000, comments: 500, mainstreamSites: 5 },
      major: { views: 1000, comments: 100, mainstreamSites: 1 },
      significant: { views: 500, comments: 50 },
    });
  });
});

describe('currentPolicy', () => {
  it('snapshots this year and the next two, covering only published years', () => {
    const p = currentPolicy({ now: new Date('2026-11-26T06:00:00Z') });
    expect(p.version).toMatch(/^policy-\d{4}\.\d+$/);
    expect(p.calendar.coveredYears).toEqual([2026]);
    expect(p.calendar.holidays).toContain('2026-10-01');
    expect(p.calendar.holidays).toContain('2028-10-03');
    expect(p.calendar.holidays.some((d) => d.startsWith('2029'))).toBe(false);
    expect(p.calendar.workHours).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ]);
    expect(p.calendar.utcOffsetMinutes).toBe(480);
    expect(p.escalationChain).toEqual(['handler', 'approver', 'superior']);
  });

  it('takes the year in China time', () => {
    const p = currentPolicy({ now: new Date('2026-12-31T16:30:00Z') });
    expect(p.calendar.holidays.some((d) => d.startsWith('2029'))).toBe(true);
    expect(p.calendar.holidays.some((d) => d.startsWith('2026'))).toBe(false);
  });

  it('picks up an edited overrides file without a restart', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'yuqing-policy-')), 'overrides.json');
    const now = new Date('2026-11-26T06:00:00Z');
    writeFileSync(file, JSON.stringify({ holidays: ['2026-11-30'] }));
    utimesSync(file, 1_000, 1_000);
    expect(currentPolicy({ now, overridesFile: file }).calendar.holidays).toContain('2026-11-30');
    writeFileSync(file, JSON.stringify({ holidays: ['2026-12-01'] }));
    utimesSync(file, 2_000, 2_000);
    const after = currentPolicy({ now, overridesFile: file }).calendar.holidays;
    expect(after).toContain('2026-12-01');
    expect(after).not.toContain('2026-11-30');
  });
});
