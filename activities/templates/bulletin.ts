// 《網絡輿情通報》第N期: the tracking bulletin of step 6, issued until the item is gone or stable
// (篇二十/第一篇 "擬制報送《網絡輿情通報》，直至網絡輿情消除"). Each issue says how the spread
// changed since the last one, where handling stands and which deadlines are due or missed.
import type { Metrics } from '../../domain/model/schema';
import type { IncidentState } from '../../domain/model/state';
import { fields, heading, list, paragraph, type Doc } from './doc';
import { ROLE_LABELS, TIME_NOTE, localTime } from './labels';
import { asOf, currentMetrics, deadlinesTable, gradeText, metricsTable, stageText, stepsTable, timelineTable } from './sections';

/** When the last issue went out: this issue covers what happened since. */
function previousIssueAt(state: IncidentState, sequence: number): string | undefined {
  return state.documents.find((d) => d.name === `bulletin-${sequence - 1}`)?.createdAt;
}

/** The metrics the last issue showed; for the first issue, the measurement before the current one. */
function baseline(state: IncidentState, since: string | undefined): Metrics | undefined {
  const history = state.metricsHistory;
  if (since) return history.filter((h) => h.at <= since).at(-1)?.metrics;
  return history.at(-2)?.metrics;
}

function trend(now: Metrics, before: Metrics | undefined): string {
  if (!before) return '首次監測，暫無對比數據。';
  const grew = now.views - before.views + (now.comments - before.comments) + (now.reposts - before.reposts);
  const media = now.mainstreamSites > before.mainstreamSites || (now.mainstreamMedia && !before.mainstreamMedia);
  if (grew > 0 || media) return `與上期相比，輿情仍在擴散${media ? '，主流媒體關注增加' : ''}，需持續跟蹤研判。`;
  if (grew < 0) return '與上期相比，傳播數據有所回落。';
  return '與上期相比，傳播數據無明顯變化，輿情趨於平穩。';
}

export function bulletin(state: IncidentState, sequence: number, now: Date): Doc {
  const at = asOf(state, now);
  const since = previousIssueAt(state, sequence);
  const metrics = currentMetrics(state);
  const before = baseline(state, since);
  const news = state.timeline.filter((e) => !since || e.at > since);
  const pending = state.pendingDecisions.map(
    (p) => `${p.label}${p.releaseNo ? `（第${p.releaseNo}號通稿）` : ''}：${p.roles.map((r) => ROLE_LABELS[r]).join('或')}`,
  );
  return {
    title: `網絡輿情通報（第${sequence}期）`,
    meta: [state.incident.title, `截至${localTime(at)}`, TIME_NOTE],
    blocks: [
      heading('事件概況'),
      fields([
        ['輿情標題', state.incident.title],
        ['事件編號', state.workflowId],
        ['發現時間', localTime(state.incident.discoveredAt)],
        ['當前級別', gradeText(state)],
        ['當前階段', stageText(state)],
      ]),
      heading('傳播態勢'),
      metricsTable(metrics, before),
      paragraph(trend(metrics, before)),
      heading('處置進展'),
      stepsTable(state),
      heading('時限執行'),
      deadlinesTable(state, at),
      heading(since ? '上期以來動態' : '動態'),
      timelineTable(news, '本期無新動態。'),
      heading('待辦事項'),
      pending.length ? list(pending) : paragraph('暫無待辦決定。'),
    ],
  };
}
