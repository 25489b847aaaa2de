import { describe, expect, it } from 'vitest';
import { applyDecision } from '../../domain/decisions/apply';
import { initialState } from '../../domain/incident/initial-state';
import { admitDecision, ALWAYS_SIGNED } from '../../domain/decisions/admission';
import { pendingDecisions } from '../../domain/decisions/pending';
import type { UserRef } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { METRICS_FOR, people } from '../workflows/fixtures';
import { label } from '../../domain/labels';
import { checkDecision, decide, NOW, stateFor } from './decide';

describe('admitDecision', () => {
  it('revokes only a trusted key, never the last one, and never trusts a revoked key again', () => {
    const { s, input } = stateFor();
    const admin: UserRef = { id: 'root', name: '管理员', roles: ['admin'] };
    const [only] = s.signing.keyIds;
    expect(checkDecision(s, 'signingKeyRevoked', admin, { keyId: only, reason: '遗失' })).toMatchObject({ ok: false, issues: [{ field: 'keyId', rule: 'cannot revoke the last trusted key' }] });
    expect(checkDecision(s, 'signingKeyRevoked', admin, { keyId: 'nobody', reason: '遗失' })).toMatchObject({ ok: false, issues: [{ field: 'keyId', rule: 'must be a key the incident trusts' }] });
    expect(checkDecision(s, 'signingKeyRevoked', people.leader, { keyId: only, reason: '遗失' })).toMatchObject({ ok: false, code: 'forbidden' });

    decide(s, input, 'signingKeyAdded', admin, { keyId: 'key-2', publicKey: 'ab'.repeat(32) });
    decide(s, input, 'signingKeyRevoked', admin, { keyId: only, reason: '遗失' });
    expect(s.signing).toMatchObject({ keyIds: ['key-2'], revokedKeyIds: [only] });
    expect(checkDecision(s, 'signingKeyAdded', admin, { keyId: only, publicKey: 'cd'.repeat(32) })).toMatchObject({ ok: false, issues: [{ field: 'keyId', rule: 'revoked keys cannot be trusted again' }] });
  });

  it('names the bad field and the rule', () => {
    const { s } = stateFor();
    const r = checkDecision(s, 'reportFiled', people.handler, { channel: 'fax', to: '' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('invalid');
    expect(r.issues?.map((i) => i.field).sort()).toEqual(['channel', 'to']);
  });

  it('refuses a role that may not take the decision', () => {
    const { s } = stateFor('major');
    const r = checkDecision(s, 'planDecided', people.handler, { approve: true });
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('refuses a decision that is not awaited in the current step', () => {
    const { s } = stateFor();
    expect(checkDecision(s, 'stabilised', people.leader, { reason: '平稳' })).toMatchObject({ ok: false, code: 'not-pending' });
    expect(checkDecision(s, 'planDecided', people.leader, { approve: true })).toMatchObject({ ok: false, code: 'not-pending' });
  });

  it('keeps four eyes on releases: the drafter cannot review or approve', () => {
    const { s, input } = stateFor('major', 'hype');
    const both: UserRef = { id: 'boss', name: '兼任者', roles: ['handler', 'approver'] };
    s.steps.publish.status = 'active';
    s.pendingDecisions = pendingDecisions(s);
    decide(s, input, 'releaseDrafted', both, { kind: 'facts', title: '通报', body: '内容', channels: ['官网'] });
    expect(checkDecision(s, 'releaseReviewed', both, { releaseNo: 1, approve: true })).toMatchObject({ ok: false, code: 'separation' });
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: true });
    expect(checkDecision(s, 'releaseApproved', both, { releaseNo: 1, approve: true })).toMatchObject({ ok: false, code: 'separation' });
    expect(checkDecision(s, 'releaseApproved', people.leader, { releaseNo: 1, approve: true }).ok).toBe(true);
  });

  it('lets a returned release be re-drafted under its number and reviewed again', () => {
    const { s, input } = stateFor('major', 'hype');
    s.steps.publish.status = 'active';
    s.pendingDecisions = pendingDecisions(s);
    decide(s, input, 'releaseDrafted', people.handler, { kind: 'facts', title: '通报', body: '内容', channels: ['官网'] });
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: false, comment: '措辞不妥' });
    expect(s.releases[0]?.status).toBe('returned');
    expect(checkDecision(s, 'releaseReviewed', people.office, { releaseNo: 1, approve: true })).toMatchObject({ code: 'not-pending' });
    decide(s, input, 'releaseDrafted', people.handler, { releaseNo: 1, kind: 'facts', title: '通报（修改）', body: '内容', channels: ['官网'] });
    expect(s.releases).toHaveLength(1);
    expect(s.releases[0]).toMatchObject({ status: 'drafted', title: '通报（修改）' });
    expect(s.releases[0]?.reviews).toHaveLength(1);
  });

  it('binds a review to the draft it saw: a decision on an earlier version is refused as stale', () => {
    const { s, input } = stateFor('major', 'hype');
    s.steps.publish.status = 'active';
    decide(s, input, 'releaseDrafted', people.handler, { kind: 'facts', title: '通报', body: '第一版', channels: ['官网'] });
    const first = pendingDecisions(s).find((p) => p.name === 'releaseReviewed')!.draftHash!;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: false, comment: '改' });
    decide(s, input, 'releaseDrafted', people.handler, { releaseNo: 1, kind: 'facts', title: '通报', body: '第二版', channels: ['官网'] });
    const stale = admitDecision(s, 'releaseReviewed', { releaseNo: 1, approve: true, draftHash: first, by: people.office });
    expect(stale).toMatchObject({ ok: false, refusal: { code: 'stale-draft', issues: [{ field: 'draftHash' }] } });
    expect(admitDecision(s, 'releaseReviewed', { releaseNo: 1, approve: true, by: people.office })).toMatchObject({ ok: false, refusal: { code: 'stale-draft' } });
    expect(checkDecision(s, 'releaseReviewed', people.office, { releaseNo: 1, approve: true }).ok).toBe(true);
  });

  it('never takes a withdrawal, a dismissal or a key change unsigned, even where unsigned decisions count', () => {
    const { s } = stateFor();
    const ctx = { workflowId: 'incident-test', keys: [], nowMs: NOW, maxSkewSeconds: 300, usedNonces: new Set<string>(), unsignedDecisions: 'accept-marked' as const, hashes: 'parsed' as const, alwaysSigned: ALWAYS_SIGNED };
    expect(admitDecision(s, 'withdraw', { reason: '无关', by: people.leader }, ctx)).toMatchObject({ ok: false, refusal: { code: 'unauthenticated' } });
    expect(admitDecision(s, 'reportFiled', { channel: 'written', to: '县委', by: people.handler }, ctx)).toMatchObject({ ok: true, signed: false });
  });

  it('refuses a payload too deep or too large before anything walks it', () => {
    const { s } = stateFor();
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    expect(admitDecision(s, 'reportFiled', { channel: 'written', to: '县委', by: people.handler, extra: deep })).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    const wide = { channel: 'written', to: '县委', by: people.handler, extra: Array.from({ length: 10_000 }, () => 1) };
    expect(admitDecision(s, 'reportFiled', wide)).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    expect(admitDecision(s, 'reportFiled', { channel: 'written', to: '县委', by: people.handler, extra: { a: { b: 1 } } }).ok).toBe(true);
  });

  it('a rise into major after step 1 re-opens the major process: a report from the rise, the plan approved again', () => {
    const { s, input } = stateFor('significant', 'hype');
    decide(s, input, 'reportFiled', people.handler, { channel: 'written', recipients: ['superiorDepartment'] });
    s.steps.monitor.status = 'done';
    s.steps.verify.status = 'active';
    s.steps.coordinate.status = 'active';
    // what the incident waits for: a further report stays open as a standing option
    const pendingNow = () => pendingDecisions(s).filter((p) => !p.standing).map((p) => p.name);
    expect(pendingNow()).toEqual(expect.arrayContaining(['actionRecorded']));
    expect(pendingNow()).not.toContain('reportFiled');

    decide(s, input, 'escalate', people.handler, { severity: 'major', reason: '央媒转载' });
    const reports = s.deadlines.filter((d) => d.kind === 'report');
    expect(reports).toHaveLength(2);
    expect(reports[1]).toMatchObject({ startedAt: new Date(NOW + 60_000).toISOString() });
    // the test policy's deadlines are plain seconds: the new report is due that long after the rise
    const major = input.policy.deadlines.report.major!;
    expect(Date.parse(reports[1]!.dueAt) - (NOW + 60_000)).toBe(major.amount * 1000);
    expect(pendingNow()).toEqual(expect.arrayContaining(['reportFiled', 'planDecided', 'findingsSubmitted']));
    // coordination waits for the plan; verification goes on
    expect(pendingNow()).not.toContain('actionRecorded');
    expect(s.timeline.at(-1)?.text).toContain('重新上报并审批处置方案');

    decide(s, input, 'planDecided', people.leader, { approve: true, plan: '按重大舆情处置' });
    // the superior department heard of it at significant: the major grade is reported anew, to all three
    expect(s.reportsOwed).toEqual(['partyOffice', 'superiorDepartment', 'cyberspace']);
    decide(s, input, 'reportFiled', people.handler, { kind: 'progress', channel: 'written', recipients: ['partyOffice', 'superiorDepartment', 'cyberspace'] });
    expect(pendingNow()).toEqual(expect.arrayContaining(['actionRecorded']));
    expect(pendingNow()).not.toContain('planDecided');
    expect(pendingNow()).not.toContain('reportFiled');

    // a further rise asks again
    decide(s, input, 'escalate', people.handler, { severity: 'critical', reason: '出现伤亡' });
    expect(pendingNow()).toEqual(expect.arrayContaining(['planDecided', 'reportFiled']));
  });

  it('what a new grade adds counts from the rise: a general incident raised to major', () => {
    const { s, input } = stateFor('general', 'hype');
    expect(s.deadlines.some((d) => d.kind === 'authoritativeRelease')).toBe(false);
    decide(s, input, 'escalate', people.handler, { severity: 'major', reason: '央媒转载' });
    const rise = new Date(NOW + 60_000).toISOString();
    expect(s.deadlines.find((d) => d.kind === 'authoritativeRelease')?.startedAt).toBe(rise);
  });

  it.each(['verify', 'coordinate', 'publish', 'track'] as const)('a rise during %s asks for a new report and a new plan approval', (step) => {
    const { s, input } = stateFor('significant', 'hype');
    decide(s, input, 'reportFiled', people.handler, { channel: 'written', recipients: ['superiorDepartment'] });
    const order = ['monitor', 'verify', 'coordinate', 'guide', 'publish', 'track'] as const;
    for (const st of order.slice(0, order.indexOf(step))) s.steps[st].status = 'done';
    s.steps[step].status = 'active';
    if (step !== 'verify') s.steps.coordinate.status = s.steps.publish.status = step === 'track' ? 'done' : 'active';
    decide(s, input, 'metricsUpdated', people.monitor, { metrics: METRICS_FOR.critical });
    const names = pendingDecisions(s).filter((p) => !p.standing).map((p) => p.name);
    expect(s.severity).toBe('critical');
    expect(names).toEqual(expect.arrayContaining(['reportFiled', 'planDecided']));
    expect(names).not.toContain('actionRecorded');
    expect(names).not.toContain('releaseDrafted');
  });

  it('findings cannot be accepted by their author', () => {
    const { s, input } = stateFor();
    s.steps.verify.status = 'active';
    s.pendingDecisions = pendingDecisions(s);
    decide(s, input, 'findingsSubmitted', people.handler, { verdict: 'unfounded', facts: '不实' });
    expect(checkDecision(s, 'findingsReviewed', people.handler, { accept: true })).toMatchObject({ code: 'separation' });
  });

  it('platform reports and referrals are leadership decisions with a reason (SPEC §9)', () => {
    const { s } = stateFor();
    s.steps.coordinate.status = 'active';
    const fields = { kind: 'platformReport', description: '向平台举报谣言' };
    expect(checkDecision(s, 'actionRecorded', people.handler, fields)).toMatchObject({ code: 'forbidden' });
    expect(checkDecision(s, 'actionRecorded', people.leader, fields)).toMatchObject({ code: 'invalid' });
    expect(checkDecision(s, 'actionRecorded', people.leader, { ...fields, reason: '捏造事实' }).ok).toBe(true);
  });

  it('escalation must go up and de-escalation down', () => {
    const { s } = stateFor('major');
    expect(checkDecision(s, 'escalate', people.handler, { severity: 'significant', reason: 'x' })).toMatchObject({ code: 'invalid' });
    expect(checkDecision(s, 'deescalate', people.leader, { severity: 'critical', reason: 'x' })).toMatchObject({ code: 'invalid' });
    expect(checkDecision(s, 'escalate', people.handler, { severity: 'critical', reason: '央媒转载' }).ok).toBe(true);
  });
});

