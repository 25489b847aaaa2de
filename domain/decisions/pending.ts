// Which decisions an incident is waiting for, who may take them, and whether one arriving now is
// acceptable. Pure: the API calls it before signalling (403/409), the workflow again on receipt.
import type { z } from 'zod';
import { decisionSchema, type DecisionName, type DecisionPayload, type Role, type UserRef } from '../model/schema';
import type { IncidentState, PendingDecision } from '../model/state';
import { LEADERSHIP_ACTIONS } from '../rules/categories';
import { DECISIONS } from './catalog';
import { severityRank } from '../rules/grading';

const active = (s: IncidentState, step: keyof IncidentState['steps']) => s.steps[step].status === 'active';
const reached = (s: IncidentState, step: keyof IncidentState['steps']) => s.steps[step].status !== 'pending';

function pending(name: DecisionName, extra: Partial<PendingDecision> = {}): PendingDecision {
  const info = DECISIONS[name];
  return { name, label: info.label, roles: info.roles, excludedUsers: [], ...extra };
}

export function needsPlanApproval(s: IncidentState): boolean {
  return s.severity === 'major' || s.severity === 'critical';
}

/** A verbal report at major/critical must be followed by a written one (SPEC §4). */
export function needsWrittenReport(s: IncidentState): boolean {
  return needsPlanApproval(s) && s.reports.some((r) => r.channel === 'verbal') && !s.reports.some((r) => r.channel === 'written');
}

export function pendingDecisions(s: IncidentState): PendingDecision[] {
  if (s.closed) return [];
  const out: PendingDecision[] = [];
  const handling = !reached(s, 'summarize');

  if (s.origin && !s.assessment) out.push(pending('assessed'));
  if (s.reports.length === 0 || needsWrittenReport(s)) out.push(pending('reportFiled'));
  if (active(s, 'monitor') && needsPlanApproval(s) && s.plan?.decision !== 'approved') out.push(pending('planDecided'));

  const f = s.findings;
  if (active(s, 'verify') && (!f || f.accepted === false)) out.push(pending('findingsSubmitted'));
  if (f && f.accepted === undefined) out.push(pending('findingsReviewed', { excludedUsers: [f.submittedBy.id] }));

  if (handling && reached(s, 'coordinate')) out.push(pending('actionRecorded'));
  if (handling) out.push(pending('responseRecorded'), pending('metricsUpdated'));

  if (handling && reached(s, 'publish') && s.steps.publish.status !== 'skipped') {
    const inFlight = s.releases.filter((r) => r.status !== 'published');
    if (!inFlight.some((r) => r.status !== 'returned')) out.push(pending('releaseDrafted'));
    for (const r of inFlight) {
      const excludedUsers = [r.draftedBy.id];
      if (r.status === 'returned') out.push(pending('releaseDrafted', { releaseNo: r.no }));
      if (r.status === 'drafted') out.push(pending('releaseReviewed', { releaseNo: r.no, excludedUsers }));
      if (r.status === 'reviewed') out.push(pending('releaseApproved', { releaseNo: r.no, excludedUsers }));
    }
  }

  if (handling && s.severity !== 'critical') out.push(pending('escalate'));
  if (handling && s.severity !== 'general') out.push(pending('deescalate'));

  const reply = s.deadlines.find((d) => d.kind === 'netizenReply' && !d.cancelled);
  if (reply && !reply.metAt && !s.replyExtension) out.push(pending('replyExtensionRequested'));
  if (s.replyExtension && !s.replyExtension.decision) {
    out.push(pending('replyExtensionDecided', { excludedUsers: [s.replyExtension.requestedBy.id] }));
  }

  if (active(s, 'track')) out.push(pending('stabilised'));
  if (active(s, 'summarize') && (!s.summary || s.summary.decision === 'returned')) out.push(pending('summarySubmitted'));
  if (s.summary && !s.summary.decision) out.push(pending('summaryDecided', { excludedUsers: [s.summary.submittedBy.id] }));

  out.push(pending('withdraw'), pending('signingKeyAdded'), pending('signingKeyRevoked'));
  return out;
}

export type DecisionCheck<N extends DecisionName> =
  | { ok: true; payload: DecisionPayload<N> }
  | { ok: false; code: 'invalid' | 'forbidden' | 'separation' | 'not-pending'; message: string; issues?: FieldIssue[] };

export interface FieldIssue {
  field: string;
  rule: string;
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || '(body)', rule: i.message }));
}

const hasRole = (by: UserRef, roles: readonly Role[]) => by.roles.some((r) => roles.includes(r));

