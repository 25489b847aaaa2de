// A scripted duty team: given an incident's state, the next decision a person would take, taken
// as the right person (never the drafter approving their own work). Used by the lifecycle tests
// and the benchmark.
import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { decisionSignals, stateQuery } from '../../workflows/incident/definitions';
import { missingActions, releaseRequired } from '../../domain/rules/categories';
import { signParsed } from '../../domain/decisions/admission';
import { responseCounts } from '../../domain/decisions/handling';
import type { DecisionName } from '../../domain/decisions/index';
import type { UserRef, Verdict } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { people, TEST_KEY } from './fixtures';

export interface Scenario {
  verdict: Verdict;
  /** releases to publish before stabilising (facts, then progress…) */
  releases: number;
  /** metrics updates sent during tracking */
  metricsUpdates: number;
}

export const DEFAULT_SCENARIO: Scenario = { verdict: 'confirmed', releases: 1, metricsUpdates: 0 };

export interface Step {
  name: DecisionName;
  by: UserRef;
  fields: Record<string, unknown>;
}

/** which release or response a decision is about */
interface About {
  releaseNo?: number;
  responseNo?: number;
}
const pending = (s: IncidentState, name: DecisionName, about: About = {}) =>
  s.pendingDecisions.find((p) => p.name === name && (about.releaseNo === undefined || p.releaseNo === about.releaseNo) && (about.responseNo === undefined || p.responseNo === about.responseNo));
/** pending and waited for: a report or a forwarding open only as a standing option is not sent */
const awaited = (s: IncidentState, name: DecisionName) => s.pendingDecisions.find((p) => p.name === name && p.expected);
/** a review names the exact version it saw, as the page does */
const seen = (s: IncidentState, name: DecisionName, about: About = {}) => {
  const draftHash = pending(s, name, about)?.draftHash;
  return draftHash ? { draftHash } : {};
};

/** The handling plan the office drafts in the lifecycle tests. */
export const PLAN_FIELDS = {
  measures: '责任部门当日核实，后勤处整改并公开说明。',
  messageLine: '高度重视、正在核实、及时公布。',
  assignments: [
    { who: '后勤处', task: '核实并整改' },
    { who: '宣传部', task: '起草通稿、答复网民' },
  ],
  publicationPlan: '核实后24小时内在官方网站、官方微博发布情况说明。',
};

const replyOwed = (s: IncidentState) => s.deadlines.some((d) => d.kind === 'netizenReply' && !d.cancelled && !d.metAt);
const counted = (s: IncidentState) => s.responses.some(responseCounts);

export function nextDecision(s: IncidentState, scenario: Scenario = DEFAULT_SCENARIO): Step | undefined {
  if (s.closed) return undefined;
  const { handler, office, leader } = people;
  if (awaited(s, 'forwarded')) return { name: 'forwarded', by: handler, fields: { department: s.incident.department, channel: 'written' } };
  const report = awaited(s, 'reportFiled');
  if (report) {
    const fields = { kind: s.reports.length ? 'progress' : 'first', channel: 'written', recipients: report.owed ?? ['superiorDepartment'], document: 'special' };
    return { name: 'reportFiled', by: handler, fields };
  }
  if (pending(s, 'planDrafted')) return { name: 'planDrafted', by: office, fields: PLAN_FIELDS };
  if (pending(s, 'planDecided')) return { name: 'planDecided', by: leader, fields: { approve: true, ...seen(s, 'planDecided') } };
  if (pending(s, 'findingsSubmitted')) {
    return { name: 'findingsSubmitted', by: handler, fields: { verdict: scenario.verdict, facts: '经核实，当日部分菜品保存不当。', evidence: ['https://evidence.example/1'] } };
  }
  if (pending(s, 'findingsReviewed')) return { name: 'findingsReviewed', by: office, fields: { accept: true, ...seen(s, 'findingsReviewed') } };
  const drafted = s.responses.find((r) => r.status === 'drafted');
  if (drafted && pending(s, 'responseApproved', { responseNo: drafted.no })) {
    return { name: 'responseApproved', by: leader, fields: { responseNo: drafted.no, approve: true, ...seen(s, 'responseApproved', { responseNo: drafted.no }) } };
  }
  // a reply to the netizen where one is owed (it also meets the 答复 deadline), a statement otherwise
  if (!drafted && s.steps.guide.status !== 'pending' && pending(s, 'responseRecorded') && (replyOwed(s) || (s.steps.guide.status === 'active' && !counted(s)))) {
    const kind = replyOwed(s) ? 'netizenReply' : 'statement';
    return { name: 'responseRecorded', by: office, fields: { kind, content: '已关注，正在核实。', channel: '官方微博' } };
  }
  if (s.findings?.accepted && pending(s, 'actionRecorded')) {
    const [need] = missingActions(s.category, s.findings.verdict, s.actions);
    if (need?.[0]) return { name: 'actionRecorded', by: handler, fields: { kind: need[0], description: '已按规定处理并答复。' } };
  }
  const release = s.releases.find((r) => r.status !== 'published' && r.status !== 'returned');
  if (release && pending(s, 'releaseReviewed')) return { name: 'releaseReviewed', by: office, fields: { releaseNo: release.no, approve: true, ...seen(s, 'releaseReviewed', { releaseNo: release.no }) } };
  if (release && pending(s, 'releaseApproved')) return { name: 'releaseApproved', by: leader, fields: { releaseNo: release.no, approve: true, ...seen(s, 'releaseApproved', { releaseNo: release.no }) } };
  const published = s.releases.filter((r) => r.status === 'published').length;
  const wantReleases = s.findings?.accepted && (releaseRequired(s.severity, s.category) || scenario.releases > 1) ? scenario.releases : 0;
  if (!release && published < wantReleases && pending(s, 'releaseDrafted')) {
    const kind = published === 0 ? 'facts' : published === wantReleases - 1 ? 'final' : 'progress';
    return { name: 'releaseDrafted', by: handler, fields: { kind, title: `情况通报（${published + 1}）`, body: '经核查，情况如下……', channels: ['官方网站', '官方微博'] } };
  }
  if (s.steps.track.status === 'active') {
    const sent = s.metricsHistory.length - 1;
    if (sent < scenario.metricsUpdates) {
      return { name: 'metricsUpdated', by: people.monitor, fields: { metrics: { ...s.incident.metrics, views: s.incident.metrics.views + 1 } } };
    }
    if (release) return undefined;
    if (pending(s, 'stabilised')) return { name: 'stabilised', by: leader, fields: { reason: '热度明显下降' } };
    // significant and above are stabilised only after a first bulletin: the office issues it at once
    if (s.seq.bulletin === 0 && pending(s, 'bulletinIssued')) return { name: 'bulletinIssued', by: office, fields: { note: '向上级通报处置进展' } };
  }
  if (pending(s, 'summarySubmitted')) return { name: 'summarySubmitted', by: handler, fields: { lessons: '及时核实、快报事实。' } };
  if (pending(s, 'summaryDecided')) return { name: 'summaryDecided', by: leader, fields: { approve: true, ...seen(s, 'summaryDecided') } };
  return undefined;
}