describe('applyDecision', () => {
  it('escalation tightens open deadlines and never extends them', () => {
    const { s, input } = stateFor('significant', 'hype');
    // the snapshot's table: report 4 h at significant, 1 h at critical
    input.policy.deadlines.report = { general: null, significant: { amount: 4, unit: 'hours' }, major: { amount: 2, unit: 'hours' }, critical: { amount: 1, unit: 'hours' } };
    const fresh = initialState(input, 'incident-test', NOW);
    const before = Date.parse(fresh.deadlines.find((d) => d.kind === 'report')!.dueAt);
    expect(before - NOW).toBe(4 * 3600_000);
    const applied = decide(fresh, input, 'escalate', people.handler, { severity: 'critical', reason: '央媒转载' });
    expect(applied.deadlinesChanged).toBe(true);
    expect(Date.parse(fresh.deadlines.find((d) => d.kind === 'report')!.dueAt) - NOW).toBe(3600_000);
    decide(fresh, input, 'deescalate', people.leader, { severity: 'significant', reason: '误判' });
    expect(Date.parse(fresh.deadlines.find((d) => d.kind === 'report')!.dueAt) - NOW).toBe(3600_000);
    void s;
  });

  it('a metrics update that grades higher escalates automatically', () => {
    const { s, input } = stateFor('general', 'hype');
    decide(s, input, 'metricsUpdated', people.monitor, { metrics: METRICS_FOR.major });
    expect(s.escalations.map((e) => [e.from, e.to])).toEqual([['general', 'major']]);
    expect(s.severity).toBe('major');
    expect(s.escalations[0]?.by).toBe('metrics');
    // authoritative release applies from major on, counted from discovery
    expect(s.deadlines.some((d) => d.kind === 'authoritativeRelease')).toBe(true);
  });

  it('a lower metrics reading never de-escalates', () => {
    const { s, input } = stateFor('major', 'hype');
    decide(s, input, 'metricsUpdated', people.monitor, { metrics: METRICS_FOR.general });
    expect(s.severity).toBe('major');
  });

  it('a verbal report at major opens the written-report deadline; the written one meets it', () => {
    const { s, input } = stateFor('major', 'hype');
    const all = ['partyOffice', 'superiorDepartment', 'cyberspace'];
    const awaited = () => s.pendingDecisions.some((p) => p.name === 'reportFiled' && !p.standing);
    decide(s, input, 'reportFiled', people.handler, { kind: 'first', channel: 'verbal', recipients: all });
    const written = s.deadlines.find((d) => d.kind === 'writtenReport');
    expect(written && !written.metAt).toBe(true);
    expect(awaited()).toBe(true);
    expect(checkDecision(s, 'reportFiled', people.handler, { kind: 'writtenFollowUp', channel: 'verbal', recipients: all })).toMatchObject({ ok: false, issues: [{ field: 'channel' }] });
    decide(s, input, 'reportFiled', people.handler, { kind: 'writtenFollowUp', channel: 'written', recipients: all, document: 'special' });
    expect(s.deadlines.find((d) => d.kind === 'writtenReport')?.metAt).toBeDefined();
    expect(awaited()).toBe(false);
  });
});

