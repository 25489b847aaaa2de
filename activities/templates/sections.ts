// Parts more than one document shows the same way: the incident's particulars, its metrics, the
// seven steps, the deadlines, the reports upward and the timeline.
import { CATEGORY_LABELS } from '../../domain/rules/categories';
import { RESPONSE_LEVEL_LABELS, SEVERITY_LABELS } from '../../domain/rules/grading';
import { stageLabel } from '../../domain/rules/steps';
import type { Metrics } from '../../domain/model/schema';
import { STEPS } from '../../domain/model/schema';
import type { Deadline, IncidentState, TimelineEntry } from '../../domain/model/state';
import { fields, paragraph, table, type Block, type Cell } from './doc';
import { recipientsText } from '../../domain/decisions/report-recipients';
import {
  CHANNEL_LABELS,
  RECIPIENT_LABELS,
  REPORT_CHANNEL_LABELS,
  REPORT_DOCUMENT_LABELS,
  REPORT_KIND_LABELS,
  ROLE_LABELS,
  SENSITIVE_TOPIC_LABELS,
  STEP_LABELS,
  STEP_STATUS_LABELS,
  TIMELINE_KIND_LABELS,
  duration,
  localTime,
  signer,
} from './labels';

export function gradeText(state: IncidentState): string {
  return `${SEVERITY_LABELS[state.severity]}舆情（${RESPONSE_LEVEL_LABELS[state.responseLevel]}）`;
}

export function stageText(state: IncidentState): string {
  return stageLabel(state.currentStep);
}

/** `extra` rows follow the common ones in the same table. */
export function particulars(state: IncidentState, extra: [string, Cell][] = []): Block {
  const i = state.incident;
  return fields([
    ['舆情标题', i.title],
    ['发现时间', localTime(i.discoveredAt)],
    ['来源渠道', CHANNEL_LABELS[i.channel]],
    ['责任部门', i.department],
    ['舆情类别', CATEGORY_LABELS[state.category]],
    ['敏感领域', i.sensitive.topics.map((t) => SENSITIVE_TOPIC_LABELS[t]).join('、') || '无'],
    ['登记人', state.reporter.name],
    ...extra,
  ]);
}

export function sourceLinks(state: IncidentState): Cell[] {
  return state.incident.sourceUrls.map((href) => ({ text: href, href }));
}

export function currentMetrics(state: IncidentState): Metrics {
  return state.metricsHistory.at(-1)?.metrics ?? state.incident.metrics;
}

const METRIC_ROWS: [keyof Metrics, string][] = [
  ['views', '浏览量'],
  ['comments', '评论量'],
  ['reposts', '转发量'],
  ['mainstreamSites', '主流网站转载'],
  ['mainstreamMedia', '主流媒体介入'],
];

const shown = (v: number | boolean) => (typeof v === 'boolean' ? (v ? '是' : '否') : v.toLocaleString('en-US'));

function change(now: number | boolean, before: number | boolean): string {
  if (typeof now === 'boolean' || typeof before === 'boolean') return now === before ? '不变' : now ? '新增' : '消失';
  const d = now - before;
  if (d === 0) return '持平';
  const pct = before > 0 ? `（${d > 0 ? '+' : ''}${((d / before) * 100).toFixed(1)}%）` : '';
  return `${d > 0 ? '+' : ''}${d.toLocaleString('en-US')}${pct}`;
}

/** With `before`, a third column shows the change, as a bulletin compares with the last one. */
export function metricsTable(now: Metrics, before?: Metrics): Block {
  return before
    ? table(['指标', '本期', '上期', '变化'], METRIC_ROWS.map(([k, label]) => [label, shown(now[k]), shown(before[k]), change(now[k], before[k])]))
    : table(['指标', '数值'], METRIC_ROWS.map(([k, label]) => [label, shown(now[k])]));
}

export function stepsTable(state: IncidentState): Block {
  return table(
    ['步骤', '状态', '开始', '结束', '说明'],
    STEPS.map((step, n) => {
      const s = state.steps[step];
      return [`${n + 1}. ${STEP_LABELS[step]}`, STEP_STATUS_LABELS[s.status], localTime(s.startedAt), localTime(s.endedAt), s.reason ?? ''];
    }),
  );
}

