import { describe, expect, it } from 'vitest';
import {
  median,
  percentile,
  periodLabel,
  periodOfReport,
  previousPeriod,
  reportName,
  rollupRow,
  rollupStats,
  type RollupRow,
} from '../../domain/rules/rollup-stats';
import type { Deadline, IncidentState, TimelineEntry } from '../../domain/model/state';

const SHANGHAI = 480;

describe('the period a run reports on', () => {
  it('a Monday 09:00 run reports the Monday-to-Sunday week before, in Shanghai days', () => {
    const p = previousPeriod('weekly', Date.parse('2026-11-23T09:00:00+08:00'), SHANGHAI);
    expect(p).toEqual({ kind: 'weekly', from: '2026-11-15T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z' });
    expect(reportName(p, SHANGHAI)).toBe('weekly-2026-11-16');
    expect(periodLabel(p, SHANGHAI)).toBe('2026年11月16日至11月22日');
  });

  it('a run late on Sunday (UTC still Sunday, Shanghai already Monday) counts in Shanghai', () => {
    // 2026-11-22T16:30Z is Monday 00:30 in Shanghai: the week just ended is the one reported
    expect(previousPeriod('weekly', Date.parse('2026-11-22T16:30:00Z'), SHANGHAI).from).toBe('2026-11-15T16:00:00.000Z');
    // one minute earlier it is still Sunday there: the week before that
    expect(previousPeriod('weekly', Date.parse('2026-11-22T15:59:00Z'), SHANGHAI).from).toBe('2026-11-08T16:00:00.000Z');
  });

  it('a week across the new year is labelled with both years', () => {
    const p = previousPeriod('weekly', Date.parse('2027-01-04T09:00:00+08:00'), SHANGHAI);
    expect(periodLabel(p, SHANGHAI)).toBe('2026年12月28日至2027年1月3日');
  });

  it('the run on the 5th reports the previous calendar month, January back into December', () => {
    const p = previousPeriod('monthly', Date.parse('2027-01-05T09:00:00+08:00'), SHANGHAI);
    expect(p).toEqual({ kind: 'monthly', from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    expect(reportName(p, SHANGHAI)).toBe('monthly-2026-12');
    expect(periodLabel(p, SHANGHAI)).toBe('2026年12月');
  });

  it('a report name gives its period back, and names no period has are refused', () => {
    for (const p of [previousPeriod('weekly', Date.parse('2026-03-02T09:00:00+08:00'), SHANGHAI), previousPeriod('monthly', Date.parse('2026-03-05T09:00:00+08:00'), SHANGHAI)]) {
      expect(periodOfReport(reportName(p, SHANGHAI), SHANGHAI)).toEqual(p);
    }
    expect(periodOfReport('monthly-2026-02', SHANGHAI)?.to).toBe('2026-02-28T16:00:00.000Z');
    for (const bad of ['weekly-2026-02-30', 'monthly-2026-13', 'weekly-2026-11', '../secret', 'weekly-2026-11-16.md']) {
      expect(periodOfReport(bad, SHANGHAI)).toBeUndefined();
    }
  });
});

describe('median and p90', () => {
  it('median of an odd count is the middle value, of an even count the mean of the two middle ones', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([])).toBeUndefined();
  });

  it('p90 is the nearest rank: always one of the values', () => {
    const ten = [5, 10, 15, 20, 25, 30, 35, 40, 45, 1000];
    expect(percentile(ten, 90)).toBe(45);
    expect(percentile([...ten, 2000], 90)).toBe(1000);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 90)).toBeUndefined();
  });
});

const discovered = '2026-11-16T02:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(discovered) + minutes * 60_000).toISOString();

function deadline(kind: Deadline['kind'], responsible: Deadline['responsible'], extra: Partial<Deadline> = {}): Deadline {
  return { kind, label: `${kind}期限`, responsible, startedAt: discovered, dueAt: at(60), ...extra };
}

function state(extra: Partial<IncidentState> = {}): IncidentState {
  return {
    workflowId: 'incident-1',
    incident: { title: '网传某校食堂饭菜变质', channel: 'weibo', department: '后勤处', discoveredAt: discovered },
    severity: 'major',
    category: 'hype',
    currentStep: 'verify',
    deadlines: [],
    reports: [],
    responses: [],
    releases: [],
    timeline: [],
    ...extra,
  } as unknown as IncidentState;
}