describe('tracking and returned summaries (under the tracking-and-returns rules)', () => {
  /** in step 6 as track() leaves it under the rules; `rules: false` as a run from before them */
  function tracking(severity: keyof typeof METRICS_FOR, rules = true) {
    const made = stateFor(severity, 'hype');
    for (const st of ['monitor', 'verify', 'coordinate', 'guide', 'publish'] as const) made.s.steps[st].status = 'done';
    made.s.steps.track = { status: 'active', startedAt: new Date(NOW).toISOString() };
    if (rules) made.s.tracking = { countsFrom: new Date(NOW).toISOString(), issued: [] };
    return made;
  }

  /** in step 7 with the summary deadline open, as stabilisation leaves it */
  function summarizing(rules = true) {
    const made = tracking('general', rules);
    decide(made.s, made.input, 'stabilised', people.leader, { reason: '热度下降' }, NOW);
    made.s.steps.track.status = 'done';
    made.s.steps.summarize = { status: 'active', startedAt: new Date(NOW).toISOString() };
    return made;
  }

  it('the office asks for a bulletin at once, one at a time, only while tracking under the rules', () => {
    const { s, input } = tracking('major');
    expect(checkDecision(s, 'bulletinIssued', people.monitor, {})).toMatchObject({ ok: false, code: 'forbidden' });
    decide(s, input, 'bulletinIssued', people.office, { note: '上级要求即报' });
    expect(s.tracking?.requested).toMatchObject({ by: { id: people.office.id }, note: '上级要求即报', at: new Date(NOW + 60_000).toISOString() });
    expect(s.timeline.at(-1)?.text).toBe('立即发出通报｜第1期（上级要求即报）');
    // the workflow issues it and clears the request; until then another is not open
    expect(checkDecision(s, 'bulletinIssued', people.leader, {})).toMatchObject({ ok: false, code: 'not-pending' });
    expect(checkDecision(tracking('major', false).s, 'bulletinIssued', people.office, {})).toMatchObject({ ok: false, code: 'not-pending' });
    expect(checkDecision(stateFor('major').s, 'bulletinIssued', people.office, {})).toMatchObject({ ok: false, code: 'not-pending' });
  });

  it.each(['significant', 'major', 'critical'] as const)('%s is not stabilised before its first bulletin, and is after', (severity) => {
    const { s, input } = tracking(severity);
    expect(pendingDecisions(s).map((p) => p.name)).not.toContain('stabilised');
    expect(checkDecision(s, 'stabilised', people.leader, { reason: '热度下降' })).toMatchObject({
      ok: false,
      code: 'not-pending',
      message: '较大及以上的舆情须先发出第一期《网络舆情通报》，才能确认平稳',
    });
    s.seq.bulletin = 1;
    expect(pendingDecisions(s).map((p) => p.name)).toContain('stabilised');
    decide(s, input, 'stabilised', people.leader, { reason: '热度下降' });
    expect(s.stabilisedAt).toBeDefined();
    // the step is still active while a bulletin in flight returns: stabilisation is not offered twice
    expect(pendingDecisions(s).map((p) => p.name)).not.toContain('stabilised');
  });

  it('a general incident, and a run from before the rules, are stabilised at once', () => {
    expect(checkDecision(tracking('general').s, 'stabilised', people.leader, { reason: '平稳' }).ok).toBe(true);
    expect(checkDecision(tracking('major', false).s, 'stabilised', people.leader, { reason: '平稳' }).ok).toBe(true);
  });

  it('a returned summary keeps the draft and the reason, and its deadline reads returned until the resubmission meets it', () => {
    const { s, input } = summarizing();
    const summary = () => s.deadlines.find((d) => d.kind === 'summary')!;
    decide(s, input, 'summarySubmitted', people.handler, { lessons: '快报事实。', body: '初稿' }, NOW + 60_000);
    expect(summary().metAt).toBe(new Date(NOW + 60_000).toISOString());
    // a return needs its reason
    expect(checkDecision(s, 'summaryDecided', people.leader, { approve: false })).toMatchObject({ ok: false, code: 'invalid', message: '意见：退回须说明理由' });
    decide(s, input, 'summaryDecided', people.leader, { approve: false, comment: '缺少问责情况' }, NOW + 120_000);
    expect(s.summary).toMatchObject({ lessons: '快报事实。', body: '初稿', decision: 'returned', comment: '缺少问责情况', decidedBy: { id: people.leader.id }, decidedAt: new Date(NOW + 120_000).toISOString() });
    expect(summary()).toMatchObject({ returnedAt: new Date(NOW + 120_000).toISOString() });
    expect(summary().metAt).toBeUndefined();
    expect(pendingDecisions(s).map((p) => p.name)).toContain('summarySubmitted');

    decide(s, input, 'summarySubmitted', people.handler, { lessons: '快报事实，依规问责。', body: '修改稿' }, NOW + 180_000);
    expect(summary().metAt).toBe(new Date(NOW + 180_000).toISOString());
    expect(summary().returnedAt).toBeUndefined();
    expect(s.deadlines.filter((d) => d.kind === 'summary')).toHaveLength(1);
  });

  it('a resubmission after the due time is late, counted from the due time', () => {
    const { s, input } = summarizing();
    const due = Date.parse(s.deadlines.find((d) => d.kind === 'summary')!.dueAt);
    decide(s, input, 'summarySubmitted', people.handler, { lessons: '初稿' }, NOW + 60_000);
    decide(s, input, 'summaryDecided', people.leader, { approve: false, comment: '重写' }, due + 60_000);
    const applied = decide(s, input, 'summarySubmitted', people.handler, { lessons: '修改稿' }, due + 10 * 60_000);
    expect(applied.late).toHaveLength(1);
    expect(s.deadlines.find((d) => d.kind === 'summary')).toMatchObject({ lateByMinutes: 10 });
  });

  it('before the rules a return leaves the summary deadline met and needs no reason', () => {
    const { s, input } = summarizing(false);
    decide(s, input, 'summarySubmitted', people.handler, { lessons: '初稿' }, NOW + 60_000);
    decide(s, input, 'summaryDecided', people.leader, { approve: false }, NOW + 120_000);
    expect(s.deadlines.find((d) => d.kind === 'summary')).toMatchObject({ metAt: new Date(NOW + 60_000).toISOString() });
    expect(s.deadlines.find((d) => d.kind === 'summary')?.returnedAt).toBeUndefined();
  });

  it('actions such as accountability are still recorded while the summary is written', () => {
    const { s, input } = summarizing();
    decide(s, input, 'actionRecorded', people.handler, { kind: 'accountability', description: '对值班人员诫勉谈话' });
    expect(s.actions.at(-1)).toMatchObject({ kind: 'accountability', by: { id: people.handler.id } });
    expect(checkDecision(summarizing(false).s, 'actionRecorded', people.handler, { kind: 'accountability', description: '诫勉谈话' })).toMatchObject({ ok: false, code: 'not-pending' });
    // the other standing decisions still end with handling
    expect(checkDecision(s, 'responseRecorded', people.handler, { kind: 'statement', content: '声明', channel: '官网' })).toMatchObject({ ok: false, code: 'not-pending' });
  });

  it('refusals name the field and the rule in Chinese', () => {
    const { s } = stateFor('major');
    expect(checkDecision(s, 'reportFiled', people.handler, { channel: 'fax', to: '' })).toMatchObject({
      ok: false,
      message: '渠道：须为以下之一：口头、书面；上报对象：不能为空',
      issues: [
        { field: 'channel', message: '渠道：须为以下之一：口头、书面' },
        { field: 'to', message: '上报对象：不能为空' },
      ],
    });
    expect(checkDecision(s, 'escalate', people.handler, { severity: 'significant', reason: 'x' })).toMatchObject({ message: '级别：升级须高于目前级别（重大）' });
    expect(checkDecision(s, 'planDecided', people.handler, { approve: true })).toMatchObject({ code: 'forbidden', message: '「审批处置方案」须由分管领导决定' });
  });
});

