import { describe, expect, it } from 'vitest';
import { initialState } from '../../domain/incident/initial-state';
import { admitDecision, ALWAYS_SIGNED } from '../../domain/decisions/admission';
import { pendingDecisions } from '../../domain/decisions/pending';
import type { UserRef } from '../../domain/model/schema';
import { METRICS_FOR, people } from '../workflows/fixtures';
import { checkDecision, decide, NOW, stateFor } from './decide';

describe('admitDecision', () => {
  it('revokes only a trusted key, never the last one, and never trusts a revoked key again', () => {
    const { s, input } = stateFor();
    const admin: UserRef = { id: 'root', name: '管理員', roles: ['admin'] };
    const [only] = s.signing.keyIds;
    expect(checkDecision(s, 'signingKeyRevoked', admin, { keyId: only, reason: '遺失' })).toMatchObject({ ok: false, issues: [{ field: 'keyId', rule: 'cannot revoke the last trusted key' }] });
    expect(checkDecision(s, 'signingKeyRevoked', admin, { keyId: 'nobody', reason: '遺失' })).toMatchObject({ ok: false, issues: [{ field: 'keyId', rule: 'must be a key the incident trusts' }] });
    expect(checkDecision(s, 'signingKeyRevoked', people.leader, { keyId: only, reason: '遺失' })).toMatchObject({ ok: false, code: 'forbidden' });

    decide(s, input, 'signingKeyAdded', admin, { keyId: 'key-2', publicKey: 'ab'.repeat(32) });
    decide(s, input, 'signingKeyRevoked', admin, { keyId: only, reason: '遺失' });
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
    expect(checkDecision(s, 'stabilised', people.leader, { reason: '平穩' })).toMatchObject({ ok: false, code: 'not-pending' });
    expect(checkDecision(s, 'planDecided', people.leader, { approve: true })).toMatchObject({ ok: false, code: 'not-pending' });
  });

  it('keeps four eyes on releases: the drafter cannot review or approve', () => {
    const { s, input } = stateFor('major', 'hype');
    const both: UserRef = { id: 'boss', name: '兼任者', roles: ['handler', 'approver'] };
    s.steps.publish.status = 'active';
    s.pendingDecisions = pendingDecisions(s);
    decide(s, input, 'releaseDrafted', both, { kind: 'facts', title: '通報', body: '內容', channels: ['官網'] });
    expect(checkDecision(s, 'releaseReviewed', both, { releaseNo: 1, approve: true })).toMatchObject({ ok: false, code: 'separation' });
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: true });
    expect(checkDecision(s, 'releaseApproved', both, { releaseNo: 1, approve: true })).toMatchObject({ ok: false, code: 'separation' });
    expect(checkDecision(s, 'releaseApproved', people.leader, { releaseNo: 1, approve: true }).ok).toBe(true);
  });

  it('lets a returned release be re-drafted under its number and reviewed again', () => {
    const { s, input } = stateFor('major', 'hype');
    s.steps.publish.status = 'active';
    s.pendingDecisions = pendingDecisions(s);
    decide(s, input, 'releaseDrafted', people.handler, { kind: 'facts', title: '通報', body: '內容', channels: ['官網'] });
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: false, comment: '措辭不妥' });
    expect(s.releases[0]?.status).toBe('returned');
    expect(checkDecision(s, 'releaseReviewed', people.office, { releaseNo: 1, approve: true })).toMatchObject({ code: 'not-pending' });
    decide(s, input, 'releaseDrafted', people.handler, { releaseNo: 1, kind: 'facts', title: '通報（修改）', body: '內容', channels: ['官網'] });
    expect(s.releases).toHaveLength(1);
    expect(s.releases[0]).toMatchObject({ status: 'drafted', title: '通報（修改）' });
    expect(s.releases[0]?.reviews).toHaveLength(1);
  });

  it('binds a review to the draft it saw: a decision on an earlier version is refused as stale', () => {
    const { s, input } = stateFor('major', 'hype');
    s.steps.publish.status = 'active';
    decide(s, input, 'releaseDrafted', people.handler, { kind: 'facts', title: '通報', body: '第一版', channels: ['官網'] });
    const first = pendingDecisions(s).find((p) => p.name === 'releaseReviewed')!.draftHash!;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    decide(s, input, 'releaseReviewed', people.office, { releaseNo: 1, approve: false, comment: '改' });
    decide(s, input, 'releaseDrafted', people.handler, { releaseNo: 1, kind: 'facts', title: '通報', body: '第二版', channels: ['官網'] });
    const stale = admitDecision(s, 'releaseReviewed', { releaseNo: 1, approve: true, draftHash: first, by: people.office });
    expect(stale).toMatchObject({ ok: false, refusal: { code: 'stale-draft', issues: [{ field: 'draftHash' }] } });
    expect(admitDecision(s, 'releaseReviewed', { releaseNo: 1, approve: true, by: people.office })).toMatchObject({ ok: false, refusal: { code: 'stale-draft' } });
    expect(checkDecision(s, 'releaseReviewed', people.office, { releaseNo: 1, approve: true }).ok).toBe(true);
  });

  it('never takes a withdrawal, a dismissal or a key change unsigned, even where unsigned decisions count', () => {
    const { s } = stateFor();
    const ctx = { workflowId: 'incident-test', keys: [], nowMs: NOW, maxSkewSeconds: 300, usedNonces: new Set<string>(), unsignedDecisions: 'accept-marked' as const, hashes: 'parsed' as const, alwaysSigned: ALWAYS_SIGNED };
    expect(admitDecision(s, 'withdraw', { reason: '無關', by: people.leader }, ctx)).toMatchObject({ ok: false, refusal: { code: 'unauthenticated' } });
    expect(admitDecision(s, 'reportFiled', { channel: 'written', to: '縣委', by: people.handler }, ctx)).toMatchObject({ ok: true, signed: false });
  });

  it('refuses a payload too deep or too large before anything walks it', () => {
    const { s } = stateFor();
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    expect(admitDecision(s, 'reportFiled', { channel: 'written', to: '縣委', by: people.handler, extra: deep })).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    const wide = { channel: 'written', to: '縣委', by: people.handler, extra: Array.from({ length: 10_000 }, () => 1) };
    expect(admitDecision(s, 'reportFiled', wide)).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    expect(admitDecision(s, 'reportFiled', { channel: 'written', to: '縣委', by: people.handler, extra: { a: { b: 1 } } }).ok).toBe(true);
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

    decide(s, input, 'escalate', people.handler, { severity: 'major', reason: '央媒轉載' });
    const reports = s.deadlines.filter((d) => d.kind === 'report');
    expect(reports).toHaveLength(2);
    expect(reports[1]).toMatchObject({ startedAt: new Date(NOW + 60_000).toISOString() });
    // the test policy's deadlines are plain seconds: the new report is due that long after the rise
    const major = input.policy.deadlines.report.major!;
    expect(Date.parse(reports[1]!.dueAt) - (NOW + 60_000)).toBe(major.amount * 1000);
    expect(pendingNow()).toEqual(expect.arrayContaining(['reportFiled', 'planDecided', 'findingsSubmitted']));
    // coordination waits for the plan; verification goes on
    expect(pendingNow()).not.toContain('actionRecorded');
    expect(s.timeline.at(-1)?.text).toContain('重新上報並審批處置方案');

    decide(s, input, 'planDecided', people.leader, { approve: true, plan: '按重大輿情處置' });
    // the superior department heard of it at significant: the major grade is reported anew, to all three
    expect(s.reportsOwed).toEqual(['partyOffice', 'superiorDepartment', 'cyberspace']);
    decide(s, input, 'reportFiled', people.handler, { kind: 'progress', channel: 'written', recipients: ['partyOffice', 'superiorDepartment', 'cyberspace'] });
    expect(pendingNow()).toEqual(expect.arrayContaining(['actionRecorded']));
    expect(pendingNow()).not.toContain('planDecided');
    expect(pendingNow()).not.toContain('reportFiled');

    // a further rise asks again
    decide(s, input, 'escalate', people.handler, { severity: 'critical', reason: '出現傷亡' });
    expect(pendingNow()).toEqual(expect.arrayContaining(['planDecided', 'reportFiled']));
  });

  it('what a new grade adds counts from the rise: a general incident raised to major', () => {
    const { s, input } = stateFor('general', 'hype');
    expect(s.deadlines.some((d) => d.kind === 'authoritativeRelease')).toBe(false);
    decide(s, input, 'escalate', people.handler, { severity: 'major', reason: '央媒轉載' });
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
    decide(s, input, 'findingsSubmitted', people.handler, { verdict: 'unfounded', facts: '不實' });
    expect(checkDecision(s, 'findingsReviewed', people.handler, { accept: true })).toMatchObject({ code: 'separation' });
  });

  it('platform reports and referrals are leadership decisions with a reason (SPEC §9)', () => {
    const { s } = stateFor();
    s.steps.coordinate.status = 'active';
    const fields = { kind: 'platformReport', description: '向平台舉報謠言' };
    expect(checkDecision(s, 'actionRecorded', people.handler, fields)).toMatchObject({ code: 'forbidden' });
    expect(checkDecision(s, 'actionRecorded', people.leader, fields)).toMatchObject({ code: 'invalid' });
    expect(checkDecision(s, 'actionRecorded', people.leader, { ...fields, reason: '捏造事實' }).ok).toBe(true);
  });

  it('escalation must go up and de-escalation down', () => {
    const { s } = stateFor('major');
    expect(checkDecision(s, 'escalate', people.handler, { severity: 'significant', reason: 'x' })).toMatchObject({ code: 'invalid' });
    expect(checkDecision(s, 'deescalate', people.leader, { severity: 'critical', reason: 'x' })).toMatchObject({ code: 'invalid' });
    expect(checkDecision(s, 'escalate', people.handler, { severity: 'critical', reason: '央媒轉載' }).ok).toBe(true);
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
    const applied = decide(fresh, input, 'escalate', people.handler, { severity: 'critical', reason: '央媒轉載' });
    expect(applied.deadlinesChanged).toBe(true);
    expect(Date.parse(fresh.deadlines.find((d) => d.kind === 'report')!.dueAt) - NOW).toBe(3600_000);
    decide(fresh, input, 'deescalate', people.leader, { severity: 'significant', reason: '誤判' });
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