/** The instant a document is "as of": the close of the incident, or now while it runs. */
export function asOf(state: IncidentState, now: Date): string {
  return state.closed?.at ?? now.toISOString();
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

export type DeadlineOutcome = 'cancelled' | 'onTime' | 'late' | 'missed' | 'open';

export function deadlineOutcome(d: Deadline, at: string): DeadlineOutcome {
  if (d.cancelled) return 'cancelled';
  if (d.metAt) return lateBy(d) > 0 ? 'late' : 'onTime';
  return d.breachedAt || Date.parse(at) > Date.parse(d.dueAt) ? 'missed' : 'open';
}

function lateBy(d: Deadline): number {
  return d.lateByMinutes ?? (d.metAt ? Math.max(0, minutesBetween(d.dueAt, d.metAt)) : 0);
}

export function outcomeText(d: Deadline, at: string): string {
  switch (deadlineOutcome(d, at)) {
    case 'cancelled':
      return '已取消';
    case 'onTime':
      return '按时完成';
    case 'late':
      return `逾期${duration(lateBy(d))}完成`;
    case 'missed':
      return `逾期未完成（已逾期${duration(minutesBetween(d.dueAt, at))}）`;
    case 'open':
      return '未到期';
  }
}

/**
 * Who met it: the person whose decision the timeline records at the moment it was met, else the
 * one whose submission met it (findings, the summary), as the state records them.
 */
function metBy(d: Deadline, state: IncidentState): string {
  if (!d.metAt) return '';
  const submitted = d.kind === 'verification' ? state.findings?.submittedBy : d.kind === 'summary' ? state.summary?.submittedBy : undefined;
  return state.timeline.find((e) => e.at === d.metAt && e.by)?.by ?? submitted?.name ?? '';
}

/** One row a deadline: who answered for it (the role, and the person who met it when one did) and how it ended. */
export function deadlinesTable(state: IncidentState, at: string): Block {
  return table(
    ['时限', '责任方', '截止', '完成', '办理人', '结果'],
    state.deadlines.map((d) => [
      d.label + (d.uncoveredYears?.length ? `（${d.uncoveredYears.join('、')}年节假日安排未公布，截止时间待核）` : ''),
      ROLE_LABELS[d.responsible],
      localTime(d.dueAt),
      localTime(d.metAt),
      metBy(d, state) || '—',
      outcomeText(d, at),
    ]),
    '尚无时限。',
  );
}

/** Every report upward (首报, 书面补报, 续报, 终报): to whom, how, with which document, on time or late. */
export function reportsTable(state: IncidentState): Block {
  return table(
    ['时间', '类别', '报送对象', '方式', '所附文件', '报送人', '情况'],
    state.reports.map((r) => [
      localTime(r.at),
      r.kind ? REPORT_KIND_LABELS[r.kind] : '—',
      recipientsText(r),
      REPORT_CHANNEL_LABELS[r.channel],
      r.document ? `${REPORT_DOCUMENT_LABELS[r.document]}${r.bulletinNo ? `第${r.bulletinNo}期` : ''}` : '—',
      signer(r.by, r.unsigned),
      r.late ? '迟报' : '按时',
    ]),
    '未上报。',
  );
}

/** The recipients the grade requires and no report has reached yet (篇五; 漏报 once the incident closed). */
export function owedText(state: IncidentState): string | undefined {
  const owed = state.reportsOwed ?? [];
  if (!owed.length) return undefined;
  const names = owed.map((r) => RECIPIENT_LABELS[r]).join('、');
  return state.closed ? `按预案应报而未报送：${names}。` : `按预案尚须报送：${names}。`;
}

export function reportsOwed(state: IncidentState): Block[] {
  const text = owedText(state);
  return text ? [paragraph(text)] : [];
}

/** The spread in one sentence, as a report words it: 浏览2,100次、评论160条…，已有2家主流网站转载。 */
export function spreadText(m: Metrics): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return [
    `浏览${n(m.views)}次、评论${n(m.comments)}条、转发${n(m.reposts)}次`,
    m.mainstreamSites > 0 ? `已有${n(m.mainstreamSites)}家主流网站转载` : '暂无主流网站转载',
    ...(m.mainstreamMedia ? ['主流媒体已介入'] : []),
  ].join('，');
}

export function timelineTable(entries: TimelineEntry[], empty = '无。'): Block {
  return table(
    ['时间', '类型', '事项', '经办人'],
    entries.map((e) => [localTime(e.at), TIMELINE_KIND_LABELS[e.kind], e.text, e.by ?? '']),
    empty,
  );
}
