// 《舆情专报》: the special report of step 1, what the office sends upward when an item is found
// (篇二, 篇二十/第一篇): the item, where it is, how far it spread, its grade, the first assessment
// and the handling plan; a later edition carries the plan once leadership approved it.
import { CATEGORY_LABELS } from '../../domain/rules/categories';
import type { Category } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { fields, heading, list, paragraph, subheading, type Block, type Doc } from './doc';
import { SENSITIVE_TOPIC_LABELS, TIME_NOTE, UNSIGNED_MARK, localTime, signer } from './labels';
import { evidenceBlocks } from './evidence';
import { planBlocks } from './plan';
import { currentMetrics, deadlinesTable, gradeText, metricsTable, particulars, reportsOwed, reportsTable, sourceLinks, spreadText } from './sections';

/** 分类处置 (篇二十/第六篇, 篇十二), as the plans word what each category requires. */
const CATEGORY_HANDLING: Record<Category, string> = {
  inquiry: '能即时答复的即时答复；不能即时答复的，当日提出处理意见，办结后及时答复结果',
  hype: '及时发布事实真相；事实公布后仍持续炒作并造成严重危害的，由领导决定移送公安机关',
  fabrication: '公开澄清事实；必要时由领导决定通过平台官方渠道举报，并移送公安机关依法处理',
  suggestion: '对合理建议予以采纳，并答复建议人',
};

function assessment(state: IncidentState): string {
  const m = currentMetrics(state);
  const at = state.metricsHistory.at(-1)?.at ?? state.incident.discoveredAt;
  const spread = spreadText(m);
  const sensitive = state.incident.sensitive;
  const parts = [
    `经初步研判，该舆情为${gradeText(state)}，属「${CATEGORY_LABELS[state.category]}」类。截至${localTime(at)}，${spread}。`,
  ];
  if (sensitive.topics.length) {
    const topics = sensitive.topics.map((t) => SENSITIVE_TOPIC_LABELS[t]).join('、');
    parts.push(`涉及${topics}领域${sensitive.seriousImpact ? '，且有人员伤亡或造成严重社会影响' : ''}。`);
  }
  parts.push(`按分类处置要求：${CATEGORY_HANDLING[state.category]}。`);
  if (state.responseLevel === 'I' || state.responseLevel === 'II') {
    parts.push('依预案，处置方案须经领导审批后方可开始处置。');
  }
  const forward = state.deadlines.find((d) => d.kind === 'forward' && !d.cancelled);
  if (forward) parts.push(`须于${localTime(forward.dueAt)}前转达${state.incident.department}。`);
  const report = state.deadlines.find((d) => d.kind === 'report' && !d.cancelled);
  if (report) parts.push(`须于${localTime(report.dueAt)}前向上级报告。`);
  return parts.join('\n\n');
}

/** `edition`: from 2 on, the edition brought out once leadership approved the plan */
export function specialReport(state: IncidentState, now: Date, edition?: number): Doc {
  const i = state.incident;
  return {
    title: '舆情专报',
    meta: [i.title, ...(edition ? [`第${edition}版（处置方案经领导批准）`] : []), `${localTime(now.toISOString())}报送`, TIME_NOTE],
    blocks: [
      heading('舆情概况'),
      particulars(state),
      subheading('内容摘要'),
      paragraph(i.summary),
      ...(i.excerpt ? [subheading('原文摘录'), paragraph(i.excerpt)] : []),
      heading('信息来源'),
      list(sourceLinks(state)),
      heading('传播情况'),
      metricsTable(currentMetrics(state)),
      heading('研判定级'),
      fields([['舆情级别', gradeText(state)]]),
      subheading('初步研判意见'),
      paragraph(assessment(state)),
      ...planBlocks(state),
      heading('时限要求'),
      deadlinesTable(state, now.toISOString()),
      heading('上报情况'),
      reportsTable(state),
      ...reportsOwed(state),
      ...evidenceBlocks(state),
    ],
  };
}
