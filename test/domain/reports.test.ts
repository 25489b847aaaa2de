// The reports upward as the plans require (SPEC §4, §5): filed any number of times, each to named
// recipients; the recipients the grade requires stay owed until reached; forwarding to the
// department and an inquiry's 当日 opinion have deadlines of their own.
import { describe, expect, it } from 'vitest';
import { currentPolicy } from '../../config/policy';
import { pendingDecisions } from '../../domain/decisions/pending';
import { MAX_REPORTS } from '../../domain/decisions/monitor';
import { currentDetails } from '../../domain/incident/details';
import { initialState } from '../../domain/incident/initial-state';
import type { IncidentState } from '../../domain/model/state';
import { incidentInput, METRICS_FOR, people } from '../workflows/fixtures';
import { checkDecision, decide, NOW, stateFor } from './decide';

const reportOccasion = (s: IncidentState) => pendingDecisions(s).find((p) => p.name === 'reportFiled');
const openKinds = (s: IncidentState) => s.deadlines.filter((d) => !d.metAt && !d.cancelled).map((d) => d.kind);
const ALL_FIVE = ['partyOffice', 'superiorDepartment', 'cyberspace', 'propaganda', 'police'];
const realPolicy = () => ({ ...currentPolicy({ now: new Date(NOW) }), signing: { unsignedDecisions: 'reject' as const, keys: [], maxSkewSeconds: 300 } });

describe('recipients owed', () => {
  it('a critical sensitive item owes 党政办, 上级, 网信, 网宣 and 网警; a report to some leaves the rest pending', () => {
    const { s, input } = stateFor('critical', 'hype', { fields: { sensitive: { topics: ['food'], seriousImpact: false } } });
    expect(s.reportsOwed).toEqual(ALL_FIVE);
    expect(reportOccasion(s)).toMatchObject({ owed: ALL_FIVE });
    expect(reportOccasion(s)?.standing).toBeUndefined();

    decide(s, input, 'reportFiled', people.handler, { kind: 'first', channel: 'verbal', recipients: ['partyOffice', 'superiorDepartment'] });
    // the first report upward meets the report deadline; whom it has not reached stays owed
    expect(s.deadlines.find((d) => d.kind === 'report')?.metAt).toBeDefined();
    expect(s.reportsOwed).toEqual(['cyberspace', 'propaganda', 'police']);
    expect(reportOccasion(s)).toMatchObject({ owed: ['cyberspace', 'propaganda', 'police'] });
    expect(s.timeline.at(-1)?.text).toBe('登记上报｜首报，口头上报 党政办、上级业务部门；尚未报送：同级网信部门、宣传部门网宣、公安网警');
    expect(currentDetails(s, input.policy.calendar, NOW)).toContain('登记上报：同级网信部门、宣传部门网宣、公安网警（办公室及责任部门或分管领导）');

    decide(s, input, 'reportFiled', people.handler, { kind: 'writtenFollowUp', channel: 'written', recipients: ['partyOffice', 'superiorDepartment', 'cyberspace', 'propaganda', 'police'], document: 'special' });
    expect(s.reportsOwed).toEqual([]);
    expect(s.deadlines.find((d) => d.kind === 'writtenReport')?.metAt).toBeDefined();
    // nothing owed: a further report is open, but not awaited
    expect(reportOccasion(s)).toMatchObject({ standing: true });
    expect(currentDetails(s, input.policy.calendar, NOW)).not.toContain('登记上报');

    decide(s, input, 'reportFiled', people.handler, { kind: 'progress', channel: 'written', recipients: ['superiorDepartment'], document: 'bulletin', bulletinNo: 2 });
    decide(s, input, 'reportFiled', people.handler, { kind: 'final', channel: 'written', recipients: ['other'], otherRecipient: '市委办公室', document: 'none' });
    expect(s.reports.map((r) => r.kind)).toEqual(['first', 'writtenFollowUp', 'progress', 'final']);
    expect(s.reports[2]).toMatchObject({ document: 'bulletin', bulletinNo: 2, late: false });
    expect(s.timeline.at(-2)?.text).toBe('登记上报｜续报，书面上报 上级业务部门，附《网络舆情通报》第2期');
    expect(s.timeline.at(-1)?.text).toBe('登记上报｜终报，书面上报 市委办公室');
  });

  it('a major item owes three; a flagged topic adds 网宣 and 网警; significant owes the superior department', () => {
    expect(stateFor('major', 'hype').s.reportsOwed).toEqual(['partyOffice', 'superiorDepartment', 'cyberspace']);
    expect(stateFor('major', 'hype', { fields: { sensitive: { topics: ['health'], seriousImpact: false } } }).s.reportsOwed).toEqual(ALL_FIVE);
    expect(stateFor('significant', 'hype', { fields: { sensitive: { topics: ['health'], seriousImpact: false } } }).s.reportsOwed).toEqual(['superiorDepartment']);
  });

  it('a general item has no report deadline and owes no one, yet may file a report', () => {
    const { s, input } = stateFor('general', 'hype', { policy: realPolicy() });
    expect(s.reportsOwed).toEqual([]);
    expect(s.deadlines.some((d) => d.kind === 'report')).toBe(false);
    expect(reportOccasion(s)).toMatchObject({ standing: true });
    decide(s, input, 'reportFiled', people.handler, { kind: 'first', channel: 'written', recipients: ['other'], otherRecipient: '分管副区长' });
    expect(s.reports).toMatchObject([{ kind: 'first', recipients: ['other'], otherRecipient: '分管副区长', late: false }]);
  });

  it('a rise from general counts the report from the rise; a rise into major reports the new grade anew', () => {
    const { s, input } = stateFor('general', 'hype', { policy: realPolicy() });
    const rise = NOW + 60_000;
    decide(s, input, 'escalate', people.handler, { severity: 'significant', reason: '评论增多' }, rise);
    expect(s.deadlines.find((d) => d.kind === 'report')).toMatchObject({ startedAt: new Date(rise).toISOString(), dueAt: new Date(rise + 4 * 3600_000).toISOString() });
    expect(s.reportsOwed).toEqual(['superiorDepartment']);
    decide(s, input, 'reportFiled', people.handler, { kind: 'first', channel: 'written', recipients: ['superiorDepartment'] }, rise + 60_000);
    expect(s.reportsOwed).toEqual([]);

    decide(s, input, 'escalate', people.handler, { severity: 'major', reason: '主流媒体介入' }, rise + 120_000);
    expect(s.reportsOwed).toEqual(['partyOffice', 'superiorDepartment', 'cyberspace']);
    // back down: what the lower grade requires, counting the reports since the rise
    decide(s, input, 'reportFiled', people.handler, { kind: 'progress', channel: 'written', recipients: ['partyOffice'] }, rise + 180_000);
    decide(s, input, 'deescalate', people.leader, { severity: 'significant', reason: '热度下降' }, rise + 240_000);
    expect(s.reportsOwed).toEqual(['superiorDepartment']);
  });

  it('a general item reported before a rise to significant opens no report deadline', () => {
    const { s, input } = stateFor('general', 'hype', { policy: realPolicy() });
    decide(s, input, 'reportFiled', people.handler, { channel: 'written', recipients: ['superiorDepartment'] });
    decide(s, input, 'escalate', people.handler, { severity: 'significant', reason: '评论增多' });
    expect(s.deadlines.some((d) => d.kind === 'report')).toBe(false);
    expect(s.reportsOwed).toEqual([]);
  });
});

