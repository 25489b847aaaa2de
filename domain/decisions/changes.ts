// State changes several decisions share: meeting a deadline, moving to another severity, and the
// hash that binds a review to the exact version it decides on.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Severity, UserRef } from '../model/schema';
import type { Deadline, IncidentState } from '../model/state';
import { meetDeadline, openDeadline, openDeadlines, reopenDeadline, tightenDeadlines } from '../incident/deadline-book';
import { responseLevel, severityRank } from '../rules/grading';
import { canonicalJson } from '../rules/signature';
import { reportsAsPlans, settleOwed } from './report-recipients';
import type { ApplyContext } from './spec';

export function meet(ctx: ApplyContext, s: IncidentState, kind: Deadline['kind']): void {
  const before = s.deadlines.filter((d) => d.metAt).length;
  const late = meetDeadline(s, kind, ctx.nowMs);
  if (late) ctx.result.late.push(late);
  if (s.deadlines.filter((d) => d.metAt).length !== before) ctx.result.deadlinesChanged = true;
}

export function opened(ctx: ApplyContext, deadline: Deadline | undefined): void {
  if (deadline) ctx.result.deadlinesChanged = true;
}

export function needsPlanApproval(s: Pick<IncidentState, 'severity'>): boolean {
  return s.severity === 'major' || s.severity === 'critical';
}

/** An approved plan counts until a rise into major or critical outgrows it. */
export function planApproved(s: IncidentState): boolean {
  return s.plan?.decision === 'approved' && !s.plan.outgrown;
}

/**
 * After a rise into major or critical, coordination and publication wait for leadership's approval
 * of the plan again (篇二十/第一篇: 按照重大舆情应对处置流程办理); verification goes on meanwhile.
 */
export function handlingCleared(s: IncidentState): boolean {
  return !s.majorSince || !needsPlanApproval(s) || planApproved(s);
}

/**
 * Step 1 waits for the report upward: before the reports the plans require, for any report; since,
 * for the report deadline to be met, so a grade without one (general: 酌情适时) does not wait.
 */
export function reportedEnough(s: IncidentState): boolean {
  return reportsAsPlans(s) ? openDeadlines(s, ['report']).length === 0 : s.reports.length > 0;
}

/** A verbal report at major/critical must be followed by a written one (SPEC §4). */
export function needsWrittenReport(s: IncidentState): boolean {
  return needsPlanApproval(s) && s.reports.some((r) => r.channel === 'verbal') && !s.reports.some((r) => r.channel === 'written');
}

/**
 * Sets a new severity and moves the deadlines accordingly; shared by manual and metric escalation
 * and by de-escalation. Says whether a rise re-opened the major process (a new report, a new plan
 * approval owed).
 */
export function changeSeverity(s: IncidentState, to: Severity, ctx: ApplyContext, reason: string, by: UserRef | 'metrics'): boolean {
  const from = s.severity;
  s.severity = to;
  s.responseLevel = responseLevel(to);
  s.escalations.push({ from, to, reason, by, at: ctx.at, ...(by === 'metrics' ? {} : ctx.mark) });
  const reopened = rise(s, from, ctx);
  // whom the new grade must be reported to; after a re-opened major process, reported anew
  settleOwed(s, ctx.policy);
  return reopened;
}

/** What a rise in grade adds: tighter deadlines, the new grade's own, and perhaps the major process again. */
function rise(s: IncidentState, from: Severity, ctx: ApplyContext): boolean {
  const to = s.severity;
  if (severityRank(to) <= severityRank(from)) return false;
  if (tightenDeadlines(s, ctx.policy).length) ctx.result.deadlinesChanged = true;
  // deadlines the lower grade did not have open now: counted from the rise (SPEC §4), or, in
  // histories from before the re-opened major process, from their usual start
  const since = (usual: number) => (ctx.reopenOnRise ? ctx.nowMs : usual);
  if (!s.releases.some((r) => r.status === 'published')) opened(ctx, openDeadline(s, ctx.policy, 'authoritativeRelease', since(Date.parse(s.incident.discoveredAt))));
  const verbal = s.reports.find((r) => r.channel === 'verbal');
  if (verbal && needsWrittenReport(s)) opened(ctx, openDeadline(s, ctx.policy, 'writtenReport', since(Date.parse(verbal.at))));
  // a grade with no report deadline (general) rising into one that has: due from the rise, unless already reported
  if (reportsAsPlans(s) && !s.reports.length) opened(ctx, openDeadline(s, ctx.policy, 'report', since(Date.parse(s.incident.discoveredAt))));
  if (!ctx.reopenOnRise || !needsPlanApproval(s)) return false;
  // the new grade is reported anew, counted from the rise, unless its report is still running
  s.majorSince = ctx.at;
  // by count, not time: a report and a rise in one workflow task share their instant
  if (reportsAsPlans(s)) s.reportsBeforeRise = s.reports.length;
  if (s.plan) s.plan.outgrown = to;
  opened(ctx, reopenDeadline(s, ctx.policy, 'report', ctx.nowMs));
  return true;
}

/** What the timeline adds when a rise re-opened the major process. */
export const REOPENED = '；按重大舆情流程重新上报并审批处置方案';
export const REOPENED_EN = '; reported again and the handling plan approved again, as for a major incident';

/** SHA-256 of a draft's content: what a reviewer saw is what their decision names. */
export function draftHash(content: object): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(content))));
}
