// 存在问题 as far as the record shows them by itself: deadlines missed or met late (篇二十/第六篇
// holds late and missed reports to account), reports late or still owed, and decisions accepted
// without the API's signature, whose authorship the office has to confirm by other means.
import type { IncidentState } from '../../domain/model/state';
import { label } from '../../domain/labels';
import { recipientsText } from '../../domain/decisions/report-recipients';
import { REPORT_KIND_LABELS, ROLE_LABELS, dayTime, localYearOf } from './labels';
import { deadlineOutcome, outcomeText, owedText } from './sections';

/** every record a decision wrote unsigned, by what it was */
function unsignedDecisions(state: IncidentState): Map<string, number> {
  const marks: [string, unknown][] = [
    [label('decision', 'assessed'), state.assessment?.unsigned],
    [label('decision', 'planDrafted'), state.plan?.draftedBy && state.plan.unsigned],
    [label('decision', 'planDecided'), !state.plan?.draftedBy && state.plan?.unsigned],
    ...(state.plan?.decisions ?? []).map((d): [string, unknown] => [label('decision', 'planDecided'), d.unsigned]),
    ...state.reports.map((r): [string, unknown] => ['上报', r.unsigned]),
    ...(state.forwards ?? []).map((f): [string, unknown] => ['转达', f.unsigned]),
    [label('decision', 'findingsSubmitted'), state.findings?.unsigned],
    [label('decision', 'findingsReviewed'), state.findings?.reviewUnsigned],
    ...state.actions.map((a): [string, unknown] => [label('decision', 'actionRecorded'), a.unsigned]),
    ...state.responses.flatMap((r): [string, unknown][] => [['拟写回应', r.unsigned], ...(r.decisions ?? []).map((d): [string, unknown] => [label('decision', 'responseApproved'), d.unsigned])]),
    ...state.releases.flatMap((r): [string, unknown][] => [[label('decision', 'releaseDrafted'), r.unsigned], ...r.reviews.map((v): [string, unknown] => ['审核通稿', v.unsigned])]),
    ...state.escalations.map((e): [string, unknown] => ['调整级别', e.unsigned]),
    ...state.metricsHistory.map((m): [string, unknown] => [label('decision', 'metricsUpdated'), m.unsigned]),
    ['申请答复延期', state.replyExtension?.unsigned],
    ['审批答复延期', state.replyExtension?.decisionUnsigned],
    ...(state.tracking?.issued ?? []).map((b): [string, unknown] => ['编发通报', b.unsigned]),
    [label('decision', 'summarySubmitted'), state.summary?.unsigned],
    [label('decision', 'summaryDecided'), state.summary?.decisionUnsigned],
    ['结案', state.closed?.unsigned],
  ];
  const counts = new Map<string, number>();
  for (const [what, unsigned] of marks) if (unsigned === true) counts.set(what, (counts.get(what) ?? 0) + 1);
  return counts;
}

/**
 * One sentence a problem; none when the record shows none. `owed`: the late and missed ones, which
 * the plans hold someone to account for; `unsigned`: the decisions to confirm.
 */
export function problems(state: IncidentState, at: string): { owed: string[]; unsigned: string[] } {
  const year = localYearOf(state.incident.discoveredAt);
  const deadlines = state.deadlines
    .filter((d) => ['late', 'missed'].includes(deadlineOutcome(d, at)))
    .map((d) => `${d.label}${outcomeText(d, at)}，责任方为${ROLE_LABELS[d.responsible]}。`);
  const late = state.reports
    .filter((r) => r.late)
    .map((r) => `${dayTime(r.at, year)}${r.by.name}向${recipientsText(r)}的${r.kind ? REPORT_KIND_LABELS[r.kind] : '报告'}迟报。`);
  const owed = owedText(state);
  const unsigned = [...unsignedDecisions(state)];
  const total = unsigned.reduce((n, [, k]) => n + k, 0);
  return {
    owed: [...deadlines, ...late, ...(owed ? [owed] : [])],
    unsigned: total
      ? [`${total}项决定未经系统签名即按标记接受（${unsigned.map(([what, k]) => `${what}${k}项`).join('、')}），应另行核实决定人并补办确认手续。`]
      : [],
  };
}
