// Texts the Temporal UI shows for an incident: the current-details Markdown block and the
// one-line summaries of its start, timers and activities. Pure, so the API (start options) and
// the workflow (setCurrentDetails) render the same words.
import type { CalendarSnapshot, IncidentFields, Severity } from '../model/schema';
import type { Deadline, IncidentState, PendingDecision } from '../model/state';
import { type KeyOf, label } from '../labels';
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
import { scriptOfState, wording, type Script } from '../script';

/** `【重大】某地网传… · 宣传部`; in English `[Major] … · Publicity Department` */
export function incidentSummary(fields: Pick<IncidentFields, 'title' | 'department'>, severity: Severity, drill?: boolean, script: Script = 'zh-Hans'): string {
  const title = fields.title.length > 40 ? `${fields.title.slice(0, 39)}…` : fields.title;
  const grade = wording(script)(`【${SEVERITY_LABELS[severity]}】`, `[${label('severity', severity, 'en')}] `);
  return drillMarked(drill, `${grade}${markdownText(title)} · ${markdownText(fields.department)}`, script);
}

export function incidentStaticDetails(fields: IncidentFields, reporterName: string, cal: CalendarSnapshot, script: Script = 'zh-Hans'): string {
  const discovered = formatLocalFull(Date.parse(fields.discoveredAt), cal);
  const w = wording(script);
  return [
    w(
      `**类别** ${CATEGORY_LABELS[fields.category]}　**渠道** ${CHANNEL_LABELS[fields.channel]}`,
      `**Category** ${label('category', fields.category, 'en')}  **Channel** ${label('channel', fields.channel, 'en')}`,
    ),
    w(`**发现时间** ${discovered}　**报告人** ${markdownText(reporterName)}`, `**Discovered** ${discovered}  **Reported by** ${markdownText(reporterName)}`),
    '',
    ...fields.sourceUrls.map((u) => `- ${markdownUrl(u)}`),
  ].join('\n');
}

export function deadlineTimerSummary(d: Deadline, cal: CalendarSnapshot, script: Script = 'zh-Hans'): string {
  return wording(script)(`${d.label} 至 ${formatLocal(Date.parse(d.dueAt), cal)}`, `${d.label} due ${formatLocalFull(Date.parse(d.dueAt), cal)}`);
}

// The Temporal UI shows this Markdown in a box about four lines high and clips the rest, so the
// lines go by what a reader needs first (the step, then who must decide what), one line each;
// hard line breaks (a backslash) keep them apart without a paragraph's gap.
export function currentDetails(s: IncidentState, cal: CalendarSnapshot, nowMs: number): string {
  const script = scriptOfState(s);
  const w = wording(script);
  const lang = script === 'en' ? 'en' : 'zh-Hans';
  const L = <S extends 'severity' | 'responseLevel' | 'recipient'>(section: S, key: KeyOf<S>) => label(section, key, lang);
  const list = (items: string[]) => items.join(w('、', ', '));
  const step = stageLabel(currentStep(s), lang);
  const duty = dutyOn(s) ? w(`　**24小时值班中**`, '  **24-hour duty on**') : '';
  const grade = w(`${L('severity', s.severity)}（${L('responseLevel', s.responseLevel)}）`, `${L('severity', s.severity)} (${L('responseLevel', s.responseLevel)})`);
  const lines = [drillMarked(s.drill, `**${step}**${w('　', '  ')}${grade}${duty}`, script)];
  const waiting = s.pendingDecisions.filter((p) => p.expected);
  if (waiting.length) {
    const owed = (p: PendingDecision) => (p.owed?.length ? `${w('：', ': ')}${list(p.owed.map((r) => L('recipient', r)))}` : '');
    const roles = (p: PendingDecision) => p.roles.map((r) => roleLabel(r, lang)).join(w('或', ' or '));
    const items = waiting.map((p) =>
      w(
        `${p.label}${p.releaseNo ? `第${p.releaseNo}号` : ''}${p.responseNo ? `第${p.responseNo}号回应` : ''}${owed(p)}（${roles(p)}）`,
        `${p.label}${p.releaseNo ? ` #${p.releaseNo}` : ''}${p.responseNo ? ` (response #${p.responseNo})` : ''}${owed(p)} (${roles(p)})`,
      ),
    );
    lines.push(w(`待决定：${items.join('；')}`, `Awaiting: ${items.join('; ')}`));
  }
  const left = (due: number) => {
    const rest = formatLateness(Math.ceil((due - nowMs) / 60_000), lang);
    return due > nowMs ? w(`剩 ${rest}`, `${rest} left`) : w('已到期', 'due now');
  };
  const when = (due: string) => `${formatLocalFull(Date.parse(due), cal)}${w(`（${left(Date.parse(due))}）`, ` (${left(Date.parse(due))})`)}`;
  const next = nextDeadline(s);
  if (next) lines.push(`${w('下一期限：', 'Next deadline: ')}${next.label} ${when(next.dueAt)}`);
  // issued by the workflow itself, so a line of its own rather than a deadline someone may miss
  const bulletin = s.tracking?.next;
  if (bulletin) lines.push(w(`下一期通报：${label('document', 'bulletin')} 第${bulletin.no}期 ${when(bulletin.dueAt)}`, `Next bulletin: ${label('document', 'bulletin', 'en')} No. ${bulletin.no} ${when(bulletin.dueAt)}`));
  const missed = list(s.deadlines.filter((d) => d.breachedAt).map((d) => d.label));
  if (s.breachCount) lines.push(w(`已超期 ${s.breachCount} 次：${missed}`, `Missed ${s.breachCount} times: ${missed}`));
  if (s.deadlines.some((d) => d.uncoveredYears?.length)) lines.push(w('⚠ 期限跨入未公布节假日安排的年份，仅按周末计算', '⚠ Deadlines reach into a year whose public holidays are not yet published: only weekends are counted'));
  return lines.join('\\\n');
}
