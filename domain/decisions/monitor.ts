// Step 1 decisions: 研判 of an alert, forwarding to the department, the reports upward, leadership's
// decision on the handling plan.
import { z } from 'zod';
import { Category, Recipient, RECIPIENTS, REPORT_CHANNELS, REPORT_DOCUMENTS, REPORT_KINDS, Severity } from '../model/schema';
import type { IncidentState } from '../model/state';
import { openCategoryDeadlines } from '../incident/initial-state';
import { openDeadline, openDeadlines } from '../incident/deadline-book';
import { label } from '../labels';
import { CATEGORY_LABELS } from '../rules/categories';
import { severityRank, SEVERITY_LABELS } from '../rules/grading';
import { changeSeverity, meet, needsWrittenReport, opened, REOPENED, REOPENED_EN } from './changes';
import { comment, text } from './fields';
import { handling } from './open';
import { recipientsText, reportsAsPlans, settleOwed } from './report-recipients';
import { defineDecision, invalid, type Occasion, say } from './spec';

export const assessed = defineDecision({
  fields: z.object({ confirm: z.boolean(), category: Category.optional(), severity: Severity.optional(), title: text(200).optional(), reason: comment }),
  roles: ['monitor'],
  description: '研判监测系统推送的信息：确认（须填类别，可定级）或排除（须说明理由）。{confirm, category?, severity?, title?, reason?}',
  descriptionEn: "Assess an alert from a monitoring system: confirm it (category required, grade optional) or dismiss it (reason required). {confirm, category?, severity?, title?, reason?}",
  occasions: (s) => (s.origin && !s.assessment ? [{}] : []),
  check(_s, p) {
    if (p.confirm && !p.category) return invalid('category', 'required to confirm', '确认须填类别，排除须说明理由');
    if (!p.confirm && !p.reason) return invalid('reason', 'required to dismiss', '确认须填类别，排除须说明理由');
    return undefined;
  },
  apply(s, p, ctx) {
    s.assessment = { confirmed: p.confirm, by: p.by, at: ctx.at, ...(p.reason ? { reason: p.reason } : {}), ...ctx.mark };
    if (!p.confirm) {
      s.closed = { at: ctx.at, outcome: 'dismissed', reason: p.reason };
      for (const d of s.deadlines) if (!d.metAt) d.cancelled = true;
      ctx.result.deadlinesChanged = true;
      return say(s)(`排除：${p.reason}`, `Dismissed: ${p.reason}`);
    }
    s.category = s.incident.category = p.category!;
    if (p.title) s.incident.title = p.title;
    openCategoryDeadlines(s, ctx.policy);
    ctx.result.deadlinesChanged = true;
    const w = say(s);
    const reopened = !!p.severity && severityRank(p.severity) > severityRank(s.severity) && changeSeverity(s, p.severity, ctx, w('研判定级', 'graded on assessment'), p.by);
    return w(
      `确认为${CATEGORY_LABELS[s.category]}，${SEVERITY_LABELS[s.severity]}${reopened ? REOPENED : ''}`,
      `Confirmed as ${label('category', s.category, 'en')}, ${label('severity', s.severity, 'en')}${reopened ? REOPENED_EN : ''}`,
    );
  },
});

/** a bound on the reports one incident records: first, follow-ups, 续报 and final fit well within it */
export const MAX_REPORTS = 50;
/** forwarding again (to a second department) is open, within this bound */
export const MAX_FORWARDS = 20;

/**
 * Incidents started before the reports the plans require: the first report, the written one after a
 * verbal one, and the report a rise in grade owes. Since then: any number of reports while the
 * incident is open, awaited while a report deadline runs or a required recipient is owed.
 */
function reportOccasions(s: IncidentState): Occasion[] {
  if (!reportsAsPlans(s)) return s.reports.length === 0 || needsWrittenReport(s) || openDeadlines(s, ['report']).length > 0 ? [{}] : [];
  if (s.reports.length >= MAX_REPORTS) return [];
  const owed = s.reportsOwed ?? [];
  const awaited = owed.length > 0 || needsWrittenReport(s) || openDeadlines(s, ['report', 'writtenReport']).length > 0;
  return [{ ...(owed.length ? { owed } : {}), ...(awaited ? {} : { standing: true as const }) }];
}

