// The handling plan as the 专报 and the 汇报 print it: what the office drafted (measures, 口径, who
// does what, publication plan) and leadership's decisions on it. A plan from a history in which
// leadership wrote it while approving is one paragraph of text.
import type { HandlingPlan, IncidentState } from '../../domain/model/state';
import { fields, heading, paragraph, subheading, table, type Block } from './doc';
import { UNSIGNED_MARK, localTime, signer } from './labels';

function decisionText(p: HandlingPlan): string {
  // the decision's own mark: on its record for a drafted plan, on the plan for the older ones
  const unsigned = p.draftedBy ? p.decisions?.at(-1)?.unsigned : p.unsigned;
  if (p.decision === 'approved') return `已批准（${p.approvedBy ? signer(p.approvedBy, unsigned) : ''}，${localTime(p.approvedAt)}）`;
  if (p.decision === 'rejected') return `已退回${p.approvedBy ? `（${signer(p.approvedBy, unsigned)}）` : unsigned ? UNSIGNED_MARK : ''}，需重新拟定`;
  return '待领导审批';
}

function drafted(p: HandlingPlan): Block[] {
  if (!p.draftedBy) return p.text ? [paragraph(p.text)] : [];
  return [
    fields([['拟稿', `${signer(p.draftedBy, p.unsigned)}，${localTime(p.draftedAt)}（第${p.revision ?? 1}稿）`]]),
    subheading('处置措施'),
    paragraph(p.measures ?? ''),
    subheading('回应口径'),
    paragraph(p.messageLine ?? ''),
    subheading('分工'),
    table(['责任人（单位）', '任务'], (p.assignments ?? []).map((a) => [a.who, a.task]), '未列分工。'),
    subheading('发布计划'),
    paragraph(p.publicationPlan ?? ''),
  ];
}

/** `trail`: also every decision taken on it (the 汇报 keeps the whole record). */
export function planBlocks(state: IncidentState, opts: { trail?: boolean } = {}): Block[] {
  const p = state.plan;
  if (!p) return [];
  const trail = opts.trail && p.decisions?.length
    ? [
        subheading('审批记录'),
        table(
          ['时间', '审批人', '结果', '意见'],
          p.decisions.map((d) => [localTime(d.at), signer(d.by, d.unsigned), d.approve ? '批准' : '退回', d.comment]),
        ),
      ]
    : [];
  return [
    heading('处置方案'),
    ...drafted(p),
    fields([['审批情况', decisionText(p)], ...(p.comment ? ([['审批意见', p.comment]] as [string, string][]) : [])]),
    ...trail,
  ];
}
