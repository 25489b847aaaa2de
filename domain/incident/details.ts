// Texts the Temporal UI shows for an incident: the current-details Markdown block and the
// one-line summaries of its start, timers and activities. Pure, so the API (start options) and
// the workflow (setCurrentDetails) render the same words.
import type { CalendarSnapshot, IncidentFields, Severity } from '../model/schema';
import type { Deadline, IncidentState, PendingDecision } from '../model/state';
import { label } from '../labels';
import { nextDeadline } from './deadline-book';
import { CATEGORY_LABELS } from '../rules/categories';
import { CHANNEL_LABELS } from '../rules/channels';
import { roleLabel } from '../rules/roles';
import { formatLateness, formatLocal, formatLocalFull } from '../rules/deadlines';
import { RESPONSE_LEVEL_LABELS, SEVERITY_LABELS } from '../rules/grading';
import { currentStep, stageLabel } from '../rules/steps';
import { markdownText, markdownUrl } from '../markup';
import { drillMarked } from './drill';
import { dutyOn } from '../duty/around-the-clock';

/** `【重大】某地网传… · 宣传部` */
export function incidentSummary(fields: Pick<IncidentFields, 'title' | 'department'>, severity: Severity, drill?: boolean): string {
  const title = fields.title.length > 40 ? `${fields.title.slice(0, 39)}…` : fields.title;
  return drillMarked(drill, `【${SEVERITY_LABELS[severity]}】${markdownText(title)} · ${markdownText(fields.department)}`);
}

export function incidentStaticDetails(fields: IncidentFields, reporterName: string, cal: CalendarSnapshot): string {
  return [
    `**类别** ${CATEGORY_LABELS[fields.category]}　**渠道** ${CHANNEL_LABELS[fields.channel]}`,
    `**发现时间** ${formatLocalFull(Date.parse(fields.discoveredAt), cal)}　**报告人** ${markdownText(reporterName)}`,
    '',
    ...fields.sourceUrls.map((u) => `- ${markdownUrl(u)}`),
  ].join('\n');
}

export function deadlineTimerSummary(d: Deadline, cal: CalendarSnapshot): string {
  return `${d.label} 至 ${formatLocal(Date.parse(d.dueAt), cal)}`;
}

// The Temporal UI shows this Markdown in a box about four lines high and clips the rest, so the
// lines go by what a reader needs first (the step, then who must decide what), one line each;
// hard line breaks (a backslash) keep them apart without a paragraph's gap.
export function currentDetails(s: IncidentState, cal: CalendarSnapshot, nowMs: number): string {
  const step = currentStep(s);
  const duty = dutyOn(s) ? `　**24小时值班中**` : '';
  const lines = [drillMarked(s.drill, `**${stageLabel(step)}**　${SEVERITY_LABELS[s.severity]}（${RESPONSE_LEVEL_LABELS[s.responseLevel]}）${duty}`)];
  const waiting = s.pendingDecisions.filter((p) => p.expected);
  if (waiting.length) {
    const owed = (p: PendingDecision) => (p.owed?.length ? `：${p.owed.map((r) => label('recipient', r)).join('、')}` : '');
    const items = waiting.map((p) => `${p.label}${p.releaseNo ? `第${p.releaseNo}号` : ''}${p.responseNo ? `第${p.responseNo}号回应` : ''}${owed(p)}（${p.roles.map(roleLabel).join('或')}）`);
    lines.push(`待决定：${items.join('；')}`);
  }
  const left = (due: number) => (due > nowMs ? `剩 ${formatLateness(Math.ceil((due - nowMs) / 60_000))}` : '已到期');
  const next = nextDeadline(s);
  if (next) lines.push(`下一期限：${next.label} ${formatLocalFull(Date.parse(next.dueAt), cal)}（${left(Date.parse(next.dueAt))}）`);
  // issued by the workflow itself, so a line of its own rather than a deadline someone may miss
  const bulletin = s.tracking?.next;
  if (bulletin) lines.push(`下一期通报：${label('document', 'bulletin')} 第${bulletin.no}期 ${formatLocalFull(Date.parse(bulletin.dueAt), cal)}（${left(Date.parse(bulletin.dueAt))}）`);
  if (s.breachCount) lines.push(`已超期 ${s.breachCount} 次：${s.deadlines.filter((d) => d.breachedAt).map((d) => d.label).join('、')}`);
  if (s.deadlines.some((d) => d.uncoveredYears?.length)) lines.push('⚠ 期限跨入未公布节假日安排的年份，仅按周末计算');
  return lines.join('\\\n');
}
