import { describe, expect, it } from 'vitest';
import { currentPolicy } from '../../config/policy';
import { applyDecision } from '../../domain/decisions/apply';
import type { DecisionName } from '../../domain/decisions/index';
import { pendingDecisions } from '../../domain/decisions/pending';
import { initialState } from '../../domain/incident/initial-state';
import { currentDetails, deadlineTimerSummary, incidentSummary } from '../../domain/incident/details';
import { dueSoonNotice, nextReminder, noticeBasis, type OwedNotice, owedNotices, reminderAt } from '../../domain/incident/notices';
import { label } from '../../domain/labels';
import type { DeadlineKind, IncidentFields, IncidentInput, PolicySnapshot, Role, UserRef } from '../../domain/model/schema';
import type { Deadline, IncidentState } from '../../domain/model/state';
import { formatLocalFull } from '../../domain/rules/deadlines';
import { fields, incidentInput, METRICS_FOR, people } from '../workflows/fixtures';

const NOW = Date.parse('2026-11-24T02:00:00Z');

function begin(opts: { fields?: Partial<IncidentFields>; origin?: boolean } = {}) {
  const base = incidentInput({ fields: { discoveredAt: new Date(NOW).toISOString(), ...opts.fields } });
  const input: IncidentInput = opts.origin ? { ...base, origin: { sourceSystem: '监测平台', url: 'https://weibo.example/post/1', seenAt: new Date(NOW).toISOString() } } : base;
  const s = initialState(input, 'incident-notices', NOW);
  s.pendingDecisions = pendingDecisions(s);
  return { input, s, first: owedNotices(undefined, s, input.policy) };
}

/** applies a decision as the workflow does and returns the notices the change owes */
function decide(s: IncidentState, policy: PolicySnapshot, name: DecisionName, by: UserRef, fieldsOf: object): OwedNotice[] {
  const before = noticeBasis(s);
  const draftHash = s.pendingDecisions.find((p) => p.name === name && p.releaseNo === (fieldsOf as { releaseNo?: number }).releaseNo)?.draftHash;
  applyDecision(s, policy, name, { ...(draftHash ? { draftHash } : {}), ...fieldsOf, by } as never, { nowMs: NOW + 60_000, signed: true, bindDrafts: true, reopenOnRise: true });
  s.pendingDecisions = pendingDecisions(s);
  return owedNotices(before, s, policy);
}

const brief = (ns: OwedNotice[]) => ns.map((n) => [n.kind, n.key, n.roles]);