/** Polls the query until `done` holds; the state the workflow shows right after a signal. */
export async function waitForState(handle: WorkflowHandle, done: (s: IncidentState) => boolean, timeoutMs = 30_000): Promise<IncidentState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await handle.query(stateQuery);
    if (done(s)) return s;
    if (Date.now() > until) throw new Error(`state not reached within ${timeoutMs} ms; step ${s.currentStep}, last: ${s.timeline.at(-1)?.text}`);
    await sleep(25);
  }
}

/** Sends a decision signed like the API signs it (`signed: false` sends it as the Temporal UI would). */
export async function send(handle: WorkflowHandle, step: Step, opts: { signed?: boolean } = {}): Promise<void> {
  const payload = { ...step.fields, by: step.by };
  const signed =
    opts.signed === false
      ? payload
      : signParsed(step.name, payload, { workflowId: handle.workflowId, keyId: TEST_KEY.keyId, privateKey: TEST_KEY.privateKey, issuedAt: new Date().toISOString(), nonce: randomUUID() });
  await handle.signal(decisionSignals[step.name], signed);
}

/** Sends a review or approval naming the version the incident awaits it on, as the page does. */
export async function sendAsSeen(handle: WorkflowHandle, step: Step): Promise<void> {
  const s = await handle.query(stateQuery);
  await send(handle, { ...step, fields: { ...seen(s, step.name, step.fields as About), ...step.fields } });
}

/** The office drafts the plan, someone in leadership approves the version drafted (major, critical). */
export async function approvePlan(handle: WorkflowHandle, fields: Record<string, unknown> = PLAN_FIELDS): Promise<IncidentState> {
  await waitForState(handle, (s) => !!pending(s, 'planDrafted'));
  await send(handle, { name: 'planDrafted', by: people.office, fields });
  const s = await waitForState(handle, (x) => !!pending(x, 'planDecided'));
  await send(handle, { name: 'planDecided', by: people.leader, fields: { approve: true, ...seen(s, 'planDecided') } });
  return waitForState(handle, (x) => x.plan?.decision === 'approved');
}

/** Drives the incident as the duty team would until `done` holds (or it closes); returns that state. */
export async function driveUntil(
  handle: WorkflowHandle,
  done: (s: IncidentState) => boolean,
  scenario: Scenario = DEFAULT_SCENARIO,
  opts: {
    timeoutMs?: number;
    onState?: (s: IncidentState) => void;
    onDecision?: (step: Step, visibleAfterMs: number) => void;
    /** the decision as the team sends it: e.g. its people and texts in another language */
    rewrite?: (step: Step) => Step;
  } = {},
): Promise<IncidentState> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const until = Date.now() + timeoutMs;
  let s = await handle.query(stateQuery);
  while (!s.closed && !done(s)) {
    opts.onState?.(s);
    if (Date.now() > until) throw new Error(`incident not driven there within ${timeoutMs} ms; step ${s.currentStep}`);
    const next = nextDecision(s, scenario);
    const step = next && opts.rewrite ? opts.rewrite(next) : next;
    const seen = s.timeline.length;
    const version = JSON.stringify([s.steps, s.releases.map((r) => r.status), s.documents.length]);
    const sentAt = performance.now();
    if (step) await send(handle, step);
    // after a decision, its own timeline entry: a change made meanwhile by something else (an
    // activity finishing) does not mean the decision was taken, and deciding again on that state
    // would send it twice
    const changed = step
      ? (n: IncidentState) => n.timeline.slice(seen).some((e) => e.decision === step.name) || !!n.closed
      : (n: IncidentState) => n.timeline.length > seen || JSON.stringify([n.steps, n.releases.map((r) => r.status), n.documents.length]) !== version || !!n.closed;
    s = await waitForState(handle, changed);
    // decision-to-visible: from sending the signal to the first query that shows its effect
    if (step) opts.onDecision?.(step, performance.now() - sentAt);
  }
  return s;
}

/** Drives the incident to its end; returns the final state. */
export async function driveToEnd(handle: WorkflowHandle, scenario: Scenario = DEFAULT_SCENARIO, opts: Parameters<typeof driveUntil>[3] = {}): Promise<IncidentState> {
  await driveUntil(handle, () => false, scenario, opts);
  return handle.result();
}
