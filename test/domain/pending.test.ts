// The pending decisions as people see them: the deadline each is due by (the one it meets, else
// the one it is a stage towards), whether anyone is expected to take it, and the 待我处理 view.
import { describe, expect, it } from 'vitest';
import { DECISION_NAMES, DECISIONS } from '../../domain/decisions/index';
import { awaits, pendingDecisions } from '../../domain/decisions/pending';
import { compareTasks, tasksFor } from '../../domain/decisions/tasks';
import type { IncidentState } from '../../domain/model/state';
import type { UserRef } from '../../domain/model/schema';
import { compareDue } from '../../domain/rules/urgency';
import { people } from '../workflows/fixtures';
import { decide, stateFor } from './decide';

const pending = (s: IncidentState, name: string) => pendingDecisions(s).find((p) => p.name === name);
const dueOf = (s: IncidentState, kind: string) => s.deadlines.find((d) => d.kind === kind && !d.metAt)?.dueAt;

function handlingStarted(s: IncidentState) {
  s.steps.monitor.status = 'done';
  for (const step of ['verify', 'coordinate', 'guide', 'publish'] as const) s.steps[step].status = 'active';
}

describe('the deadline a pending decision is due by', () => {
  it('names, on every spec that meets one, only deadline kinds its apply or the publication meets', () => {
    const meets = Object.fromEntries(DECISION_NAMES.filter((n) => DECISIONS[n].meets).map((n) => [n, DECISIONS[n].meets]));
    expect(meets).toEqual({
      forwarded: ['forward'],
      reportFiled: ['report', 'writtenReport'],
      findingsSubmitted: ['verification'],
      actionRecorded: ['inquiryOpinion'],
      responseApproved: ['initialResponse', 'netizenReply', 'inquiryOpinion'],
      releaseApproved: ['authoritativeRelease', 'initialResponse'],
      summarySubmitted: ['summary'],
    });
  });

  it('gives the report its report deadline, and after a verbal report the written one', () => {
    const { s, input } = stateFor('major', 'hype');
    expect(pending(s, 'reportFiled')?.deadline).toEqual({ kind: 'report', label: '上报期限', dueAt: dueOf(s, 'report'), breached: false, meets: true });
    decide(s, input, 'reportFiled', people.handler, { channel: 'verbal', to: '县委宣传部' });
    expect(pending(s, 'reportFiled')?.deadline).toMatchObject({ kind: 'writtenReport', label: '书面报送期限', dueAt: dueOf(s, 'writtenReport') });
    // a decision no deadline waits on carries none
    expect(pending(s, 'planDecided')?.deadline).toBeUndefined();
  });

  it('marks a breached deadline, and takes the earliest of those it meets', () => {
    const { s } = stateFor('general', 'inquiry');
    const reply = pending(s, 'responseRecorded')!;
    const [first] = s.deadlines.filter((d) => d.kind === 'initialResponse' || d.kind === 'netizenReply').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    expect(reply.deadline).toMatchObject({ kind: first!.kind, dueAt: first!.dueAt, breached: false });
    first!.breachedAt = first!.dueAt;
    expect(pending(s, 'responseRecorded')?.deadline?.breached).toBe(true);
  });

  it('a release under review is a stage towards the authoritative release; its approval meets it', () => {
    const { s, input } = stateFor('significant', 'hype');
    handlingStarted(s);
    decide(s, input, 'releaseDrafted', people.handler, { kind: 'facts', title: '情况通报', body: '正在核查。', channels: ['官网'] });
    const toward = pending(s, 'releaseReviewed')!.deadline!;
    expect(toward).toMatchObject({ meets: false });
    expect(['authoritativeRelease', 'initialResponse']).toContain(toward.kind);
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: true });
    expect(pending(s, 'releaseApproved')!.deadline).toEqual({ ...toward, meets: true });
  });
});

