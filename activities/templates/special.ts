// 《輿情專報》: the special report of step 1, what the office sends upward when an item is found
// (篇二, 篇二十/第一篇): the item, where it is, how far it spread, its grade, the first assessment
// and the handling plan; a later edition carries the plan once leadership approved it.
import { CATEGORY_LABELS } from '../../domain/rules/categories';
import type { Category } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { fields, heading, list, paragraph, subheading, type Block, type Doc } from './doc';
import { SENSITIVE_TOPIC_LABELS, TIME_NOTE, UNSIGNED_MARK, localTime, signer } from './labels';
import { evidenceBlocks } from './evidence';
import { planBlocks } from './plan';
import { currentMetrics, deadlinesTable, gradeText, metricsTable, particulars, reportsOwed, reportsTable, sourceLinks } from './sections';

/** 分類處置 (篇二十/第六篇, 篇十二), as the plans word what each category requires. */
const CATEGORY_HANDLING: Record<Category, string> = {
  inquiry: '能即時答復的即時答復；不能即時答復的，當日提出處理意見，辦結後及時答復結果',
  hype: '及時發布事實真相；事實公布後仍持續炒作並造成嚴重危害的，由領導決定移送公安機關',
  fabrication: '公開澄清事實；必要時由領導決定通過平台官方渠道舉報，並移送公安機關依法處理',
  suggestion: '對合理建議予以採納，並答復建議人',
};

function assessment(state: IncidentState): string {
  const m = currentMetrics(state);
  const at = state.metricsHistory.at(-1)?.at ?? state.incident.discoveredAt;
  const spread = [
    `瀏覽${m.views}次、評論${m.comments}條、轉發${m.reposts}次`,
    m.mainstreamSites > 0 ? `已有${m.mainstreamSites}家主流網站轉載` : '暫無主流網站轉載',
    ...(m.mainstreamMedia ? ['主流媒體已介入'] : []),
  ].join('，');
  const sensitive = state.incident.sensitive;
  const parts = [
    `經初步研判，該輿情為${gradeText(state)}，屬「${CATEGORY_LABELS[state.category]}」類。截至${localTime(at)}，${spread}。`,
  ];
  if (sensitive.topics.length) {
    const topics = sensitive.topics.map((t) => SENSITIVE_TOPIC_LABELS[t]).join('、');
    parts.push(`涉及${topics}領域${sensitive.seriousImpact ? '，且有人員傷亡或造成嚴重社會影響' : ''}。`);
  }
  parts.push(`按分類處置要求：${CATEGORY_HANDLING[state.category]}。`);
  if (state.responseLevel === 'I' || state.responseLevel === 'II') {
    parts.push('依預案，處置方案須經領導審批後方可開始處置。');
  }
  const forward = state.deadlines.find((d) => d.kind === 'forward' && !d.cancelled);
  if (forward) parts.push(`須於${localTime(forward.dueAt)}前轉達${state.incident.department}。`);
  const report = state.deadlines.find((d) => d.kind === 'report' && !d.cancelled);
  if (report) parts.push(`須於${localTime(report.dueAt)}前向上級報告。`);
  return parts.join('\n\n');
}

/** `edition`: from 2 on, the edition brought out once leadership approved the plan */
export function specialReport(state: IncidentState, now: Date, edition?: number): Doc {
  const i = state.incident;
  return {
    title: '輿情專報',
    meta: [i.title, ...(edition ? [`第${edition}版（處置方案經領導批准）`] : []), `${localTime(now.toISOString())}報送`, TIME_NOTE],
    blocks: [
      heading('輿情概況'),
      particulars(state),
      subheading('內容摘要'),
      paragraph(i.summary),
      ...(i.excerpt ? [subheading('原文摘錄'), paragraph(i.excerpt)] : []),
      heading('信息來源'),
      list(sourceLinks(state)),
      heading('傳播情況'),
      metricsTable(currentMetrics(state)),
      heading('研判定級'),
      fields([['輿情級別', gradeText(state)]]),
      subheading('初步研判意見'),
      paragraph(assessment(state)),
      ...planBlocks(state),
      heading('時限要求'),
      deadlinesTable(state, now.toISOString()),
      heading('上報情況'),
      reportsTable(state),
      ...reportsOwed(state),
      ...evidenceBlocks(state),
    ],
  };
}
