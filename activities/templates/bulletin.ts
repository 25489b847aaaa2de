// 《网络舆情通报》第N期: the tracking bulletin of step 6, issued until the item is gone or stable
// (篇二十/第一篇 "拟制报送《网络舆情通报》，直至网络舆情消除"). Each issue says how the spread
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
  if (!before) return '首次监测，暂无对比数据。';
  const grew = now.views - before.views + (now.comments - before.comments) + (now.reposts - before.reposts);
  const media = now.mainstreamSites > before.mainstreamSites || (now.mainstreamMedia && !before.mainstreamMedia);
  if (grew > 0 || media) return `与上期相比，舆情仍在扩散${media ? '，主流媒体关注增加' : ''}，需持续跟踪研判。`;
  if (grew < 0) return '与上期相比，传播数据有所回落。';
  return '与上期相比，传播数据无明显变化，舆情趋于平稳。';
}

export function bulletin(state: IncidentState, sequence: number, now: Date): Doc {
  const at = asOf(state, now);
  const since = previousIssueAt(state, sequence);
  const metrics = currentMetrics(state);
  const before = baseline(state, since);
  const news = state.timeline.filter((e) => !since || e.at > since);
  const pending = state.pendingDecisions.map(
    (p) => `${p.label}${p.releaseNo ? `（第${p.releaseNo}号通稿）` : ''}：${p.roles.map((r) => ROLE_LABELS[r]).join('或')}`,
  );
  return {
    title: `网络舆情通报（第${sequence}期）`,
    meta: [state.incident.title, `截至${localTime(at)}`, TIME_NOTE],
    blocks: [
      heading('事件概况'),
      fields([
        ['舆情标题', state.incident.title],
        ['发现时间', localTime(state.incident.discoveredAt)],
        ['当前级别', gradeText(state)],
        ['当前阶段', stageText(state)],
      ]),
      heading('传播态势'),
      metricsTable(metrics, before),
      paragraph(trend(metrics, before)),
      heading('处置进展'),
      stepsTable(state),
      heading('时限执行'),
      deadlinesTable(state, at),
      heading(since ? '上期以来动态' : '动态'),
      timelineTable(news, '本期无新动态。'),
      heading('待办事项'),
      pending.length ? list(pending) : paragraph('暂无待办决定。'),
    ],
  };
}