describe('the office drafts, leadership decides (office-drafts-leaders-decide)', () => {
  const PLAN = {
    measures: '后勤处当日核实并整改',
    messageLine: '高度重视、正在核实、及时公布',
    assignments: [{ who: '后勤处', task: '核实整改' }],
    publicationPlan: '核实后24小时内发布情况说明',
  };
  const both: UserRef = { id: 'dual', name: '兼任主任', roles: ['handler', 'approver'] };
  const officeDrafting = (severity: keyof typeof METRICS_FOR = 'major', category: 'inquiry' | 'hype' = 'hype') => {
    const made = stateFor(severity, category);
    made.s.officeDrafts = true;
    return made;
  };
  const pendingNames = (s: IncidentState) => pendingDecisions(s).map((p) => p.name);

  it('leadership decides only on a plan the office drafted, never on its own draft, never returning without a reason', () => {
    const { s, input } = officeDrafting();
    expect(pendingNames(s)).toContain('planDrafted');
    expect(checkDecision(s, 'planDecided', people.leader, { approve: true })).toMatchObject({ ok: false, code: 'not-pending' });
    expect(checkDecision(s, 'planDrafted', people.leader, PLAN)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkDecision(s, 'planDrafted', people.office, { ...PLAN, assignments: [] })).toMatchObject({ ok: false, issues: [{ field: 'assignments' }] });

    decide(s, input, 'planDrafted', both, PLAN);
    expect(s.plan).toMatchObject({ ...PLAN, revision: 1, draftedBy: { id: 'dual' }, draftHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(s.plan?.decision).toBeUndefined();
    expect(pendingNames(s)).not.toContain('planDrafted');
    expect(checkDecision(s, 'planDecided', both, { approve: true })).toMatchObject({ ok: false, code: 'separation' });
    expect(checkDecision(s, 'planDecided', people.leader, { approve: false })).toMatchObject({ ok: false, code: 'invalid', issues: [{ field: 'comment', rule: 'required to return' }] });
    expect(checkDecision(s, 'planDecided', people.leader, { approve: false, comment: '   ' })).toMatchObject({ ok: false, issues: [{ field: 'comment' }] });
    // leadership no longer writes the plan itself
    expect(checkDecision(s, 'planDecided', people.leader, { approve: true, plan: '改由领导拟定' })).toMatchObject({ ok: false, issues: [{ field: 'plan' }] });
  });

  it('a returned plan goes back to its drafter with the reason; the new draft is decided on as drafted, not as seen before', () => {
    const { s, input } = officeDrafting();
    decide(s, input, 'planDrafted', people.office, PLAN);
    const first = s.plan!.draftHash!;
    decide(s, input, 'planDecided', people.leader, { approve: false, comment: '口径需与县委一致' });
    expect(s.plan).toMatchObject({ decision: 'rejected', comment: '口径需与县委一致' });
    expect(pendingNames(s)).toContain('planDrafted');
    expect(pendingNames(s)).not.toContain('planDecided');
    expect(s.timeline.at(-1)?.text).toBe('审批处置方案｜退回处置方案（第1稿）：口径需与县委一致');

    decide(s, input, 'planDrafted', people.office, { ...PLAN, messageLine: '按县委统一口径' });
    expect(s.plan).toMatchObject({ revision: 2, messageLine: '按县委统一口径', previous: PLAN, decisions: [{ approve: false }] });
    expect(s.plan?.decision).toBeUndefined();
    expect(admitDecision(s, 'planDecided', { approve: true, draftHash: first, by: people.leader })).toMatchObject({ ok: false, refusal: { code: 'stale-draft' } });
    decide(s, input, 'planDecided', people.leader2, { approve: true });
    expect(s.plan).toMatchObject({ decision: 'approved', approvedBy: { id: people.leader2.id } });
    expect(s.plan?.decisions?.map((d) => [d.approve, d.by.id, d.draftHash])).toEqual([
      [false, people.leader.id, first],
      [true, people.leader2.id, s.plan?.draftHash],
    ]);
    expect(pendingNames(s).filter((n) => n.startsWith('plan'))).toEqual([]);
  });

  it('a rise after approval asks the office for a plan for the new grade', () => {
    const { s, input } = officeDrafting('significant');
    decide(s, input, 'reportFiled', people.handler, { channel: 'written', to: '县委宣传部' });
    s.steps.monitor.status = 'done';
    s.steps.verify.status = s.steps.coordinate.status = 'active';
    decide(s, input, 'escalate', people.handler, { severity: 'major', reason: '央媒转载' });
    expect(pendingNames(s)).toContain('planDrafted');
    decide(s, input, 'planDrafted', people.office, PLAN);
    decide(s, input, 'planDecided', people.leader, { approve: true });
    expect(pendingNames(s)).toContain('actionRecorded');
    decide(s, input, 'escalate', people.handler, { severity: 'critical', reason: '出现伤亡' });
    expect(pendingNames(s)).toContain('planDrafted');
    expect(pendingNames(s)).not.toContain('planDecided');
  });

  it('without the rule, leadership writes and approves the plan in one decision, and the office drafts none', () => {
    const { s, input } = stateFor('major', 'hype');
    expect(pendingNames(s)).not.toContain('planDrafted');
    decide(s, input, 'planDecided', people.leader, { approve: false });
    expect(s.plan).toMatchObject({ decision: 'rejected', text: '' });
    decide(s, input, 'planDecided', people.leader, { approve: true, plan: '按重大舆情处置' });
    expect(s.plan).toMatchObject({ decision: 'approved', text: '按重大舆情处置' });
  });

  it('a response counts, and meets the initial-response and reply deadlines, only once someone else in leadership approved it', () => {
    const { s, input } = officeDrafting('general', 'inquiry');
    const due = (kind: string) => s.deadlines.find((d) => d.kind === kind)!;
    s.steps.guide.status = 'active';
    decide(s, input, 'responseRecorded', both, { kind: 'netizenReply', content: '已收到，正在核实。', channel: '留言板' });
    expect(s.responses[0]).toMatchObject({ no: 1, status: 'drafted', draftHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(due('initialResponse').metAt).toBeUndefined();
    expect(due('netizenReply').metAt).toBeUndefined();
    expect(pendingDecisions(s).find((p) => p.name === 'responseApproved')).toMatchObject({ responseNo: 1, excludedUsers: ['dual'] });
    expect(checkDecision(s, 'responseApproved', both, { responseNo: 1, approve: true })).toMatchObject({ ok: false, code: 'separation' });
    expect(checkDecision(s, 'responseApproved', people.handler, { responseNo: 1, approve: true })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkDecision(s, 'responseApproved', people.leader, { responseNo: 1, approve: false })).toMatchObject({ ok: false, issues: [{ field: 'comment' }] });
    expect(checkDecision(s, 'responseApproved', people.leader, { responseNo: 2, approve: true })).toMatchObject({ ok: false, code: 'not-pending', message: expect.stringContaining('第2号回应') });

    decide(s, input, 'responseApproved', people.leader, { responseNo: 1, approve: false, comment: '语气生硬' });
    expect(s.responses[0]?.status).toBe('returned');
    expect(pendingDecisions(s).filter((p) => p.name === 'responseRecorded').map((p) => p.responseNo)).toEqual([undefined, 1]);
    decide(s, input, 'responseRecorded', both, { responseNo: 1, kind: 'netizenReply', content: '感谢关注，经核实……', channel: '留言板' });
    expect(s.responses).toHaveLength(1);
    expect(s.responses[0]).toMatchObject({ status: 'drafted', previous: { content: '已收到，正在核实。' } });
    expect(due('initialResponse').metAt).toBeUndefined();

    decide(s, input, 'responseApproved', people.leader, { responseNo: 1, approve: true });
    expect(s.responses[0]).toMatchObject({ status: 'approved', approvedAt: new Date(NOW + 60_000).toISOString() });
    expect(due('initialResponse').metAt).toBeDefined();
    expect(due('netizenReply').metAt).toBeDefined();
  });

  it('a reply recorded as a coordination action does not meet the reply deadline by itself', () => {
    const { s, input } = officeDrafting('general', 'inquiry');
    s.steps.coordinate.status = 'active';
    decide(s, input, 'actionRecorded', people.handler, { kind: 'reply', description: '电话答复' });
    expect(s.deadlines.find((d) => d.kind === 'netizenReply')?.metAt).toBeUndefined();
  });

  it('without the rule, a response counts as soon as it is recorded', () => {
    const { s, input } = stateFor('general', 'inquiry');
    decide(s, input, 'responseRecorded', people.office, { kind: 'netizenReply', content: '已答复', channel: '留言板' });
    expect(s.responses[0]?.status).toBeUndefined();
    expect(s.deadlines.find((d) => d.kind === 'initialResponse')?.metAt).toBeDefined();
    expect(pendingNames(s)).not.toContain('responseApproved');
  });

  it('a re-drafted release keeps the returned version beside it for its reviewers', () => {
    const { s, input } = officeDrafting();
    s.steps.publish.status = 'active';
    const release = { kind: 'facts', title: '通报', body: '第一版', channels: ['官网'] };
    decide(s, input, 'releaseDrafted', people.handler, release);
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: false, comment: '改' });
    decide(s, input, 'releaseDrafted', people.handler, { ...release, releaseNo: 1, body: '第二版' });
    expect(s.releases[0]).toMatchObject({ body: '第二版', previous: release });
  });

  it('marks a plan drafted unsigned, and the unsigned decision on it', () => {
    const { s, input } = officeDrafting();
    const admitted = checkDecision(s, 'planDrafted', people.office, PLAN);
    if (!admitted.ok) throw new Error(admitted.message);
    applyDecision(s, input.policy, 'planDrafted', admitted.payload, { nowMs: NOW, signed: false, bindDrafts: true, reopenOnRise: true });
    const decision = checkDecision(s, 'planDecided', people.leader, { approve: true });
    if (!decision.ok) throw new Error(decision.message);
    applyDecision(s, input.policy, 'planDecided', decision.payload, { nowMs: NOW, signed: false, bindDrafts: true, reopenOnRise: true });
    expect(s.plan).toMatchObject({ unsigned: true, decision: 'approved', decisions: [{ unsigned: true }] });
  });
});

describe('an English incident', () => {
  const HAN = /\p{Script=Han}/u;
  const english = (severity: 'general' | 'major' = 'major') => {
    const made = stateFor(severity, 'hype');
    made.s.script = 'en';
    made.s.officeDrafts = true;
    made.s.deadlines.forEach((d) => (d.label = label('deadline', d.kind, 'en')));
    made.s.pendingDecisions = pendingDecisions(made.s);
    return made;
  };

  it('refuses in English: a role that may not, its own rules broken, a malformed payload', () => {
    const { s } = english();
    expect(checkDecision(s, 'planDecided', people.handler, { approve: true })).toMatchObject({ ok: false, code: 'forbidden', message: '"Decide handling plan" is for the leadership to decide' });
    expect(checkDecision(s, 'escalate', people.leader, { severity: 'general', reason: 'r' })).toMatchObject({ ok: false, message: 'Severity: must be higher than the current severity' });
    const malformed = checkDecision(s, 'reportFiled', people.handler, { channel: 'fax', to: '' });
    expect(malformed.ok).toBe(false);
    if (malformed.ok) return;
    expect(HAN.test(malformed.message)).toBe(false);
  });

  it('writes its timeline in English, an unsigned decision marked so', () => {
    const { s, input } = english();
    decide(s, input, 'reportFiled', people.handler, { kind: 'first', channel: 'written', recipients: ['superiorDepartment'], document: 'special' });
    expect(s.timeline.at(-1)!.text).toMatch(/^Record report upward \| First report, written report to Superior department, with the Special report/);
    const check = checkDecision(s, 'planDrafted', people.office, { measures: 'm', messageLine: 'l', assignments: [{ who: 'w', task: 't' }], publicationPlan: 'p' });
    if (!check.ok) throw new Error(check.message);
    applyDecision(s, input.policy, 'planDrafted', check.payload, { nowMs: NOW + 60_000, signed: false, bindDrafts: true, reopenOnRise: true });
    expect(s.timeline.at(-1)!.text).toBe('Draft handling plan | Drafted the handling plan (draft 1) (unsigned, sent straight to Temporal)');
    // the registration before it was made English is the fixture's
    expect(s.timeline.slice(1).filter((e) => HAN.test(e.text))).toEqual([]);
  });
});
