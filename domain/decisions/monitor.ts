// Step 1 decisions: 研判 of an alert and the report upward (the handling plan is plan.ts).
import { z } from 'zod';
import { Category, Severity } from '../model/schema';
import { openCategoryDeadlines } from '../incident/initial-state';
import { openDeadline, openDeadlines } from '../incident/deadline-book';
import { label } from '../labels';
import { CATEGORY_LABELS } from '../rules/categories';
import { severityRank, SEVERITY_LABELS } from '../rules/grading';
import { changeSeverity, meet, needsWrittenReport, opened, REOPENED } from './changes';
import { comment, text } from './fields';
import { defineDecision, invalid } from './spec';

export const assessed = defineDecision({
  fields: z.object({ confirm: z.boolean(), category: Category.optional(), severity: Severity.optional(), title: text(200).optional(), reason: comment }),
  roles: ['monitor'],
  description: '研判監測系統推送的信息：確認（須填類別，可定級）或排除（須說明理由）。{confirm, category?, severity?, title?, reason?}',
  occasions: (s) => (s.origin && !s.assessment ? [{}] : []),
  check(_s, p) {
    if (p.confirm && !p.category) return invalid('category', 'required to confirm', '確認須填類別，排除須說明理由');
    if (!p.confirm && !p.reason) return invalid('reason', 'required to dismiss', '確認須填類別，排除須說明理由');
    return undefined;
  },
  apply(s, p, ctx) {
    s.assessment = { confirmed: p.confirm, by: p.by, at: ctx.at, ...(p.reason ? { reason: p.reason } : {}), ...ctx.mark };
    if (!p.confirm) {
      s.closed = { at: ctx.at, outcome: 'dismissed', reason: p.reason };
      for (const d of s.deadlines) if (!d.metAt) d.cancelled = true;
      ctx.result.deadlinesChanged = true;
      return `排除：${p.reason}`;
    }
    s.category = s.incident.category = p.category!;
    if (p.title) s.incident.title = p.title;
    openCategoryDeadlines(s, ctx.policy);
    ctx.result.deadlinesChanged = true;
    const reopened = !!p.severity && severityRank(p.severity) > severityRank(s.severity) && changeSeverity(s, p.severity, ctx, '研判定級', p.by);
    return `確認為${CATEGORY_LABELS[s.category]}，${SEVERITY_LABELS[s.severity]}${reopened ? REOPENED : ''}`;
  },
});

export const reportFiled = defineDecision({
  fields: z.object({ channel: z.enum(['verbal', 'written']), to: text(200) }),
  roles: ['handler', 'approver'],
  meets: ['report', 'writtenReport'],
  description: '上報上級，結束上報期限。{channel:"verbal"|"written", to}',
  // the first report, the written one after a verbal one, and the report a rise in grade owes
  occasions: (s) => (s.reports.length === 0 || needsWrittenReport(s) || openDeadlines(s, ['report']).length > 0 ? [{}] : []),
  apply(s, p, ctx) {
    const late = s.deadlines.some((d) => d.kind === 'report' && d.breachedAt && !d.metAt);
    s.reports.push({ channel: p.channel, to: p.to, by: p.by, at: ctx.at, late, ...ctx.mark });
    meet(ctx, s, 'report');
    if (p.channel === 'written') meet(ctx, s, 'writtenReport');
    else if (needsWrittenReport(s)) opened(ctx, openDeadline(s, ctx.policy, 'writtenReport', ctx.nowMs));
    return `${label('reportChannel', p.channel)}上報 ${p.to}`;
  },
});