describe('the notices a change owes', () => {
  it('a critical incident tells leadership and the superior authority at once, and who must decide what', () => {
    const { first, s } = begin({ fields: { metrics: METRICS_FOR.critical, category: 'hype' } });
    expect(brief(first)).toEqual([
      ['registered', 'registered', ['approver', 'superior']],
      ['decisionNeeded', 'decisionNeeded:forwarded:1', ['handler']],
      ['decisionNeeded', 'decisionNeeded:reportFiled:2', ['handler', 'approver']],
      ['decisionNeeded', 'decisionNeeded:planDecided:3', ['approver']],
      ['decisionNeeded', 'decisionNeeded:responseRecorded:4', ['handler', 'approver']],
    ]);
    const registered = first[0]!;
    expect(registered.title).toBe('特别重大舆情（一级响应）已登记');
    expect(registered.deadline).toEqual({ label: '上报期限', dueAt: s.deadlines.find((d) => d.kind === 'report')!.dueAt });
    expect(first[2]!.title).toBe(`待${label('decision', 'reportFiled')}`);
  });

  it('a general inquiry tells the office, and never asks for the optional reply extension', () => {
    const { first } = begin();
    expect(brief(first)).toEqual([
      ['registered', 'registered', ['handler']],
      ['decisionNeeded', 'decisionNeeded:forwarded:1', ['handler']],
      ['decisionNeeded', 'decisionNeeded:responseRecorded:2', ['handler', 'approver']],
    ]);
  });

  it('escapes what people typed: a title cannot add Markdown to the notice', () => {
    const { first } = begin({ fields: { title: '**假标题** [点我](https://evil.example)' } });
    expect(first[0]!.markdown).not.toContain('**假标题**');
    expect(first[0]!.markdown).not.toContain('](https://');
  });

  it('an alert is told to no one but the monitor until it is confirmed; its registration carries the grade it was given', () => {
    const { first, s, input } = begin({ origin: true });
    expect(brief(first)).toEqual([['decisionNeeded', 'decisionNeeded:assessed:1', ['monitor']]]);
    expect(decide(s, input.policy, 'metricsUpdated', people.monitor, { metrics: METRICS_FOR.major })).toEqual([]);
    const confirmed = decide(s, input.policy, 'assessed', people.monitor, { confirm: true, category: 'hype', severity: 'critical' });
    expect(confirmed.map((n) => n.kind)).toEqual(['registered', 'decisionNeeded', 'decisionNeeded', 'decisionNeeded', 'decisionNeeded']);
    expect(confirmed[0]!.roles).toEqual(['approver', 'superior']);
  });

  it('a dismissed alert closes without a word to anyone', () => {
    const { s, input } = begin({ origin: true });
    expect(decide(s, input.policy, 'assessed', people.monitor, { confirm: false, reason: '与本单位无关' })).toEqual([]);
  });

  it('tells a pending decision once: an unrelated change owes nothing', () => {
    const { s, input } = begin({ fields: { category: 'hype' } });
    expect(decide(s, input.policy, 'metricsUpdated', people.monitor, { metrics: { ...METRICS_FOR.general, views: 101 } })).toEqual([]);
    expect(decide(s, input.policy, 'responseRecorded', people.handler, { kind: 'statement', content: '已关注', channel: '官方微博' })).toEqual([]);
  });

  it('a rise in grade is told to the office and the new grade’s audience, with the report it owes again', () => {
    const { s, input } = begin({ fields: { category: 'hype' } });
    decide(s, input.policy, 'reportFiled', people.handler, { channel: 'written', to: '上级' });
    const rose = decide(s, input.policy, 'metricsUpdated', people.monitor, { metrics: METRICS_FOR.major });
    expect(brief(rose.filter((n) => n.kind === 'escalation'))).toEqual([['escalation', 'escalation:0', ['handler', 'approver', 'superior']]]);
    const [escalation] = rose;
    expect(escalation!.title).toBe('一般升为重大');
    expect(escalation!.markdown).toContain('按传播数据自动定级');
    expect(escalation!.markdown).toContain('按重大舆情流程重新上报并审批处置方案');
    expect(escalation!.deadline?.label).toBe('上报期限');
    // the rise re-opens the report and the plan: both are asked for again
    expect(rose.filter((n) => n.kind === 'decisionNeeded').map((n) => n.key)).toEqual([expect.stringMatching(/^decisionNeeded:reportFiled:/), expect.stringMatching(/^decisionNeeded:planDecided:/)]);
    // a lower grade is not a rise
    expect(decide(s, input.policy, 'deescalate', people.leader, { severity: 'significant', reason: '影响有限' }).filter((n) => n.kind === 'escalation')).toEqual([]);
  });

  it('a decision awaited again is told again, under a new key; the submitter’s own role hears that someone else must decide', () => {
    const { s, input } = begin({ fields: { metrics: METRICS_FOR.significant, category: 'hype' } });
    decide(s, input.policy, 'reportFiled', people.handler, { channel: 'written', to: '上级' });
    s.steps.monitor.status = 'done';
    s.steps.verify.status = 'active';
    s.pendingDecisions = pendingDecisions(s);
    const submitted = decide(s, input.policy, 'findingsSubmitted', people.handler, { verdict: 'confirmed', facts: '属实' });
    const review = submitted.find((n) => n.key.startsWith('decisionNeeded:findingsReviewed:'))!;
    expect(review.roles).toEqual(['handler', 'approver']);
    expect(review.markdown).toContain('提交人本人不得决定');
    const returned = decide(s, input.policy, 'findingsReviewed', people.office, { accept: false, comment: '证据不足' });
    expect(returned.map((n) => n.key)).toEqual([expect.stringMatching(/^decisionNeeded:findingsSubmitted:/)]);
    const again = decide(s, input.policy, 'findingsSubmitted', people.handler, { verdict: 'confirmed', facts: '属实，附证据' });
    const second = again.find((n) => n.key.startsWith('decisionNeeded:findingsReviewed:'))!;
    expect(second.key).not.toBe(review.key);
  });

  it('a publication and the end are told to those who follow the incident', () => {
    const { s, input } = begin({ fields: { metrics: METRICS_FOR.major, category: 'hype' } });
    const before = noticeBasis(s);
    s.releases.push({ no: 1, kind: 'facts', title: '情况通报', body: '……', channels: ['官方微博'], status: 'published', draftedBy: people.handler, draftedAt: new Date(NOW).toISOString(), reviews: [], publishedAt: new Date(NOW).toISOString() });
    expect(brief(owedNotices(before, s, input.policy))).toEqual([['published', 'published:1', ['handler', 'approver', 'superior']]]);
    const withdrawn = decide(s, input.policy, 'withdraw', people.leader, { reason: '重复登记' });
    expect(brief(withdrawn)).toEqual([['closed', 'closed', ['handler', 'approver', 'superior']]]);
    expect(withdrawn[0]!.title).toBe('已撤销：重复登记');
  });

  it('a monitoring system’s account is never told anything', () => {
    const { s, input } = begin();
    const before = { ...noticeBasis(s), awaited: [] };
    s.pendingDecisions = [{ name: 'assessed', label: label('decision', 'assessed'), roles: ['intake', 'monitor'] as Role[], excludedUsers: [], expected: true }];
    expect(owedNotices(before, s, input.policy).map((n) => n.roles)).toEqual([['monitor']]);
    s.pendingDecisions = [{ name: 'assessed', label: label('decision', 'assessed'), roles: ['intake'] as Role[], excludedUsers: [], expected: true }];
    expect(owedNotices(before, s, input.policy)).toEqual([]);
  });
});