export const reportFiled = defineDecision({
  fields: z.object({
    kind: z.enum(REPORT_KINDS).optional(),
    recipients: z.array(Recipient).max(RECIPIENTS.length).optional(),
    otherRecipient: text(200).optional(),
    channel: z.enum(REPORT_CHANNELS),
    document: z.enum(REPORT_DOCUMENTS).optional(),
    bulletinNo: z.number().int().positive().max(1_000_000).optional(),
    // the free-text recipient of the payloads from before the recipients were named: still taken, shown as written
    to: text(200).optional().meta({ deprecated: true }),
  }),
  roles: ['handler', 'approver'],
  meets: ['report', 'writtenReport'],
  description:
    '上报上级（首报、书面补报、续报、终报），可多次；写明报送对象、方式与所附文件。{kind:"first"|"writtenFollowUp"|"progress"|"final", recipients:["partyOffice"|"superiorDepartment"|"cyberspace"|"propaganda"|"police"|"other"], otherRecipient?, channel:"verbal"|"written", document?:"special"|"bulletin"|"none", bulletinNo?}',
  descriptionEn: "Report upward (first, written follow-up, progress, final), as often as needed, naming the recipients, the channel and the document attached. {kind:\"first\"|\"writtenFollowUp\"|\"progress\"|\"final\", recipients:[\"partyOffice\"|\"superiorDepartment\"|\"cyberspace\"|\"propaganda\"|\"police\"|\"other\"], otherRecipient?, channel:\"verbal\"|\"written\", document?:\"special\"|\"bulletin\"|\"none\", bulletinNo?}",
  occasions: reportOccasions,
  check(s, p) {
    if (!p.recipients?.length && !p.to) return invalid(reportsAsPlans(s) ? 'recipients' : 'to', 'required', '须写明报送对象');
    if (p.recipients?.includes('other') && !p.otherRecipient) return invalid('otherRecipient', 'required for other', '选择「其他对象」须写明是谁');
    if (p.kind === 'writtenFollowUp' && p.channel !== 'written') return invalid('channel', 'must be written for a written follow-up', '书面补报须为书面方式');
    if (p.bulletinNo !== undefined && p.document !== 'bulletin') return invalid('bulletinNo', 'only with a bulletin', '期号只用于所附的《网络舆情通报》');
    return undefined;
  },
  apply(s, p, ctx) {
    const late = s.deadlines.some((d) => d.kind === 'report' && d.breachedAt && !d.metAt);
    const { kind, recipients, otherRecipient, to, document, bulletinNo } = p;
    s.reports.push({
      channel: p.channel,
      ...(kind ? { kind } : {}),
      ...(recipients?.length ? { recipients: [...new Set(recipients)] } : {}),
      ...(otherRecipient ? { otherRecipient } : {}),
      ...(to ? { to } : {}),
      ...(document ? { document } : {}),
      ...(bulletinNo ? { bulletinNo } : {}),
      by: p.by,
      at: ctx.at,
      late,
      ...ctx.mark,
    });
    // timeliness: the first report upward, to whomever, meets the deadline; whom it still owes stays listed
    meet(ctx, s, 'report');
    if (p.channel === 'written') meet(ctx, s, 'writtenReport');
    else if (needsWrittenReport(s)) opened(ctx, openDeadline(s, ctx.policy, 'writtenReport', ctx.nowMs));
    settleOwed(s, ctx.policy);
    const head = kind ? `${label('reportKind', kind)}，` : '';
    const carried = document && document !== 'none' ? `，附${label('reportDocument', document)}${bulletinNo ? `第${bulletinNo}期` : ''}` : '';
    const owed = s.reportsOwed?.length ? `；尚未报送：${s.reportsOwed.map((r) => label('recipient', r)).join('、')}` : '';
    const headEn = kind ? `${label('reportKind', kind, 'en')}, ` : '';
    const carriedEn = document && document !== 'none' ? `, with the ${label('reportDocument', document, 'en')}${bulletinNo ? ` No. ${bulletinNo}` : ''}` : '';
    const owedEn = s.reportsOwed?.length ? `; not yet reported to: ${s.reportsOwed.map((r) => label('recipient', r, 'en')).join(', ')}` : '';
    return say(s)(
      `${head}${label('reportChannel', p.channel)}上报 ${recipientsText(p)}${carried}${owed}`,
      `${headEn}${label('reportChannel', p.channel, 'en').toLowerCase()} report to ${recipientsText(p, 'en')}${carriedEn}${owedEn}`,
    );
  },
});

export const forwarded = defineDecision({
  fields: z.object({ department: text(100), channel: z.enum(REPORT_CHANNELS), note: comment }),
  roles: ['handler'],
  meets: ['forward'],
  description: '将舆情转达责任部门（业务科室），结束转达期限；可再转达其他部门。{department, channel:"verbal"|"written", note?}',
  descriptionEn: "Forward the incident to the department responsible, which meets the forwarding deadline; it may be forwarded to further departments. {department, channel:\"verbal\"|\"written\", note?}",
  // incidents from before forwarding was recorded have no `forwards`: never open there
  occasions: (s) => {
    if (!s.forwards || !handling(s) || s.forwards.length >= MAX_FORWARDS) return [];
    return openDeadlines(s, ['forward']).length ? [{}] : [{ standing: true }];
  },
  apply(s, p, ctx) {
    s.forwards!.push({ department: p.department, channel: p.channel, note: p.note, by: p.by, at: ctx.at, ...ctx.mark });
    meet(ctx, s, 'forward');
    return say(s)(`${label('reportChannel', p.channel)}转达 ${p.department}${p.note ? `：${p.note}` : ''}`, `Forwarded to ${p.department} (${label('reportChannel', p.channel, 'en').toLowerCase()})${p.note ? `: ${p.note}` : ''}`);
  },
});