describe('who is expected to take a pending decision', () => {
  it('never the standing ones nothing waits for: metrics, escalation, withdrawal, keys, a reply extension', () => {
    const { s } = stateFor('major', 'inquiry');
    const byName = Object.fromEntries(pendingDecisions(s).map((p) => [p.name, p.expected]));
    expect(byName).toMatchObject({ metricsUpdated: false, escalate: false, deescalate: false, withdraw: false, signingKeyAdded: false, replyExtensionRequested: false, reportFiled: true, planDecided: true });
  });

  it('a standing response while the first response is due or guidance has none; an action while coordination owes one', () => {
    const { s, input } = stateFor('significant', 'hype');
    expect(pending(s, 'responseRecorded')?.expected).toBe(true);
    handlingStarted(s);
    decide(s, input, 'findingsSubmitted', people.handler, { verdict: 'partial', facts: '部分属实' });
    decide(s, input, 'findingsReviewed', people.office, { accept: true });
    expect(pending(s, 'actionRecorded')?.expected).toBe(true);
    decide(s, input, 'actionRecorded', people.handler, { kind: 'correction', description: '更正通报' });
    expect(pending(s, 'actionRecorded')?.expected).toBe(false);
    decide(s, input, 'responseRecorded', people.handler, { kind: 'statement', content: '已关注', channel: '官方微博' });
    expect(pending(s, 'responseRecorded')?.expected).toBe(false);
  });
});

describe('the 待我处理 view', () => {
  const both: UserRef = { id: 'boss', name: '兼任者', roles: ['handler', 'approver'] };

  it('lists what the roles may take, without the drafter four eyes exclude and without standing decisions', () => {
    const { s, input } = stateFor('major', 'hype');
    s.workflowId = 'incident-20261124-0000000001';
    s.pendingDecisions = pendingDecisions(s);
    expect(tasksFor(s, people.monitor)).toEqual([]);
    expect(tasksFor(s, people.handler).map((t) => t.name)).toEqual(['forwarded', 'reportFiled', 'responseRecorded']);
    expect(tasksFor(s, people.leader).map((t) => t.name)).toEqual(['reportFiled', 'planDecided', 'responseRecorded']);
    expect(tasksFor(s, people.leader)[0]).toEqual({
      workflowId: s.workflowId,
      title: s.incident.title,
      department: s.incident.department,
      severity: 'major',
      stage: 'monitor',
      name: 'reportFiled',
      label: '登记上报',
      deadline: expect.objectContaining({ kind: 'report', meets: true }),
    });

    handlingStarted(s);
    decide(s, input, 'findingsSubmitted', both, { verdict: 'unfounded', facts: '不实' });
    const review = s.pendingDecisions.find((p) => p.name === 'findingsReviewed')!;
    expect(awaits(review, both)).toBe(false);
    expect(awaits(review, people.office)).toBe(true);
    expect(tasksFor(s, both).map((t) => t.name)).not.toContain('findingsReviewed');
  });

  it('sorts by the deadline, nearest first and none last, the graver incident first among equals', () => {
    const task = (dueAt: string | undefined, severity: 'general' | 'critical' = 'general') => ({
      workflowId: 'x',
      title: 't',
      department: 'd',
      severity,
      stage: 'monitor' as const,
      name: 'reportFiled' as const,
      label: '',
      ...(dueAt ? { deadline: { kind: 'report' as const, label: '', dueAt, breached: false, meets: true } } : {}),
    });
    const sorted = [task(undefined), task('2026-11-24T05:00:00Z'), task('2026-11-24T03:00:00Z'), task('2026-11-24T05:00:00Z', 'critical')].sort(compareTasks);
    expect(sorted.map((t) => [t.deadline?.dueAt, t.severity])).toEqual([
      ['2026-11-24T03:00:00Z', 'general'],
      ['2026-11-24T05:00:00Z', 'critical'],
      ['2026-11-24T05:00:00Z', 'general'],
      [undefined, 'general'],
    ]);
    expect(compareDue(undefined, undefined)).toBe(0);
    // by instant, not by text: an offset that sorts later as a string is earlier in time
    expect(compareDue('2026-11-24T10:00:00+08:00', '2026-11-24T03:00:00Z')).toBeLessThan(0);
  });
});