describe('when a deadline’s owner is reminded', () => {
  const policy = currentPolicy({ now: new Date(NOW) });
  const cal = policy.calendar;
  const at = (local: string) => new Date(Date.parse(`${local.replace(' ', 'T')}:00+08:00`)).toISOString();
  const state = () => initialState(incidentInput({ policy, fields: fields({ metrics: METRICS_FOR.major, discoveredAt: new Date(NOW).toISOString() }) }), 'incident-reminders', NOW);
  const deadline = (kind: DeadlineKind, start: string, due: string): Deadline => ({ kind, label: label('deadline', kind), responsible: 'handler', startedAt: at(start), dueAt: at(due) });
  const remind = (d: Deadline, p: PolicySnapshot = policy) => {
    const ms = reminderAt(d, state(), p);
    return ms === undefined ? undefined : formatLocalFull(ms, cal);
  };

  it('a deadline under a day: when half of it has passed', () => {
    expect(remind(deadline('report', '2026-11-24 10:00', '2026-11-24 11:00'))).toBe('2026-11-24 10:30');
    expect(remind(deadline('writtenReport', '2026-11-24 10:00', '2026-11-24 10:30'))).toBe('2026-11-24 10:15');
  });

  it('a deadline in working hours: half of its working time, not in the night', () => {
    // 3 working hours from Tuesday 16:00: 2 h that day, 1 h on Wednesday
    expect(remind(deadline('initialResponse', '2026-11-24 16:00', '2026-11-25 10:00'))).toBe('2026-11-24 17:30');
    // from Friday 17:00 over the weekend: one hour on Friday, half an hour on Monday
    expect(remind(deadline('initialResponse', '2026-11-27 17:00', '2026-11-30 11:00'))).toBe('2026-11-30 09:30');
  });

  it('a deadline of a day or more: the same time on the working day before', () => {
    expect(remind(deadline('verification', '2026-11-24 10:00', '2026-11-25 18:00'))).toBe('2026-11-24 18:00');
    // five working days from Monday: due the next Monday's close, reminded on Friday's
    expect(remind(deadline('netizenReply', '2026-11-23 10:00', '2026-11-30 18:00'))).toBe('2026-11-27 18:00');
    // three days from Thursday: due Sunday 10:00, reminded on Friday, the working day before
    expect(remind(deadline('summary', '2026-11-26 10:00', '2026-11-29 10:00'))).toBe('2026-11-27 10:00');
  });

  it('or halfway, when the working day before is not after its start', () => {
    // 24 hours from Monday 10:00: the working day before is the start itself
    expect(remind(deadline('authoritativeRelease', '2026-11-23 10:00', '2026-11-24 10:00'))).toBe('2026-11-23 22:00');
  });

  it('follows the policy, and a snapshot from before reminders existed uses the default', () => {
    const d = deadline('report', '2026-11-24 10:00', '2026-11-24 11:00');
    expect(remind(d, { ...policy, reminders: { shortFraction: 0.75, workingDaysBefore: 1 } })).toBe('2026-11-24 10:45');
    const { reminders: _, ...old } = policy;
    expect(remind(d, old as PolicySnapshot)).toBe('2026-11-24 10:30');
    expect(remind(deadline('verification', '2026-11-23 10:00', '2026-11-26 18:00'), { ...policy, reminders: { shortFraction: 0.5, workingDaysBefore: 2 } })).toBe('2026-11-24 18:00');
  });

  it('the next reminder is the earliest owed; one reminded is not reminded again unless its due time moves', () => {
    const s = state();
    const report = deadline('report', '2026-11-24 10:00', '2026-11-24 11:00');
    const verification = deadline('verification', '2026-11-24 10:00', '2026-11-25 18:00');
    s.deadlines = [verification, report, { ...deadline('writtenReport', '2026-11-24 10:00', '2026-11-24 10:30'), metAt: at('2026-11-24 10:05') }];
    expect(nextReminder(s, policy)?.deadline.kind).toBe('report');
    report.remindedFor = report.dueAt;
    expect(nextReminder(s, policy)?.deadline.kind).toBe('verification');
    report.dueAt = at('2026-11-24 10:40');
    expect(nextReminder(s, policy)).toMatchObject({ deadline: { kind: 'report' }, atMs: Date.parse(at('2026-11-24 10:20')) });

    const notice = dueSoonNotice(report, s, policy, Date.parse(at('2026-11-24 10:20')));
    expect(notice).toMatchObject({ kind: 'dueSoon', roles: ['handler'], key: `dueSoon:report@${report.dueAt}`, title: '上报期限将于 11-24 10:40 到期', deadline: { label: '上报期限', dueAt: report.dueAt } });
    expect(notice.markdown).toContain('剩 20 分钟');
  });
});