describe('the report decision', () => {
  it('names what a report lacks', () => {
    const { s } = stateFor('major', 'hype');
    expect(checkDecision(s, 'reportFiled', people.handler, { channel: 'written' })).toMatchObject({ ok: false, issues: [{ field: 'recipients', rule: 'required' }] });
    expect(checkDecision(s, 'reportFiled', people.handler, { channel: 'written', recipients: ['other'] })).toMatchObject({ ok: false, issues: [{ field: 'otherRecipient' }] });
    expect(checkDecision(s, 'reportFiled', people.handler, { channel: 'written', recipients: ['police'], bulletinNo: 3 })).toMatchObject({ ok: false, issues: [{ field: 'bulletinNo' }] });
    expect(checkDecision(s, 'reportFiled', people.handler, { channel: 'written', recipients: ['mayor'] })).toMatchObject({ ok: false, issues: [{ field: 'recipients.0' }] });
    expect(checkDecision(s, 'reportFiled', people.monitor, { channel: 'written', recipients: ['police'] })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('still takes the payload from before the recipients were named: its text is the recipient', () => {
    const { s, input } = stateFor('major', 'hype');
    decide(s, input, 'reportFiled', people.handler, { channel: 'written', to: '县委宣传部' });
    expect(s.reports).toMatchObject([{ channel: 'written', to: '县委宣传部' }]);
    expect(s.reports[0]?.recipients).toBeUndefined();
    expect(s.deadlines.find((d) => d.kind === 'report')?.metAt).toBeDefined();
    expect(s.reportsOwed).toEqual(['partyOffice', 'superiorDepartment', 'cyberspace']);
    expect(s.timeline.at(-1)?.text).toBe('登记上报｜书面上报 县委宣传部；尚未报送：党政办、上级业务部门、同级网信部门');
  });

  it(`is bounded at ${MAX_REPORTS} reports`, () => {
    const { s, input } = stateFor('general', 'hype');
    for (let i = 0; i < MAX_REPORTS; i++) decide(s, input, 'reportFiled', people.handler, { kind: 'progress', channel: 'written', recipients: ['superiorDepartment'] });
    expect(checkDecision(s, 'reportFiled', people.handler, { kind: 'progress', channel: 'written', recipients: ['superiorDepartment'] })).toMatchObject({ ok: false, code: 'not-pending' });
  });

  it('keeps its old occasions in an incident started before the reports the plans require', () => {
    const input = incidentInput({ fields: { metrics: METRICS_FOR.general, category: 'hype', discoveredAt: new Date(NOW).toISOString() } });
    const s = initialState(input, 'incident-old', NOW, { reportsAsPlans: false });
    expect(s.reportsOwed).toBeUndefined();
    expect(openKinds(s)).not.toContain('forward');
    decide(s, input, 'reportFiled', people.handler, { channel: 'written', to: '县委宣传部' });
    expect(reportOccasion(s)).toBeUndefined();
    expect(s.reportsOwed).toBeUndefined();
    expect(checkDecision(s, 'forwarded', people.handler, { department: '后勤处', channel: 'written' })).toMatchObject({ ok: false, code: 'not-pending' });
  });
});

describe('forwarding to the department (转达)', () => {
  it('opens from discovery at every grade and is met by the forwarding, which may be repeated', () => {
    const { s, input } = stateFor('critical', 'hype', { policy: realPolicy() });
    expect(s.deadlines.find((d) => d.kind === 'forward')).toMatchObject({ responsible: 'handler', label: '转达期限', dueAt: new Date(NOW + 3600_000).toISOString() });
    expect(pendingDecisions(s).find((p) => p.name === 'forwarded')?.standing).toBeUndefined();
    expect(checkDecision(s, 'forwarded', people.leader, { department: '后勤处', channel: 'written' })).toMatchObject({ ok: false, code: 'forbidden' });
    decide(s, input, 'forwarded', people.handler, { department: '后勤处', channel: 'verbal', note: '电话通知处长' });
    expect(s.deadlines.find((d) => d.kind === 'forward')?.metAt).toBe(new Date(NOW + 60_000).toISOString());
    expect(s.forwards).toMatchObject([{ department: '后勤处', channel: 'verbal', note: '电话通知处长', by: { id: people.handler.id } }]);
    expect(s.timeline.at(-1)?.text).toBe('登记转达｜口头转达 后勤处：电话通知处长');
    expect(pendingDecisions(s).find((p) => p.name === 'forwarded')).toMatchObject({ standing: true });
    decide(s, input, 'forwarded', people.handler, { department: '宣传部', channel: 'written' });
    expect(s.forwards).toHaveLength(2);
  });
});

describe('the 当日 handling opinion on an inquiry', () => {
  it('falls due at the close of the working day it was found, and only for inquiries', () => {
    // NOW is Tuesday 10:00 in Shanghai
    const { s } = stateFor('general', 'inquiry', { policy: realPolicy() });
    expect(s.deadlines.find((d) => d.kind === 'inquiryOpinion')).toMatchObject({ label: '当日处理意见期限', responsible: 'handler', dueAt: '2026-11-24T10:00:00.000Z' });
    expect(stateFor('general', 'hype', { policy: realPolicy() }).s.deadlines.some((d) => d.kind === 'inquiryOpinion')).toBe(false);
    const evening = stateFor('general', 'inquiry', { policy: realPolicy(), fields: { discoveredAt: '2026-11-24T11:30:00Z' } }).s;
    expect(evening.deadlines.find((d) => d.kind === 'inquiryOpinion')?.dueAt).toBe('2026-11-25T10:00:00.000Z');
  });

  it('is met by the first recorded measure, or by a reply to the netizen', () => {
    const { s, input } = stateFor('general', 'inquiry', { policy: realPolicy() });
    s.steps.coordinate.status = 'active';
    decide(s, input, 'actionRecorded', people.handler, { kind: 'offlineResolution', description: '后勤处当日提出整改意见' });
    expect(s.deadlines.find((d) => d.kind === 'inquiryOpinion')?.metAt).toBeDefined();
    const replied = stateFor('general', 'inquiry', { policy: realPolicy() });
    decide(replied.s, replied.input, 'responseRecorded', people.handler, { kind: 'netizenReply', content: '已答复', channel: '留言板' });
    expect(replied.s.deadlines.find((d) => d.kind === 'inquiryOpinion')?.metAt).toBeDefined();
  });

  it('opens when an alert is confirmed as an inquiry', () => {
    const input = incidentInput({ fields: { category: 'hype', discoveredAt: new Date(NOW).toISOString() }, policy: realPolicy() });
    const s = initialState({ ...input, origin: { sourceSystem: '监测平台', url: 'https://weibo.example/post/1', seenAt: new Date(NOW).toISOString() } }, 'alert', NOW);
    expect(openKinds(s)).not.toContain('inquiryOpinion');
    decide(s, input, 'assessed', people.monitor, { confirm: true, category: 'inquiry' });
    expect(openKinds(s)).toContain('inquiryOpinion');
  });
});

describe('a snapshot from before forwarding and recipients existed', () => {
  it('opens no forwarding or 当日 deadline and owes no recipient', () => {
    const input = incidentInput({ fields: { metrics: METRICS_FOR.critical, category: 'inquiry', discoveredAt: new Date(NOW).toISOString() } });
    const { forward: _f, inquiryOpinion: _o, ...deadlines } = input.policy.deadlines;
    const old = { ...input, policy: { ...input.policy, deadlines, reportRecipients: undefined as never } };
    const s = initialState(old, 'old-snapshot', NOW);
    expect(openKinds(s)).not.toContain('forward');
    expect(openKinds(s)).not.toContain('inquiryOpinion');
    expect(s.reportsOwed).toEqual([]);
  });
});
