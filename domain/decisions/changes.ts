// State changes several decisions share: meeting a deadline, moving to another severity, and the
// hash that binds a review to the exact version it decides on.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Severity, UserRef } from '../model/schema';
import type { Deadline, IncidentState } from '../model/state';
import { meetDeadline, openDeadline, tightenDeadlines } from '../incident/deadline-book';
import { responseLevel, severityRank } from '../rules/grading';
import { canonicalJson } from '../rules/signature';
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

/** A verbal report at major/critical must be followed by a written one (SPEC §4). */
export function needsWrittenReport(s: IncidentState): boolean {
  return needsPlanApproval(s) && s.reports.some((r) => r.channel === 'verbal') && !s.reports.some((r) => r.channel === 'written');
}

/** Sets a new severity and moves the deadlines accordingly; shared by manual and metric escalation. */
export function changeSeverity(s: IncidentState, to: Severity, ctx: ApplyContext, reason: string, by: UserRef | 'metrics'): void {
  const from = s.severity;
  s.severity = to;
  s.responseLevel = responseLevel(to);
  s.escalations.push({ from, to, reason, by, at: ctx.at, ...(by === 'metrics' ? {} : ctx.mark) });
  if (severityRank(to) <= severityRank(from)) return;
  if (tightenDeadlines(s, ctx.policy).length) ctx.result.deadlinesChanged = true;
  // deadlines the lower grade did not have start now, counted from their usual start
  if (!s.releases.some((r) => r.status === 'published')) opened(ctx, openDeadline(s, ctx.policy, 'authoritativeRelease', Date.parse(s.incident.discoveredAt)));
  const verbal = s.reports.find((r) => r.channel === 'verbal');
  if (verbal && needsWrittenReport(s)) opened(ctx, openDeadline(s, ctx.policy, 'writtenReport', Date.parse(verbal.at)));
}

/** SHA-256 of a draft's content: what a reviewer saw is what their decision names. */
export function draftHash(content: object): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(content))));
}
