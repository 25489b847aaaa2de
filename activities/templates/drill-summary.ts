// 《演练总结》: what a drill (演练) closes with instead of the 汇报. It says what was practised (the
// steps gone through and the decisions taken) and how long each task took against its compressed
// deadline, which is what a drill is held to learn from; it is not a record of a real incident.
import type { Deadline, IncidentState } from '../../domain/model/state';
import { DRILL_MARK } from '../../domain/incident/drill';
import { heading, paragraph, table, type Doc } from './doc';
import { labelsOf } from '../../domain/labels';
import { duration, localTime, TIME_NOTE } from './labels';
import { asOf, deadlineOutcome, gradeText, particulars, stepsTable } from './sections';

/** A span in the drill's own scale: compressed deadlines can be shorter than a minute. */
export function spanText(ms: number): string {
  const secs = Math.max(0, Math.round(ms / 1000));
  if (secs < 60) return `${secs}秒`;
  return `${duration(Math.floor(secs / 60))}${secs % 60 ? `${secs % 60}秒` : ''}`;
}

const OUTCOME: Record<ReturnType<typeof deadlineOutcome>, string> = {
  cancelled: '已取消',
  onTime: '按时',
  late: '超时',
  missed: '未完成（已超时）',
  open: '未完成',
};

const STATUS_LABELS = labelsOf('incidentStatus');

/** A drill withdrawn or dismissed cancels what it had not met: in its summary that is "not reached", not "cancelled". */
function deadlineRow(d: Deadline, at: string, endedEarly: boolean): string[] {
  const start = Date.parse(d.startedAt);
  const outcome = endedEarly && d.cancelled && !d.metAt ? '演练结束时未完成' : OUTCOME[deadlineOutcome(d, at)];
  return [
    d.label,
    localTime(d.startedAt),
    spanText(Date.parse(d.dueAt) - start),
    d.metAt ? spanText(Date.parse(d.metAt) - start) : '—',
    outcome,
  ];
}

export function drillSummary(state: IncidentState, now: Date, factor: number): Doc {
  const at = asOf(state, now);
  const decisions = state.timeline.filter((e) => e.kind === 'decision');
  const closed = state.closed;
  const endedEarly = !!closed && closed.outcome !== 'completed';
  const kept = state.deadlines.filter((d) => !d.cancelled || (endedEarly && !d.metAt));
  const onTime = kept.filter((d) => deadlineOutcome(d, at) === 'onTime').length;
  return {
    title: `${DRILL_MARK}演练总结`,
    meta: [state.incident.title, `${localTime(now.toISOString())}印发`, TIME_NOTE],
    blocks: [
      paragraph(`本次为演练，非真实舆情；时限按预案的 ${factor} 倍压缩，通稿只发往演练沙箱，不计入周报、月报。`),
      ...(endedEarly ? [heading('演练结束'), paragraph(`${localTime(closed.at)}${STATUS_LABELS[closed.outcome]}，演练未走完全部步骤。理由：${closed.reason ?? '未说明'}`)] : []),
      heading('演练情况'),
      particulars(state, [['演练级别', gradeText(state)]]),
      heading('演练步骤'),
      stepsTable(state),
      heading('演练中的决定'),
      table(['时间', '事项', '决定人'], decisions.map((e) => [localTime(e.at), e.text, e.by ?? '']), '未作出决定。'),
      heading('用时与时限'),
      paragraph(`${kept.length} 项时限，按时完成 ${onTime} 项。`),
      table(['时限', '起算', '演练时限', '用时', '结果'], kept.map((d) => deadlineRow(d, at, endedEarly)), '尚无时限。'),
    ],
  };
}