/**
 * Checks in the order a person would want to hear about them: malformed, not yours to take,
 * not awaited now, and finally the four-eyes rule.
 */
export function checkDecision<N extends DecisionName>(s: IncidentState, name: N, by: UserRef, raw: unknown): DecisionCheck<N> {
  const parsed = decisionSchema(name).safeParse({ ...(raw as object), by });
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    return { ok: false, code: 'invalid', message: issues.map((i) => `${i.field}: ${i.rule}`).join('; '), issues };
  }
  const payload = parsed.data as unknown as DecisionPayload<N>;
  const info = DECISIONS[name];
  if (!hasRole(by, info.roles)) {
    return { ok: false, code: 'forbidden', message: `「${info.label}」須由 ${info.roles.join('/')} 角色決定` };
  }
  const action = payload as DecisionPayload<'actionRecorded'>;
  if (name === 'actionRecorded' && LEADERSHIP_ACTIONS.includes(action.kind)) {
    if (!hasRole(by, ['approver'])) return { ok: false, code: 'forbidden', message: '平台舉報、移送公安須由領導（approver）決定' };
    if (!action.reason) return { ok: false, code: 'invalid', message: 'reason: 平台舉報、移送公安須說明理由', issues: [{ field: 'reason', rule: 'required for this kind' }] };
  }
  const assessment = payload as DecisionPayload<'assessed'>;
  if (name === 'assessed' && (assessment.confirm ? !assessment.category : !assessment.reason)) {
    const field = assessment.confirm ? 'category' : 'reason';
    return { ok: false, code: 'invalid', message: `${field}: 確認須填類別，排除須說明理由`, issues: [{ field, rule: assessment.confirm ? 'required to confirm' : 'required to dismiss' }] };
  }
  const severity = (payload as DecisionPayload<'escalate'>).severity;
  if (name === 'escalate' && severityRank(severity) <= severityRank(s.severity)) {
    return { ok: false, code: 'invalid', message: `severity: 升級須高於目前級別 ${s.severity}`, issues: [{ field: 'severity', rule: 'must be higher than the current severity' }] };
  }
  if (name === 'deescalate' && severityRank(severity) >= severityRank(s.severity)) {
    return { ok: false, code: 'invalid', message: `severity: 降級須低於目前級別 ${s.severity}`, issues: [{ field: 'severity', rule: 'must be lower than the current severity' }] };
  }

  const keyProblem = signingKeyProblem(s, name, payload as { keyId?: string });
  if (keyProblem) return { ok: false, code: 'invalid', message: `keyId: ${keyProblem.message}`, issues: [{ field: 'keyId', rule: keyProblem.rule }] };

  const releaseNo = (payload as { releaseNo?: number }).releaseNo;
  const candidates = pendingDecisions(s).filter((p) => p.name === name && (releaseNo === undefined || p.releaseNo === releaseNo));
  // drafting a new release carries no number; re-drafting a returned one must name it
  const open = name === 'releaseDrafted' && releaseNo === undefined ? candidates.filter((p) => p.releaseNo === undefined) : candidates;
  if (open.length === 0) {
    const which = releaseNo === undefined ? '' : `（第${releaseNo}號通稿）`;
    return { ok: false, code: 'not-pending', message: `「${info.label}」${which}目前不在待辦之列` };
  }
  if (open.every((p) => p.excludedUsers.includes(by.id))) {
    return { ok: false, code: 'separation', message: `「${info.label}」不得由起草或提交者本人決定（${by.name}）` };
  }
  return { ok: true, payload };
}

/** A revoked key stays known (the policy snapshot still lists it) but is no longer trusted, for good. */
function signingKeyProblem(s: IncidentState, name: DecisionName, { keyId }: { keyId?: string }): { message: string; rule: string } | undefined {
  if (keyId === undefined) return undefined;
  const trusted = s.signing.keyIds.includes(keyId);
  if (name === 'signingKeyAdded') {
    if (trusted) return { message: `金鑰 ${keyId} 已存在`, rule: 'already present' };
    if (s.signing.revokedKeyIds?.includes(keyId)) return { message: `金鑰 ${keyId} 已撤銷，不得再用`, rule: 'revoked keys cannot be trusted again' };
  }
  if (name === 'signingKeyRevoked') {
    if (!trusted) return { message: `本事件不信任金鑰 ${keyId}`, rule: 'must be a key the incident trusts' };
    if (s.signing.keyIds.length === 1) return { message: `${keyId} 是最後一把金鑰：請先新增替代金鑰`, rule: 'cannot revoke the last trusted key' };
  }
  return undefined;
}