describe('one row per incident', () => {
  it('measures report and first public word from discovery; a release counts as a public word', () => {
    const row = rollupRow(
      state({
        reports: [{ at: at(95) }, { at: at(42) }] as IncidentState['reports'],
        responses: [{ at: at(300) }] as IncidentState['responses'],
        releases: [{ publishedAt: at(180) }, { publishedAt: undefined }] as IncidentState['releases'],
      }),
    );
    expect(row.minutesToReport).toBe(42);
    expect(row.minutesToFirstResponse).toBe(180);
    expect(row.status).toBe('open');
    expect(row.step).toBe('verify');
  });

  it('sorts each deadline into on time, late, missed or open, and leaves cancelled ones out', () => {
    const row = rollupRow(
      state({
        deadlines: [
          deadline('report', 'handler', { metAt: at(30) }),
          deadline('initialResponse', 'handler', { metAt: at(75), breachedAt: at(60), lateByMinutes: 15 }),
          deadline('authoritativeRelease', 'approver', { breachedAt: at(60) }),
          deadline('verification', 'handler'),
          deadline('netizenReply', 'handler', { cancelled: true }),
        ],
      }),
    );
    expect(row.deadlines.map((d) => [d.kind, d.outcome])).toEqual([
      ['report', 'onTime'],
      ['initialResponse', 'late'],
      ['authoritativeRelease', 'missed'],
      ['verification', 'open'],
    ]);
  });

  it('counts the decisions taken unsigned, late ones too, from the timeline', () => {
    const entry = (kind: TimelineEntry['kind'], signed?: boolean): TimelineEntry => ({ at: at(1), kind, text: '', decision: 'reportFiled', signed });
    const row = rollupRow(state({ timeline: [entry('decision', false), entry('late', false), entry('decision', true), { at: at(2), kind: 'breach', text: '' }] }));
    expect(row.unsignedDecisions).toBe(2);
    expect(rollupStats([row, row]).unsignedDecisions).toBe(4);
  });

  it('a closed incident shows its outcome', () => {
    const withdrawn = rollupRow(state({ closed: { at: at(10), outcome: 'withdrawn', reason: '重复' }, currentStep: 'closed' }));
    expect([withdrawn.status, withdrawn.step]).toEqual(['withdrawn', 'closed']);
  });
});

describe('the figures over the period', () => {
  const row = (extra: Partial<RollupRow>): RollupRow => ({
    workflowId: 'x',
    title: 't',
    severity: 'general',
    category: 'inquiry',
    channel: 'weibo',
    department: '后勤处',
    discoveredAt: discovered,
    status: 'completed',
    step: 'closed',
    deadlines: [],
    unsignedDecisions: 0,
    ...extra,
  });

  it('counts by severity, category, channel, department and status, and times only what is known', () => {
    const stats = rollupStats([
      row({ minutesToReport: 10, minutesToFirstResponse: 100 }),
      row({ severity: 'critical', department: '宣传部', channel: 'news', minutesToReport: 30 }),
      row({ severity: 'critical', department: '宣传部', category: 'fabrication', status: 'open', step: 'verify', minutesToReport: 20 }),
      row({ department: '教务处', status: 'withdrawn' }),
    ]);
    expect(stats.total).toBe(4);
    expect(stats.byStatus).toEqual({ open: 1, completed: 2, withdrawn: 1, dismissed: 0 });
    expect(stats.bySeverity).toEqual({ general: 2, significant: 0, major: 0, critical: 2 });
    expect(stats.byCategory).toMatchObject({ inquiry: 3, fabrication: 1, hype: 0 });
    expect(stats.byChannel).toMatchObject({ weibo: 3, news: 1, douyin: 0 });
    expect(stats.byDepartment).toEqual([['宣传部', 2], ['后勤处', 1], ['教务处', 1]]);
    expect(stats.toReport).toEqual({ count: 3, median: 20, p90: 30 });
    expect(stats.toFirstResponse).toEqual({ count: 1, median: 100, p90: 100 });
  });

  it('adds deadline outcomes up by kind and by the role that owed them', () => {
    const d = (kind: Deadline['kind'], responsible: Deadline['responsible'], outcome: RollupRow['deadlines'][number]['outcome']) => ({ kind, label: `${kind}期限`, responsible, outcome });
    const stats = rollupStats([
      row({ deadlines: [d('report', 'handler', 'onTime'), d('authoritativeRelease', 'approver', 'missed')] }),
      row({ deadlines: [d('report', 'handler', 'late'), d('authoritativeRelease', 'approver', 'onTime')] }),
    ]);
    expect(stats.deadlinesByKind.report).toEqual({ label: 'report期限', responsible: 'handler', onTime: 1, late: 1, missed: 0, open: 0 });
    expect(stats.deadlinesByRole.approver).toEqual({ onTime: 1, late: 0, missed: 1, open: 0 });
    expect(stats.deadlinesByRole.monitor).toEqual({ onTime: 0, late: 0, missed: 0, open: 0 });
  });

  it('an empty period has zero counts and no timing figures', () => {
    const stats = rollupStats([]);
    expect(stats.total).toBe(0);
    expect(stats.toReport).toEqual({ count: 0, median: undefined, p90: undefined });
  });
});