describe('an English incident', () => {
  const HAN = /\p{Script=Han}/u;
  const english = () => {
    const input: IncidentInput = { ...incidentInput({ fields: { title: 'Canteen food', department: 'Logistics', summary: 'Parents worry.', discoveredAt: new Date(NOW).toISOString(), metrics: METRICS_FOR.major, category: 'hype' } }), script: 'en' };
    const s = initialState(input, 'incident-english', NOW);
    s.pendingDecisions = pendingDecisions(s);
    return { input, s };
  };

  it('owes its notices worded in English, deadlines and roles included', () => {
    const { input, s } = english();
    const owed = owedNotices(undefined, s, input.policy);
    expect(owed[0]!.title).toBe('Major incident (Level II) registered');
    const report = s.deadlines.find((d) => d.kind === 'report')!;
    expect(owed[0]!.markdown).toContain(`Report upward due ${formatLocalFull(Date.parse(report.dueAt), input.policy.calendar)} (answerable: office / department)`);
    expect(owed.find((n) => n.kind === 'decisionNeeded')!.title).toMatch(/^Awaiting: /);
    const soon = dueSoonNotice(report, s, input.policy, Date.parse(report.dueAt) - 30 * 60_000);
    expect(soon.markdown).toContain('(30 min left)');
    expect([...owed, soon].filter((n) => HAN.test(n.title) || HAN.test(n.markdown))).toEqual([]);
  });

  it('shows the Temporal UI English details and summaries', () => {
    const { input, s } = english();
    const details = currentDetails(s, input.policy.calendar, NOW);
    expect(details.split('\\\n')[0]).toBe('**Monitor and assess**  Major (Level II)');
    expect(details).toMatch(/Next deadline: \S/);
    expect(HAN.test(details)).toBe(false);
    expect(incidentSummary(input.incident, 'major', true, 'en')).toBe('[DRILL] [Major] Canteen food · Logistics');
    const d = s.deadlines[0]!;
    expect(deadlineTimerSummary(d, input.policy.calendar, 'en')).toBe(`${d.label} due ${formatLocalFull(Date.parse(d.dueAt), input.policy.calendar)}`);
  });
});
